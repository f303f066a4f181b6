package dev.lodestone.server;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.server.api.ConfigApi;
import dev.lodestone.server.api.DocsApi;
import dev.lodestone.server.api.EntityApi;
import dev.lodestone.server.api.ExportApi;
import dev.lodestone.server.api.MetricsApi;
import dev.lodestone.server.api.InteractionApi;
import dev.lodestone.server.api.InteractionTypeApi;
import dev.lodestone.server.api.OpsApi;
import dev.lodestone.server.api.ProductApi;
import dev.lodestone.server.api.RecommendationApi;
import dev.lodestone.server.api.StoreOutages;
import dev.lodestone.server.api.StorefrontApi;
import dev.lodestone.server.api.TenantApi;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.config.ServerConfig;
import dev.lodestone.server.feed.ChangeFeedPruner;
import dev.lodestone.server.feed.ChangeFeedTailer;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.ErrorBody;
import dev.lodestone.server.http.LoadingGate;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.http.Router;
import dev.lodestone.server.ingest.EntityIngest;
import dev.lodestone.server.ingest.InteractionIngest;
import dev.lodestone.server.ingest.InteractionWeights;
import dev.lodestone.server.ingest.OrderIngest;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.metrics.HttpMetrics;
import dev.lodestone.server.metrics.ServerMetrics;
import dev.lodestone.server.ops.AccessLog;
import dev.lodestone.server.ops.CorsFilter;
import dev.lodestone.server.ops.RedisConnection;
import dev.lodestone.server.ratelimit.Buckets;
import dev.lodestone.server.ratelimit.LocalBuckets;
import dev.lodestone.server.ratelimit.RateLimitFilter;
import dev.lodestone.server.ratelimit.RedisBuckets;
import dev.lodestone.server.http.RequestFilter;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Explicit wiring of one node: store → engine → API → web server. */
public final class LodestoneServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LodestoneServer.class);

    private final ServerConfig config;
    private final Store store;
    private final Engine engine;
    private final Router router;
    private final WebServer webServer;
    private volatile ChangeFeedTailer tailer;
    private volatile ChangeFeedPruner pruner;
    private volatile boolean modelsLoaded;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    /** REDIS_URL's connection (rate-limit buckets, readiness), or null. */
    private final RedisConnection redis;
    private final Buckets buckets;
    private final ServerMetrics metrics;

    private LodestoneServer(ServerConfig config, Store store) {
        this.config = config;
        this.store = store;
        this.engine = new Engine(new EngineSettings(config.blendWeights(),
                config.trendingWindowDays(), config.recommendationCacheTtl()), Clock.systemUTC());
        store.ensureTenant(dev.lodestone.server.http.Exchange.DEFAULT_TENANT, "Default tenant");
        long feedStart = store.lastChangeSequence();

        var weights = new InteractionWeights(store);
        var authenticator = new Authenticator(config.apiKey(), store);
        var localWrites = new LocalWrites();
        var knownTenants = new KnownTenants(store);
        authenticator.loadKeys();
        this.redis = config.redisUrl() == null ? null : new RedisConnection(config.redisUrl());
        this.buckets = redis == null ? new LocalBuckets() : new RedisBuckets(redis, config.rateLimitKeyPrefix());
        this.metrics = new ServerMetrics(engine, store, Clock.systemUTC());
        List<OpsApi.Check> checks = new ArrayList<>(List.of(
                // From the state the store's background probe keeps: /ready never waits on the database.
                new OpsApi.Check("store", () -> store.available() ? null : "store does not answer"),
                new OpsApi.Check("models", () -> modelsLoaded ? null : "loading"),
                new OpsApi.Check("shutdown", () -> shuttingDown.get() ? "in_progress" : null)));
        if (redis != null) checks.add(new OpsApi.Check("redis", redis::problem));
        List<Route> routes = new ArrayList<>();
        routes.addAll(new OpsApi(checks).routes());
        routes.addAll(new MetricsApi(metrics).routes());
        routes.addAll(new ConfigApi(config).routes());
        routes.addAll(new DocsApi().routes());
        routes.addAll(new ExportApi(store).routes());
        var entityIngest = new EntityIngest(store, engine, localWrites, knownTenants);
        routes.addAll(new EntityApi(store, entityIngest).routes());
        routes.addAll(new ProductApi(engine, entityIngest).routes());
        var interactionIngest = new InteractionIngest(store, engine, weights, localWrites, knownTenants);
        routes.addAll(new InteractionApi(store, interactionIngest, new OrderIngest(engine, interactionIngest)).routes());
        routes.addAll(new InteractionTypeApi(store, weights, knownTenants).routes());
        routes.addAll(new TenantApi(store, engine, authenticator, weights, knownTenants).routes());
        routes.addAll(new RecommendationApi(engine, config.defaultRecommendationCount(), config.maxRecommendationCount()).routes());
        // after the main API's routes: /recommendations/user/trending stays the main API's (a tenant named "user" loses)
        routes.addAll(new StorefrontApi(engine, config.maxRecommendationCount()).routes());
        List<RequestFilter> filters = new ArrayList<>(List.of(new CorsFilter(config.corsAllowedOrigins()),
                new LoadingGate(() -> modelsLoaded)));
        if (RateLimitFilter.anyLimit(config.rateLimit(), config.rateLimitTenantOverrides())) {
            filters.add(new RateLimitFilter(buckets, config.rateLimit(), config.rateLimitTenantOverrides()));
        }
        routes.replaceAll(StoreOutages::guarded);
        this.router = new Router(routes, authenticator, filters, List.of(new HttpMetrics(metrics.registry()), new AccessLog()));

        this.webServer = WebServer.builder()
                .host(config.host())
                .port(config.port())
                // Bodies are bounded per route by the API itself (413 with the envelope); this is only a backstop.
                .maxPayloadSize(256L << 20)
                .shutdownGracePeriod(config.shutdownTimeout())
                .directHandlers(d -> {
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        d.addHandler(type, LodestoneServer::directError);
                    }
                })
                .routing(r -> r.any(router))
                .build()
                .start();
        log.info("Lodestone listening on http://{}:{} ({} store{}); loading models", config.host(), webServer.port(),
                store.kind(), authenticator.open() ? ", no API_KEY: open on loopback" : "");

        // Listening first lets /health answer and /ready say "loading" during a long load; the API answers 503 then.
        long loadedUpTo;
        try {
            loadedUpTo = ModelLoader.loadAll(store, engine);
        } catch (RuntimeException e) {
            webServer.stop();
            throw e;
        }
        modelsLoaded = true;
        // An embedded SQLite file has one node; a shared PostgreSQL may have many, whose writes arrive by the feed.
        this.tailer = store.kind().equals("sqlite") ? null : new ChangeFeedTailer(store, engine, localWrites, feedStart,
                loadedUpTo, weights::invalidate, tenant -> {
                    knownTenants.forget(tenant);
                    authenticator.tenantDeleted(tenant);
                }, authenticator::tenantKeysChanged, Duration.ofMillis(200));
        this.pruner = new ChangeFeedPruner(store, Clock.systemUTC(), Duration.ofDays(1), Duration.ofMinutes(10));
        log.info("ready");
    }

    /** Opens the store named by the config, loads the models and starts listening. */
    public static LodestoneServer start(ServerConfig config) {
        Store store = Stores.open(new StoreConfig(config.dataDir(), config.databaseUrl(), config.databaseMaxConnections(),
                config.databaseMinConnections(), config.databaseAcquireTimeout(), config.databaseStatementTimeout(), null));
        try {
            return new LodestoneServer(config, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** For tests: a server on an already opened store. */
    public static LodestoneServer start(ServerConfig config, Store store) {
        return new LodestoneServer(config, store);
    }

    public int port() {
        return webServer.port();
    }

    public Engine engine() {
        return engine;
    }

    public Store store() {
        return store;
    }

    public List<Route> routes() {
        return router.routes();
    }

    /** /ready turns 503 from now on. */
    public void beginShutdown() {
        shuttingDown.set(true);
    }

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Stops listening (in-flight requests drain within the shutdown timeout), then closes the store. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        beginShutdown();
        webServer.stop();
        var feed = tailer;
        if (feed != null) feed.close();
        var prune = pruner;
        if (prune != null) prune.close();
        buckets.close();
        if (redis != null) redis.close();
        metrics.close();
        store.close();
    }

    /** Errors Helidon answers before routing (bad request line, oversized headers): still our envelope. */
    private static DirectHandler.TransportResponse directError(DirectHandler.TransportRequest request,
                                                                DirectHandler.EventType type,
                                                                io.helidon.http.Status status,
                                                                io.helidon.http.ServerResponseHeaders headers,
                                                                String message) {
        int code = status.code();
        String errorCode = switch (code) {
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 400 -> "BAD_REQUEST";
            case 403 -> "FORBIDDEN";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> code >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        String text = code >= 500 ? "internal error" : "bad request: " + (message == null ? status.reasonPhrase() : message);
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(ErrorBody.json(code, errorCode, text))
                .build();
    }
}
