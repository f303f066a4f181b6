package dev.lodestone.server;

import dev.lodestone.client.EntityInput;
import dev.lodestone.client.InteractionInput;
import dev.lodestone.client.LodestoneClient;
import dev.lodestone.client.LodestoneException;
import dev.lodestone.client.Order;
import dev.lodestone.client.RecommendationOptions;
import dev.lodestone.client.RetryEvent;
import dev.lodestone.client.RetryPolicy;
import dev.lodestone.client.Interaction;
import dev.lodestone.client.Entity;
import dev.lodestone.client.UserSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java SDK (lodestone-client) against a real running server: every API area, errors, retries, tenancy. */
class ClientSdkTest {
    static final String ADMIN = "admin-key-for-sdk-tests-0123456789";
    @TempDir
    static Path dir;
    static RunningServer running;
    static LodestoneClient admin;

    @BeforeAll
    static void start() {
        running = RunningServer.start(StoreKind.SQLITE, dir, Map.of("API_KEY", ADMIN));
        admin = LodestoneClient.builder("http://127.0.0.1:" + running.port()).apiKey(ADMIN).build();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void catalogueBehaviourAndRecommendationsThroughATenantKey() {
        admin.createTenant("sdk-shop", "SDK shop");
        var key = admin.createKey("sdk-shop", "backend");
        assertThat(key.key()).isNotBlank();
        var shop = LodestoneClient.builder("http://127.0.0.1:" + running.port()).apiKey(key.key()).build();

        Entity created = shop.createEntity(EntityInput.of("sku-1", "product", Map.of("category", "shoes", "price", 59.9)));
        assertThat(created.tenantId()).isEqualTo("sdk-shop");
        assertThat(created.createdAt()).isNotNull();
        var exists = catchApi(() -> shop.createEntity(EntityInput.of("sku-1", "product", Map.of("category", "shoes"))));
        assertThat(exists.status()).isEqualTo(409);
        assertThat(exists.code()).isEqualTo("ENTITY_EXISTS");
        assertThat(exists.requestId()).isNotBlank();
        var invalid = catchApi(() -> shop.createEntity(EntityInput.of("sku-x", "product", Map.of())));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(invalid.details()).isNotNull();

        var many = IntStream.range(2, 27).mapToObj(i -> EntityInput.of("sku-" + i, "product",
                Map.<String, Object>of("category", i % 2 == 0 ? "shoes" : "hats", "price", i))).toList();
        var bulk = shop.bulkUpsertEntities(many, 10);
        assertThat(bulk.totalRecords()).isEqualTo(25);
        assertThat(bulk.successful()).isEqualTo(25);
        assertThat(bulk.status()).isEqualTo("completed");

        assertThat(shop.replaceEntity(EntityInput.of("sku-1", "product", Map.of("category", "boots"))).attributes())
                .containsEntry("category", "boots");
        assertThat(shop.getEntity("sku-1", null).attributes()).doesNotContainKey("price");
        shop.upsertEntity(EntityInput.of("sku-new", "product", Map.of("category", "socks")));
        shop.deleteEntity("sku-new", "product");
        assertThat(catchApi(() -> shop.getEntity("sku-new", null)).code()).isEqualTo("ENTITY_NOT_FOUND");

        Interaction first = shop.recordInteraction(InteractionInput.of("alice", "sku-2", "purchase"), "order-77-line-1");
        Interaction replay = shop.recordInteraction(InteractionInput.of("alice", "sku-2", "purchase"), "order-77-line-1");
        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(first.weight()).isEqualTo(5.0);
        assertThat(first.entityKnown()).isTrue();
        assertThat(shop.recordInteraction(InteractionInput.rating("alice", "sku-4", 4.5)).weight()).isEqualTo(4.5);

        var events = new ArrayList<InteractionInput>();
        for (int u = 0; u < 6; u++) {
            for (int i = 2; i < 10; i++) events.add(InteractionInput.of("user-" + u, "sku-" + (i + u % 3), "view"));
        }
        events.add(InteractionInput.of("", "sku-2", "view"));
        var recorded = shop.bulkRecordInteractions(events, 20);
        assertThat(recorded.totalRecords()).isEqualTo(events.size());
        assertThat(recorded.failed()).isEqualTo(1);
        assertThat(recorded.status()).isEqualTo("partially_completed");
        assertThat(recorded.errors()).hasSize(1);

        assertThat(shop.userInteractions("alice", 10, 0)).extracting(Interaction::entityId).contains("sku-2", "sku-4");
        assertThat(shop.entityInteractions("sku-2", "product", 100, 0)).isNotEmpty();

        assertThat(shop.putInteractionType("share", 2.5, "shared a link").weight()).isEqualTo(2.5);
        assertThat(shop.interactionTypes()).extracting(t -> t.interactionType()).contains("share", "purchase");
        assertThat(shop.updateInteractionType("share", 3, null).description()).isEqualTo("shared a link");
        shop.deleteInteractionType("share");
        assertThat(catchApi(() -> shop.interactionType("share")).status()).isEqualTo(404);

        var recs = shop.recommendForUser("user-0", RecommendationOptions.DEFAULT.withCount(5).withAttributes());
        assertThat(recs.recommendations()).hasSize(5);
        assertThat(recs.recommendations()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThat(recs.userId()).isEqualTo("user-0");
        assertThat(shop.recommendForUser("nobody", RecommendationOptions.DEFAULT).coldStart()).isTrue();
        var similar = shop.similarEntities("sku-3", null, RecommendationOptions.DEFAULT.withCount(3).withFilter("category == \"hats\""));
        assertThat(similar.recommendations()).isNotEmpty().extracting(r -> r.entityId()).doesNotContain("sku-3");
        assertThat(shop.trending(RecommendationOptions.DEFAULT.withCount(3))).hasSize(3);
        assertThat(shop.popular(RecommendationOptions.DEFAULT.withCount(3))).hasSize(3);
        assertThat(shop.latest(RecommendationOptions.DEFAULT.withCount(3))).hasSize(3);
        var badFilter = catchApi(() -> shop.trending(RecommendationOptions.DEFAULT.withFilter("price <")));
        assertThat(badFilter.code()).isEqualTo("INVALID_FILTER");

        assertThat(shop.similarProducts("sdk-shop", "sku-3", 3)).isNotEmpty();
        assertThat(shop.batch("sdk-shop", List.of("sku-3", "missing", "sku-2"))).extracting(p -> p.entityId()).containsExactly("sku-3", "sku-2");
        assertThat(shop.upsertProduct("sdk-shop", EntityInput.of("900", null, Map.of("name", "Mug"))).entityType()).isEqualTo("product");
        shop.deleteProduct("sdk-shop", "900");
        var order = shop.recordOrder(new Order("bob", "o-1", List.of(Order.Item.of("sku-2"), Order.Item.of("sku-3")), 100.0, null));
        assertThat(order.interactions()).hasSize(2);
        assertThat(shop.complementProducts("sdk-shop", "sku-2", 3)).isNotEmpty();

        var exported = new ArrayList<Entity>();
        shop.exportEntities("product", null, exported::add);
        assertThat(exported).hasSize(26);
        var interactions = new ArrayList<Interaction>();
        shop.exportInteractions(null, null, interactions::add);
        assertThat(interactions).hasSize(events.size() - 1 + 2 + 2);
        var users = new ArrayList<UserSummary>();
        shop.exportUsers(users::add);
        assertThat(users).extracting(UserSummary::userId).contains("alice", "bob", "user-5");

        // The tenant key cannot act on another tenant, nor manage tenants.
        var other = catchApi(() -> shop.forTenant("someone-else").getEntity("sku-1", null));
        assertThat(other.status()).isEqualTo(403);
        assertThat(catchApi(shop::tenants).code()).isEqualTo("FORBIDDEN");
        assertThat(admin.forTenant("sdk-shop").getEntity("sku-1", "product").entityId()).isEqualTo("sku-1");

        assertThat(admin.keys("sdk-shop")).extracting(k -> k.keyId()).contains(key.keyId());
        var pk = admin.createPublishableKey("sdk-shop", "widget", List.of("https://shop.example"));
        assertThat(pk.kind()).isEqualTo("publishable");
        assertThat(pk.allowedOrigins()).containsExactly("https://shop.example");
        var status = admin.tenantStatus("sdk-shop");
        assertThat(status.model().entities()).isEqualTo(26);
        assertThat(status.model().learned().kind()).isNotBlank();
        assertThat(catchApi(() -> shop.experiment("no-such-test", null)).status()).isEqualTo(404);
        admin.revokeKey("sdk-shop", key.keyId());
        assertThat(catchApi(() -> shop.getEntity("sku-1", null)).status()).isEqualTo(401);
        assertThat(admin.tenants()).extracting(t -> t.tenantId()).contains("sdk-shop");
        admin.deleteTenant("sdk-shop");
        assertThat(admin.tenants()).extracting(t -> t.tenantId()).doesNotContain("sdk-shop");
    }

    @Test
    void operationsRoutes() {
        assertThat(admin.healthy()).isTrue();
        assertThat(admin.readiness().ready()).isTrue();
        assertThat(admin.readiness().checks()).containsEntry("store", "ok");
        assertThat(admin.configuration()).containsEntry("API_KEY", "********");
    }

    @Test
    void retriesAfterRetryAfterOn429AndSurfacesItWhenRetriesAreOff(@TempDir Path own) {
        try (var limited = RunningServer.start(StoreKind.SQLITE, own, Map.of("API_KEY", ADMIN,
                "RATE_LIMIT_REQUESTS_PER_MINUTE", "30", "RATE_LIMIT_BURST_SIZE", "1"))) {
            String url = "http://127.0.0.1:" + limited.port();
            List<RetryEvent> retries = new CopyOnWriteArrayList<>();
            var patient = LodestoneClient.builder(url).apiKey(ADMIN).onRetry(retries::add).build();
            // One token every 2 s: of three calls in a row at least one is refused with Retry-After, waited out, served.
            for (int i = 0; i < 3; i++) assertThat(patient.interactionTypes()).isNotEmpty();
            assertThat(retries).isNotEmpty();
            assertThat(retries.get(0).status()).isEqualTo(429);
            assertThat(retries.get(0).fromRetryAfter()).isTrue();
            assertThat(retries.get(0).delay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));

            var impatient = LodestoneClient.builder(url).apiKey(ADMIN).retry(RetryPolicy.NONE).build();
            var refused = catchApi(impatient::interactionTypes);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("429");
        }
    }

    @Test
    void unreachableServerIsStatusZeroWithTheCause() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var client = LodestoneClient.builder("http://127.0.0.1:" + port)
                .retry(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5))).build();
        var e = catchApi(() -> client.getEntity("x", null));
        assertThat(e.status()).isZero();
        assertThat(e.getCause()).isNotNull();
        assertThat(client.healthy()).isFalse();
    }

    static LodestoneException catchApi(Runnable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(t).isInstanceOf(LodestoneException.class);
        return (LodestoneException) t;
    }
}
