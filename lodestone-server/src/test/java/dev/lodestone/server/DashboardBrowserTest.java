package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's headless Chromium through Selenium): logs in with the admin key, walks
 * every page checking its figures against the API, runs the evaluator, creates a tenant key, then logs in with that
 * key and checks it cannot see another tenant. With DASHBOARD_SCREENSHOTS=../docs/images it refreshes the screenshots of
 * docs/dashboard.md.
 */
class DashboardBrowserTest {
    static final String ADMIN = "admin-key-for-dashboard-tests-0123";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots go to target/ unless DASHBOARD_SCREENSHOTS names a folder (../docs/images refreshes the docs'). */
    static final Path IMAGES = Path.of(System.getenv().getOrDefault("DASHBOARD_SCREENSHOTS", "target/dashboard-screenshots"));
    @TempDir
    static Path dir;
    static RunningServer running;
    static HttpClientForTests admin;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver): "
                        + CHROMIUM + " and " + CHROMEDRIVER).isTrue();
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        base = "http://127.0.0.1:" + running.port();
        seed();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container: no sandbox; headless without a GPU; no background traffic to the internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1360,1000");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (running != null) running.close();
    }

    static void seed() {
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "shop-a", "name", "Shop A")).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", "shop-b", "name", "Shop B")).status()).isEqualTo(201);
        var entities = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 60; i++) {
            entities.add(Map.of("entity_id", "sku-" + i, "entity_type", "product",
                    "attributes", Map.of("category", i % 3 == 0 ? "shoes" : "hats", "price", 10 + i, "name", "Item " + i)));
        }
        assertThat(admin.post("/api/v1/entities/bulk", Map.of("tenant_id", "shop-a", "entities", entities)).status()).isEqualTo(202);
        var interactions = new ArrayList<Map<String, Object>>();
        String[] types = {"view", "view", "click", "add_to_cart", "purchase"};
        for (int u = 0; u < 25; u++) {
            for (int k = 0; k < 12; k++) {
                // spread over the last ten days, so the chart of days has something to show
                interactions.add(Map.of("user_id", "user-" + u, "entity_id", "sku-" + ((u * 7 + k * 3) % 60),
                        "interaction_type", types[(u + k) % types.length],
                        "timestamp", java.time.Instant.now().minus(Duration.ofHours(((u * 13L + k * 29L) % 10) * 24 + 1)).toString()));
            }
        }
        assertThat(admin.post("/api/v1/interactions/bulk", Map.of("tenant_id", "shop-a", "interactions", interactions)).json()
                .get("successful").asInt()).isEqualTo(300);
        assertThat(admin.post("/api/v1/entities", Map.of("tenant_id", "shop-b", "entity_id", "b-secret", "entity_type", "product",
                "attributes", Map.of("category", "private"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/interactions", Map.of("tenant_id", "shop-b", "user_id", "b-user", "entity_id", "b-secret",
                "interaction_type", "view")).status()).isEqualTo(201);
    }

    @Test
    void anOperatorWalksEveryPageAndATenantKeySeesOnlyItsTenant() throws Exception {
        browser.get(base + "/dashboard");
        login(ADMIN);
        assertThat(text("#who")).isEqualTo("admin");
        ((JavascriptExecutor) browser).executeScript(
                "const s = document.getElementById('tenant'); s.value = 'shop-a'; s.dispatchEvent(new Event('change'));");
        waitFor("the tenant shop-a", () -> "shop-a".equals(text("#overview-tenant")));
        waitLoaded("overview");

        // Overview: counts, the activity chart and lists agree with the API.
        JsonNode tenants = api("/api/v1/dashboard/tenants", "shop-a");
        JsonNode a = find(tenants.get("tenants"), "tenant_id", "shop-a");
        assertThat(number("#count-entities")).isEqualTo(a.get("entities").asLong()).isEqualTo(60);
        assertThat(number("#count-users")).isEqualTo(a.get("users").asLong()).isEqualTo(25);
        assertThat(number("#count-interactions")).isEqualTo(a.get("interactions").asLong()).isEqualTo(300);
        JsonNode activity = api("/api/v1/dashboard/activity?days=14", "shop-a");
        assertThat(number("#count-recent")).isEqualTo(activity.get("total").asLong()).isEqualTo(300);
        var bars = browser.findElements(By.cssSelector("#chart-days rect"));
        assertThat(bars).hasSize(14);
        assertThat(bars.stream().mapToLong(b -> Long.parseLong(b.getAttribute("data-value"))).sum()).isEqualTo(300);
        assertThat(browser.findElement(By.cssSelector("#chart-types tr[data-type='purchase'] td.num")).getText())
                .isEqualTo(activity.at("/by_type/purchase").asText());
        var top = api("/api/v1/recommendations/popular?count=10", "shop-a").get("popular");
        assertThat(browser.findElements(By.cssSelector("#top-list li")).getFirst().getAttribute("data-entity"))
                .isEqualTo(top.get(0).get("entity_id").asText());
        assertThat(browser.findElements(By.cssSelector("#trending-list li"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("#tenant-counts tr[data-tenant]"))).hasSizeGreaterThanOrEqualTo(3);
        screenshot("dashboard-overview");

        // Entities: paged browse and search; an entity's page with similar and complementary entities.
        go("#/entities");
        assertThat(number("#total")).isEqualTo(60);
        assertThat(browser.findElements(By.cssSelector("#entity-table tbody tr"))).hasSize(50);
        browser.findElement(By.id("next")).click();
        waitLoaded("entities");
        assertThat(browser.findElements(By.cssSelector("#entity-table tbody tr"))).hasSize(10);
        go("#/entities?q=sku-1");
        JsonNode search = api("/api/v1/dashboard/entities?q=sku-1&limit=50", "shop-a");
        assertThat(number("#total")).isEqualTo(search.get("total").asLong()).isEqualTo(11);
        screenshot("dashboard-entities");
        browser.findElement(By.linkText("sku-12")).click();
        waitLoaded("entity");
        assertThat(text("#entity-id")).isEqualTo("sku-12");
        assertThat(text("#entity-attributes")).contains("\"category\": \"shoes\"");
        var similar = api("/api/v1/recommendations/entity/sku-12?count=10", "shop-a").get("recommendations");
        assertThat(browser.findElements(By.cssSelector("#similar-list li")).getFirst().getAttribute("data-entity"))
                .isEqualTo(similar.get(0).get("entity_id").asText());
        var complements = running.http.get("/api/v1/recommendations/shop-a/complement/sku-12?count=10",
                "Authorization", "Bearer " + ADMIN).json();
        assertThat(browser.findElements(By.cssSelector("#complement-list li"))).extracting(li -> li.getAttribute("data-entity"))
                .isNotEmpty().containsExactlyElementsOf(complements.findValuesAsText("entity_id"));
        screenshot("dashboard-entity");

        // Users: browse, then one user's history beside their recommendations for every algorithm, with reasons.
        go("#/users?q=user-1");
        assertThat(number("#total")).isEqualTo(api("/api/v1/dashboard/users?q=user-1", "shop-a").get("total").asLong())
                .isEqualTo(11); // user-1, user-10 … user-19
        assertThat(browser.findElements(By.cssSelector("#user-table tbody tr"))).hasSize(11);
        go("#/users");
        assertThat(number("#total")).isEqualTo(25);
        browser.findElement(By.linkText("user-3")).click();
        waitLoaded("user");
        assertThat(text("#user-id")).isEqualTo("user-3");
        var history = running.http.get("/api/v1/interactions/user/user-3?limit=50", "Authorization", "Bearer " + ADMIN, "X-Tenant-ID", "shop-a").json();
        assertThat(browser.findElements(By.cssSelector("#user-history tbody tr"))).hasSize(history.size()).hasSize(12);
        for (String algorithm : List.of("hybrid", "collaborative", "item_knn", "user_knn", "content_based", "popular", "trending")) {
            var items = browser.findElements(By.cssSelector("#recs-" + algorithm + " li"));
            assertThat(items).as(algorithm).hasSize(10);
            assertThat(items.getFirst().findElement(By.className("reason")).getText()).as(algorithm).contains("·");
        }
        var hybrid = api("/api/v1/recommendations/user/user-3?count=10&algorithm=hybrid", "shop-a").get("recommendations");
        assertThat(browser.findElements(By.cssSelector("#recs-hybrid li")).getFirst().getAttribute("data-entity"))
                .isEqualTo(hybrid.get(0).get("entity_id").asText());
        screenshot("dashboard-user");

        // Model: sizes, then an evaluation run on demand with its progress, to the end.
        go("#/model");
        JsonNode model = api("/api/v1/dashboard/model", "shop-a");
        assertThat(number("#model-interactions")).isEqualTo(model.get("interactions").asLong());
        assertThat(number("#model-entities")).isEqualTo(60);
        assertThat(text("#learned h2")).isEqualTo("Learned model (" + model.at("/learned/kind").asText() + ")");
        assertThat(browser.findElements(By.cssSelector("#eval-table tbody tr"))).as("no evaluation yet").isEmpty();
        browser.findElement(By.id("eval-start")).click();
        waitFor("the evaluation to finish", () -> "done".equals(browser.findElement(By.id("eval-state")).getAttribute("data-state")));
        assertThat(browser.findElements(By.cssSelector("#eval-table tbody tr"))).hasSize(4);
        assertThat(browser.findElement(By.id("eval-progress")).getAttribute("style")).contains("100%");
        JsonNode evaluation = api("/api/v1/dashboard/evaluations/latest", "shop-a");
        assertThat(browser.findElement(By.cssSelector("#eval-table tr[data-algorithm='popular'] td.num")).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", find(evaluation.get("results"), "algorithm", "popular").get("recall").asDouble()));
        String finished = java.time.Instant.parse(evaluation.get("finished_at").asText())
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ');
        assertThat(text("#eval-when")).startsWith("Last run finished " + finished)
                .contains("on " + evaluation.get("interactions").asText() + " interactions");
        // The page shows the last run when opened again (the server keeps it), with its date.
        go("#/overview");
        go("#/model");
        waitFor("the last evaluation", () -> "done".equals(browser.findElement(By.id("eval-state")).getAttribute("data-state")));
        assertThat(text("#eval-when")).startsWith("Last run finished " + finished);
        assertThat(browser.findElements(By.cssSelector("#eval-table tbody tr"))).hasSize(4);
        screenshot("dashboard-model");

        // Operations: live counters from the metrics registry, and the masked configuration.
        assertThat(admin.get("/api/v1/entities/no-such-entity", "X-Tenant-ID", "shop-a").status()).isEqualTo(404);
        go("#/operations");
        waitFor("a second poll", () -> !text("#ops-rate").equals("–"));
        assertThat(number("#ops-total")).isPositive();
        assertThat(number("#ops-error-total")).as("the 404 above").isPositive();
        // each poll is a request, so two polls always have latencies to show
        assertThat(text("#ops-p50")).matches("[≤>] [0-9,.]+");
        assertThat(text("#ops-p99")).matches("[≤>] [0-9,.]+");
        assertThat(text("#ops-errors")).matches("[0-9.]+");
        assertThat(browser.findElements(By.cssSelector("#rate-sparkline rect"))).isNotEmpty();
        assertThat(text("#route-table")).contains("GET /api/v1/dashboard/requests");
        assertThat(browser.findElement(By.id("config-table")).getText()).contains("API_KEY").doesNotContain(ADMIN)
                .doesNotContain("[object Object]");
        screenshot("dashboard-operations");

        // Tenants and keys: create a tenant, give it a key, revoke the key, delete the tenant, all from the dashboard.
        go("#/tenants");
        browser.findElement(By.id("new-tenant-id")).sendKeys("shop-c");
        browser.findElement(By.id("new-tenant-name")).sendKeys("Shop C");
        browser.findElement(By.id("create-tenant")).click();
        waitFor("the new tenant's keys", () -> !browser.findElements(By.id("keys-tenant")).isEmpty()
                && "shop-c".equals(text("#keys-tenant")));
        assertThat(text("#tenant-table tr[data-tenant='shop-c']")).contains("Shop C");
        assertThat(admin.get("/api/v1/tenants/shop-c").status()).isEqualTo(200);
        browser.findElement(By.id("create-key")).click();
        waitFor("shop-c's key", () -> !browser.findElements(By.id("new-key-secret")).isEmpty());
        String revoked = text("#new-key-secret");
        assertThat(running.http.get("/api/v1/dashboard/tenants", "Authorization", "Bearer " + revoked).status()).isEqualTo(200);
        browser.findElement(By.cssSelector("#key-table tr[data-key] button")).click();
        waitFor("the key revoked", () -> browser.findElements(By.cssSelector("#key-table tr[data-key]")).isEmpty());
        assertThat(running.http.get("/api/v1/dashboard/tenants", "Authorization", "Bearer " + revoked).status()).isEqualTo(401);
        browser.findElement(By.cssSelector("#tenant-table tr[data-tenant='shop-c'] button")).click();
        waitFor("the confirmation", () -> browser.switchTo().alert() != null); // throws until it is open
        browser.switchTo().alert().accept();
        waitFor("shop-c deleted", () -> browser.findElements(By.cssSelector("#tenant-table tr[data-tenant='shop-c']")).isEmpty());
        assertThat(text("#error")).isEmpty();
        assertThat(admin.get("/api/v1/tenants/shop-c").status()).isEqualTo(404);
        assertThat(browser.findElements(By.cssSelector("#tenant option"))).extracting(WebElement::getText).doesNotContain("shop-c");

        // A key for shop-a from the dashboard; it works against the API.
        go("#/tenants?t=shop-a");
        assertThat(text("#keys-tenant")).isEqualTo("shop-a");
        browser.findElement(By.id("new-key-name")).sendKeys("from the dashboard");
        browser.findElement(By.id("create-key")).click();
        waitFor("the new key", () -> !browser.findElements(By.id("new-key-secret")).isEmpty());
        String secret = text("#new-key-secret");
        assertThat(running.http.get("/api/v1/dashboard/tenants", "Authorization", "Bearer " + secret).json().get("tenant_id").asText())
                .isEqualTo("shop-a");
        assertThat(browser.findElements(By.cssSelector("#key-table tbody tr"))).hasSize(1);
        assertThat(text("#key-table")).contains("from the dashboard");
        screenshot("dashboard-keys");

        // The tenant key sees shop-a only: no other tenant, no admin pages, and the API refuses another tenant.
        browser.findElement(By.id("logout")).click();
        login(secret);
        assertThat(text("#who")).isEqualTo("tenant key · shop-a");
        assertThat(browser.findElements(By.cssSelector("#tenant option"))).extracting(WebElement::getText).containsExactly("shop-a");
        assertThat(browser.findElement(By.id("tenant")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("nav a[data-page='tenants']")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#tenant-counts tr[data-tenant]"))).hasSize(1);
        go("#/operations");
        assertThat(browser.findElements(By.id("config"))).as("the configuration is the admin's").isEmpty();
        go("#/tenants");
        assertThat(text("#page")).contains("need the admin key");
        go("#/entities?q=b-secret");
        assertThat(number("#total")).isZero();
        go("#/users?q=b-user");
        assertThat(number("#total")).isZero();
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/dashboard/entities?q=b-secret', {headers: {'Authorization': 'Bearer ' + arguments[0], 'X-Tenant-ID': 'shop-b'}})"
                        + ".then(r => done(r.status));", secret);
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- helpers

    static void login(String key) {
        waitFor("the login form", () -> browser.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("login-key")).sendKeys(key);
        browser.findElement(By.id("login-button")).click();
        waitFor("the dashboard after login", () -> browser.findElement(By.id("nav")).isDisplayed());
        waitLoaded("overview");
    }

    static void go(String hash) {
        String page = hash.substring(2).split("[/?]")[0];
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", hash);
        waitLoaded(page);
    }

    static void waitLoaded(String page) {
        waitFor("page " + page, () -> {
            var root = browser.findElement(By.id("page"));
            return page.equals(root.getAttribute("data-page")) && "false".equals(root.getAttribute("data-loading"));
        });
        assertThat(text("#error")).as("error shown on page " + page).isEmpty();
    }

    static void waitFor(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited in vain for " + what + "; page error: " + browser.findElement(By.id("error")).getText(), last);
    }

    static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    static long number(String css) {
        return Long.parseLong(text(css).replace(",", ""));
    }

    static JsonNode api(String path, String tenant) {
        var r = running.http.get(path, "Authorization", "Bearer " + ADMIN, "X-Tenant-ID", tenant);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (value.equals(n.path(field).asText())) return n;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    static void screenshot(String name) throws Exception {
        Files.createDirectories(IMAGES);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), IMAGES.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
