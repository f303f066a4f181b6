package dev.lodestone.server;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.config.ServerConfig;
import dev.lodestone.server.dashboard.ActivitySummary;
import dev.lodestone.server.dashboard.EvaluationRuns;
import dev.lodestone.server.feed.ChangeFeedTailer;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.server.http.ConnectionGuard;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.HttpListener;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.http.Router;
import dev.lodestone.server.ingest.InteractionWeights;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.live.ActivityHub;
import dev.lodestone.server.live.AnyOriginWsConfig;
import dev.lodestone.server.live.ActivitySocket;
import dev.lodestone.server.live.LiveLimits;
import dev.lodestone.server.metrics.ServerMetrics;
import dev.lodestone.server.ops.RowExpiry;
import dev.lodestone.server.ops.RedisConnection;
import dev.lodestone.server.ratelimit.Buckets;
import dev.lodestone.server.ratelimit.LocalBuckets;
import dev.lodestone.server.ratelimit.RedisBuckets;
import dev.lodestone.server.tenants.RowFiles;
import dev.lodestone.server.tenants.TenantRemoval;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One owner for the life of a node, in three steps:
 * <ol>
 *   <li>{@link #build}: every object of the node, wired explicitly (store → engine → ingest/API → routing → web
 *       server); no I/O and no thread started;</li>
 *   <li>{@link #start}: the default tenant, the tenant keys, Redis, listening (so {@code /health} answers and {@code /ready} says
 *       "loading" during a long load), the models, then the change feed and maintenance;</li>
 *   <li>{@link #close}: the reverse order: stop listening (in-flight requests drain), the feed and maintenance, model
 *       work, Redis and metrics, the store (every acknowledged write committed), and last the background threads.</li>
 * </ol>
 * Every background thread comes from the {@link BackgroundExecutors} the node is built with, which it owns from then.
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);
    private static final Duration FEED_PERIOD = Duration.ofMillis(200);
    private static final Duration FEED_RETENTION = Duration.ofDays(1);
    private static final Duration PRUNE_PERIOD = Duration.ofMinutes(10);
    /** Live activity is pushed at most this often per product. */
    private static final Duration LIVE_PERIOD = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final Store store;
    private final BackgroundExecutors executors;
    private final Engine engine;
    private final Authenticator authenticator;
    private final RedisConnection redis;
    private final Buckets buckets;
    private final ServerMetrics metrics;
    private final ActivityHub activity;
    private final ActivitySummary dailyActivity;
    private final ActivitySocket activitySocket;
    private final Router router;
    private final LocalWrites localWrites;
    private final WebServer webServer;
    private final ConnectionGuard connections;
    /** Null on SQLite: an embedded file has one node; a shared PostgreSQL may have many, whose writes come by the feed. */
    private final ChangeFeedTailer tailer;
    private final RowExpiry pruner;
    private final RowExpiry keyPruner;
    private final RowFiles rowFiles;
    private volatile boolean modelsLoaded;
    private final NodeState state = new NodeState();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Node(ServerConfig config, Store store, BackgroundExecutors executors) {
        this.config = config;
        this.store = store;
        this.executors = executors;
        Clock clock = Clock.systemUTC();
        this.engine = new Engine(new EngineSettings(config.blendWeights(),
                config.trendingWindowDays(), config.recommendationCacheTtl()), clock, executors.engine(),
                executors.maintenance(), new SavedModels(store));
        var weights = new InteractionWeights(store);
        this.authenticator = new Authenticator(config.apiKey(), store,
                dev.lodestone.server.ratelimit.AddressFailureBudget.of(config.authFailureLimit()));
        // An embedded SQLite file has one node: no feed reads its writes back, so none are recorded.
        boolean shared = !store.kind().equals("sqlite");
        this.localWrites = new LocalWrites(shared);
        var knownTenants = new KnownTenants(store);
        this.redis = config.redisUrl() == null ? null : new RedisConnection(config.redisUrl());
        this.buckets = redis == null ? new LocalBuckets() : new RedisBuckets(redis, config.rateLimitKeyPrefix(), new LocalBuckets());
        this.metrics = new ServerMetrics(engine, store, clock);
        this.activity = new ActivityHub(store, clock, config.liveMaxWatchedProducts());
        this.dailyActivity = new ActivitySummary(store, clock, engine::existing);
        // Every interaction this node applies (its writes, and the others' through the feed) goes to the live
        // activity pushed to storefronts and to the dashboard's counts per day.
        Consumer<List<Interaction>> applied = interactions -> {
            activity.record(interactions);
            dailyActivity.record(interactions);
        };
        this.activitySocket = new ActivitySocket(activity, authenticator, new LiveLimits(config.liveMaxConnectionsPerKey(),
                config.liveMaxSubscriptionsPerConnection(), config.liveMaxWatchedProducts(), config.liveSendTimeout()));
        this.rowFiles = new RowFiles(config.dataDir());
        var evaluations = new EvaluationRuns(store, engine.settings(), clock);
        var removal = new TenantRemoval(store, localWrites, engine, rowFiles, knownTenants, weights, authenticator,
                activitySocket, activity, dailyActivity, evaluations);
        this.router = ApiRoutes.router(new ApiRoutes.Parts(config, store, engine, authenticator, weights, localWrites,
                knownTenants, metrics, redis, buckets, state, applied, dailyActivity, activitySocket, evaluations, removal));
        this.connections = new ConnectionGuard(config.httpLimits());
        var wsRouting = WsRouting.builder();
        activitySocket.register(wsRouting);
        this.webServer = HttpListener.build(config.host(), config.port(), config.shutdownTimeout(), router, connections,
                wsRouting, new AnyOriginWsConfig(), activitySocket.handshakeFilter(config.trustedProxies()));
        this.tailer = !shared ? null : new ChangeFeedTailer(store, engine, localWrites,
                weights::invalidate, removal::forgetHere, authenticator::tenantKeysChanged, executors.feed(), applied,
                FEED_PERIOD);
        // Nodes tail the feed within a second and load from the tables at start-up: a day guards stalled nodes only.
        this.pruner = new RowExpiry("change-feed entries", store::pruneChanges, store::available, clock, FEED_RETENTION,
                PRUNE_PERIOD, PRUNE_PERIOD, executors.maintenance());
        // Keys may have expired while the node was down: the first round comes within a minute.
        this.keyPruner = new RowExpiry("idempotency keys", store::pruneIdempotencyKeys, store::available, clock,
                config.idempotencyKeyTtl(), Duration.ofMinutes(1), PRUNE_PERIOD, executors.maintenance());
    }

    /**
     * Builds a node over an open store (no I/O). The node owns both from now on: {@link #close()} closes the store
     * and the executors.
     */
    public static Node build(ServerConfig config, Store store, BackgroundExecutors executors) {
        return new Node(config, store, executors);
    }

    /** Opens the store the config names (on the executors' committer) and builds a node over it. */
    public static Node open(ServerConfig config) {
        var executors = new BackgroundExecutors();
        Store store;
        try {
            store = Stores.open(storeConfig(config), executors.store());
        } catch (RuntimeException e) {
            executors.close();
            throw e;
        }
        try {
            return build(config, store, executors);
        } catch (RuntimeException e) {
            store.close();
            executors.close();
            throw e;
        }
    }

    public static StoreConfig storeConfig(ServerConfig config) {
        return new StoreConfig(config.dataDir(), config.databaseUrl(), config.databaseMaxConnections(),
                config.databaseMinConnections(), config.databaseAcquireTimeout(), config.databaseStatementTimeout(), null);
    }

    /**
     * Default tenant, tenant keys, Redis, listen, load the models, then tail the feed and prune it. On any failure everything
     * started so far is stopped (and the store closed) before the exception leaves.
     *
     * @return this node
     */
    public Node start() {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("node already started");
        try {
            store.ensureTenant(ActingTenant.DEFAULT_TENANT, "Default tenant");
            long feedStart = store.lastChangeSequence();
            authenticator.loadKeys();
            if (redis != null) redis.connect();
            listen();
            log.info("Lodestone listening on http://{}:{} ({} store{}); loading models", config.host(), webServer.port(),
                    store.kind(), authenticator.open() ? ", no API_KEY: open on loopback" : "");
            long loadedUpTo = ModelLoader.loadAll(store, engine, executors.engine(), rowFiles, dailyActivity);
            dailyActivity.startupLoadDone();
            state.modelsLoaded(true);
            modelsLoaded = true;
            if (tailer != null) tailer.start(feedStart, loadedUpTo);
            pruner.start();
            keyPruner.start();
            activity.start(executors.live(), LIVE_PERIOD);
            log.info("ready");
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void listen() {
        connections.start(executors.http());
        webServer.start();
        if (webServer.isRunning() && webServer.port() > 0) return;
        throw new IllegalStateException(cannotListen(config.host(), config.port()));
    }

    /** Why the port could not be opened, found by trying it (the web server only logs it). */
    static String cannotListen(String host, int port) {
        String where = "cannot listen on " + host + ":" + port;
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                return where + ": port " + port + " is already in use (another process listens on it; set PORT to another port)";
            }
            return where + ": " + reason;
        }
        return where;
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

    /** What this node wrote and the feed has not yet shown back (tests: it stays bounded). */
    LocalWrites localWrites() {
        return localWrites;
    }

    public List<Route> routes() {
        return router.routes();
    }

    /** /ready turns 503 from now on. */
    public void beginShutdown() {
        state.beginShutdown();
        connections.drain();
    }

    /**
     * Stops in the reverse order of start: listening (in-flight requests drain within the shutdown timeout), the
     * feed and pruning, model work, Redis and metrics, the store (queued writes commit), the background threads.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        beginShutdown();
        // Open sockets would hold the stop until its timeout: they are told to go away first.
        activitySocket.closeAll();
        if (webServer.isRunning()) webServer.stop();
        connections.stop();
        if (tailer != null) tailer.close();
        pruner.close();
        keyPruner.close();
        executors.stopWork();
        // rows computed since the start (warm-up, writes, rebuilds) make the next start faster
        if (modelsLoaded) engine.tenants().forEach(rowFiles::save);
        buckets.close();
        if (redis != null) redis.close();
        metrics.close();
        store.close();
        executors.close();
    }
}
