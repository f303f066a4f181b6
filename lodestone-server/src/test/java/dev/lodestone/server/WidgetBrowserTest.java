package dev.lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget in a real browser (Debian's headless Chromium through Selenium): a sample shop page, served from its
 * own origin, loads /widget.js from a running Lodestone with a publishable key. Checks that the widgets render the
 * server's products, that a click arrives as an interaction (and reaches on('click') listeners), that
 * live counts update over the socket, and that a down API leaves the page intact. With WIDGET_SCREENSHOTS=../docs/images
 * it refreshes the screenshots of docs/storefront.md (else they go to target/).
 */
class WidgetBrowserTest {
    static final String ADMIN = "admin-key-for-widget-tests-0123";
    static final String TENANT = "shop";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path IMAGES = Path.of(System.getenv().getOrDefault("WIDGET_SCREENSHOTS", "target/widget-screenshots"));
    static final Duration PATIENCE = Duration.ofSeconds(15);
    @TempDir
    static Path dir;
    static RunningServer running;
    static HttpClientForTests admin;
    static HttpServer pages;
    static String pageOrigin;
    static String apiUrl;
    static String publishableKey;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver): "
                        + CHROMIUM + " and " + CHROMEDRIVER).isTrue();
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = running.http.withHeader("Authorization", "Bearer " + ADMIN);
        apiUrl = "http://127.0.0.1:" + running.port();
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pageOrigin = "http://localhost:" + pages.getAddress().getPort();
        pages.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.startsWith("/img/")) {
                body = productImage(path.substring(5)).getBytes(StandardCharsets.UTF_8);
                type = "image/svg+xml";
            } else {
                boolean down = path.equals("/down.html");
                body = shopPage(down ? "http://127.0.0.1:" + unusedPort() : apiUrl).getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pages.start();
        seed();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container: no sandbox; headless without a GPU; no background traffic to the internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1200,1800");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (pages != null) pages.stop(0);
        if (running != null) running.close();
    }

    static void seed() {
        assertThat(admin.post("/api/v1/tenants", Map.of("tenant_id", TENANT, "name", "Sample shop")).status()).isEqualTo(201);
        var key = admin.post("/api/v1/tenants/" + TENANT + "/keys", Map.of("name", "storefront", "kind", "publishable",
                "allowed_origins", List.of(pageOrigin)));
        assertThat(key.status()).isEqualTo(201);
        publishableKey = key.json().get("key").asText();
        String[] names = {"Trail shoe", "Road shoe", "Hiking boot", "Running sock", "Sun hat", "Wool beanie", "Rain cap",
                "Trail gaiter", "Insoles", "Water bottle", "Headlamp", "Trekking pole", "Sun cream", "Sunglasses",
                "Neck gaiter", "Lip balm", "Ear warmer", "Thermal gloves", "Wool scarf", "Hand warmer"};
        var entities = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < names.length; i++) {
            var attributes = new java.util.LinkedHashMap<String, Object>();
            attributes.put("name", names[i]);
            attributes.put("price", 19.9 + 10 * i);
            attributes.put("category", i < 4 || i == 7 || i == 8 ? "shoes" : "outdoor");
            attributes.put("image_url", pageOrigin + "/img/" + i);
            attributes.put("url", pageOrigin + "/shop.html#sku-" + i);
            attributes.put("rating", 3 + (i % 3));
            attributes.put("review_count", 5 + i);
            if (i % 4 == 2) attributes.put("discount", 20);
            entities.add(Map.of("entity_id", "sku-" + i, "entity_type", "product", "attributes", attributes));
        }
        assertThat(admin.post("/api/v1/entities/bulk", Map.of("tenant_id", TENANT, "entities", entities)).status()).isEqualTo(202);
        var interactions = new ArrayList<Map<String, Object>>();
        for (int u = 0; u < 12; u++) {
            // Baskets: a shoe with its sock and insoles; outdoor things together.
            int a = u % 4;
            for (int item : new int[] {a, 3, 8, 4 + (u % 3), 9}) {
                interactions.add(Map.of("user_id", "u" + u, "entity_id", "sku-" + item, "interaction_type", u % 2 == 0 ? "purchase" : "view"));
            }
        }
        // Two niches: the sun hat's and the wool beanie's buyers each bought four products nobody else looks at.
        for (String u : List.of("sun-1", "sun-2")) {
            for (int item : new int[] {4, 12, 13, 14, 15}) {
                interactions.add(Map.of("user_id", u, "entity_id", "sku-" + item, "interaction_type", "purchase"));
            }
        }
        for (String u : List.of("winter-1", "winter-2")) {
            for (int item : new int[] {5, 16, 17, 18, 19}) {
                interactions.add(Map.of("user_id", u, "entity_id", "sku-" + item, "interaction_type", "purchase"));
            }
        }
        assertThat(admin.post("/api/v1/interactions/bulk", Map.of("tenant_id", TENANT, "interactions", interactions)).status()).isEqualTo(202);
    }

    static String shopPage(String api) {
        try (InputStream in = WidgetBrowserTest.class.getResourceAsStream("/widget/shop.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{SCRIPT_URL}}", apiUrl + "/widget.js")
                    .replace("{{API_URL}}", api)
                    .replace("{{API_KEY}}", publishableKey)
                    .replace("{{TENANT}}", TENANT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String productImage(String n) {
        int i = n.chars().allMatch(Character::isDigit) && !n.isEmpty() ? Integer.parseInt(n) : 0;
        String[] colours = {"#2563eb", "#16a34a", "#d97706", "#dc2626", "#7c3aed", "#0891b2"};
        return "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='200'><rect width='200' height='200' fill='"
                + colours[i % colours.length] + "'/><text x='100' y='115' font-size='48' text-anchor='middle' fill='white'"
                + " font-family='sans-serif'>" + i + "</text></svg>";
    }

    static int unusedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void open(String page) {
        browser.manage().deleteAllCookies();
        browser.get(pageOrigin + "/" + page);
        browser.executeScript("localStorage.clear()");
        browser.navigate().refresh();
    }

    /** Polls until the probe answers something other than null or false (or throws after PATIENCE). */
    static <T> T waitFor(Supplier<T> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = null;
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                value = probe.get();
                if (value != null && !(value instanceof Boolean b && !b)) return value;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("not reached within " + PATIENCE.toSeconds() + " s; last answer: " + value, last);
    }

    static int rendered(String id) {
        String n = browser.findElement(By.id(id)).getAttribute("data-gs-rendered");
        return n == null ? -1 : Integer.parseInt(n);
    }

    static List<String> cardNames(String id) {
        return browser.findElement(By.id(id)).findElements(By.cssSelector(".gs-name")).stream().map(WebElement::getText).toList();
    }

    @Test
    void widgetsRenderTheServersProductsInEachLayout() throws IOException {
        open("shop.html");
        for (String id : List.of("similar", "trending", "personalized", "complement")) {
            waitFor(() -> rendered(id) > 0);
        }
        // Similar to the trail shoe: catalogue names, never the shoe itself.
        assertThat(cardNames("similar")).isNotEmpty().doesNotContain("Trail shoe").allMatch(n -> !n.isBlank());
        assertThat(browser.findElement(By.cssSelector("#similar .gs-rec")).getAttribute("class")).contains("gs-layout-grid", "gs-theme-light");
        assertThat(browser.findElement(By.cssSelector("#trending .gs-rec")).getAttribute("class")).contains("gs-layout-carousel");
        assertThat(browser.findElement(By.cssSelector("#personalized .gs-rec")).getAttribute("class")).contains("gs-layout-list", "gs-theme-minimal");
        assertThat(browser.findElement(By.cssSelector("#complement .gs-rec")).getAttribute("class")).contains("gs-theme-dark");
        // The A/B test's variant is the shopper's, shown on the element.
        assertThat(browser.findElement(By.cssSelector("#complement .gs-rec")).getAttribute("data-variant")).isIn("A", "B");
        // Cards link to the product and show its price; a discounted one shows both prices.
        var first = browser.findElement(By.cssSelector("#trending .gs-card"));
        assertThat(first.getAttribute("href")).startsWith(pageOrigin + "/shop.html#sku-");
        assertThat(browser.findElements(By.cssSelector("#trending .gs-price"))).isNotEmpty();
        assertThat((List<?>) browser.executeScript("return window.__errors")).isEmpty();

        Files.createDirectories(IMAGES);
        shoot("grid-section", "widget-grid.png");
        shoot("carousel-section", "widget-carousel.png");
        shoot("list-section", "widget-list.png");
        shoot("dark-section", "widget-dark.png");
    }

    private static void shoot(String sectionId, String file) throws IOException {
        var section = browser.findElement(By.id(sectionId));
        browser.executeScript("arguments[0].scrollIntoView()", section);
        Files.write(IMAGES.resolve(file), section.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aClickArrivesAsAnInteractionAndReachesOnClickListeners() {
        open("shop.html");
        waitFor(() -> rendered("trending") > 0);
        String user = (String) browser.executeScript("return GrooveShopRecommendations.getUserId()");
        assertThat(user).startsWith("anon_");
        waitFor(() -> history(user).size() >= 1);

        var cards = browser.findElements(By.cssSelector("#trending .gs-card"));
        WebElement target = cards.stream().filter(c -> "sku-5".equals(c.getAttribute("data-product-id"))).findFirst()
                .orElseThrow(() -> new AssertionError("the wool beanie is not among the trending cards"));
        browser.executeScript("arguments[0].scrollIntoView({inline: 'center'})", target);
        String clicked = target.getAttribute("data-product-id");
        // Before the click the shopper has only seen cards (impressions are not preferences): no winter niche yet.
        assertThat(personalized(user)).noneMatch(WidgetBrowserTest::winterNiche);
        browser.executeScript("window.__clicks = []; GrooveShopRecommendations.on('click', function (d) { __clicks.push(d.productId); });");
        target.click();

        JsonNode click = waitFor(() -> history(user).stream()
                .filter(i -> i.get("interaction_type").asText().equals("click") && i.get("entity_id").asText().equals(clicked))
                .findFirst().orElse(null));
        assertThat(click.get("metadata").get("source").asText()).isEqualTo("widget");
        assertThat(String.valueOf(browser.executeScript("return window.__clicks.join(',')"))).isEqualTo(clicked);
        // The click on the wool beanie changes the shopper's next personalised list: its niche's products come in.
        List<String> after = waitFor(() -> {
            List<String> ids = personalized(user);
            return ids.stream().anyMatch(WidgetBrowserTest::winterNiche) ? ids : null;
        });
        assertThat(after).anyMatch(WidgetBrowserTest::winterNiche);
        assertThat((List<?>) browser.executeScript("return window.__errors")).isEmpty();
    }

    /** The products only the wool beanie's buyers bought (see {@link #seed()}). */
    private static boolean winterNiche(String productId) {
        return List.of("sku-16", "sku-17", "sku-18", "sku-19").contains(productId);
    }

    private static List<String> personalized(String user) {
        var r = admin.get("/api/v1/recommendations/" + TENANT + "/personalized/" + user + "?count=8");
        assertThat(r.status()).isEqualTo(200);
        var ids = new ArrayList<String>();
        r.json().forEach(p -> ids.add(p.get("entity_id").asText()));
        return ids;
    }

    @Test
    void liveCountsUpdateOverTheSocket() {
        open("shop.html");
        waitFor(() -> rendered("similar") > 0);
        var badge = browser.findElement(By.cssSelector("#similar .gs-live"));
        // This page's own view of the trail shoe makes at least one shopper viewing it now.
        waitFor(() -> badge.getAttribute("data-viewing-now") != null && Integer.parseInt(badge.getAttribute("data-viewing-now")) >= 1);
        int salesBefore = Integer.parseInt(badge.getAttribute("data-recent-sales"));
        for (int i = 0; i < 2; i++) {
            assertThat(admin.post("/api/v1/interactions", Map.of("tenant_id", TENANT, "user_id", "live-" + i + "-" + System.nanoTime(),
                    "entity_id", "sku-1", "interaction_type", "purchase")).status()).isEqualTo(201);
        }
        waitFor(() -> Integer.parseInt(badge.getAttribute("data-recent-sales")) == salesBefore + 2);
        assertThat(badge.getText()).contains("sold in the last 24 hours").contains("viewing now");
        assertThat(badge.isDisplayed()).isTrue();
    }

    @Test
    void aDownServerLeavesThePageIntact() {
        open("down.html");
        for (String id : List.of("similar", "trending", "personalized", "complement")) {
            waitFor(() -> "true".equals(browser.findElement(By.id(id)).getAttribute("data-gs-error")));
        }
        assertThat(browser.findElement(By.id("shop-title")).getText()).isEqualTo("Sample shop");
        assertThat(browser.findElement(By.id("similar")).getText()).isEqualTo("Loading similar products…");
        assertThat(browser.findElements(By.cssSelector(".gs-card"))).isEmpty();
        assertThat((List<?>) browser.executeScript("return window.__errors")).isEmpty();
    }

    private static List<JsonNode> history(String user) {
        var r = admin.get("/api/v1/interactions/user/" + user + "?tenant_id=" + TENANT);
        assertThat(r.status()).isEqualTo(200);
        var list = new ArrayList<JsonNode>();
        r.json().forEach(list::add);
        return list;
    }

}
