package dev.lodestone.server;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.server.api.AbTestApi;
import dev.lodestone.server.api.ConfigApi;
import dev.lodestone.server.api.DashboardApi;
import dev.lodestone.server.api.DashboardAssets;
import dev.lodestone.server.dashboard.ActivitySummary;
import dev.lodestone.server.dashboard.EvaluationRuns;
import dev.lodestone.server.metrics.RequestStats;
import dev.lodestone.server.api.DocsApi;
import dev.lodestone.server.api.EntityApi;
import dev.lodestone.server.api.ExportApi;
import dev.lodestone.server.api.InteractionApi;
import dev.lodestone.server.api.InteractionTypeApi;
import dev.lodestone.server.api.MetricsApi;
import dev.lodestone.server.api.OpsApi;
import dev.lodestone.server.api.ProductApi;
import dev.lodestone.server.api.RecommendationApi;
import dev.lodestone.server.api.StoreOutages;
import dev.lodestone.server.api.StorefrontApi;
import dev.lodestone.server.api.TenantApi;
import dev.lodestone.server.api.WidgetApi;
import dev.lodestone.server.auth.Authenticator;
import dev.lodestone.server.config.ServerConfig;
import dev.lodestone.server.feed.LocalWrites;
import dev.lodestone.server.http.LoadingGate;
import dev.lodestone.server.http.RequestFilter;
import dev.lodestone.server.http.Route;
import dev.lodestone.server.http.Router;
import dev.lodestone.server.ingest.EntityIngest;
import dev.lodestone.server.ingest.InteractionIngest;
import dev.lodestone.server.ingest.InteractionWeights;
import dev.lodestone.server.ingest.KnownTenants;
import dev.lodestone.server.ingest.OrderIngest;
import dev.lodestone.server.live.ActivitySocket;
import dev.lodestone.server.metrics.HttpMetrics;
import dev.lodestone.server.metrics.ServerMetrics;
import dev.lodestone.server.ops.AccessLog;
import dev.lodestone.server.ops.CorsFilter;
import dev.lodestone.server.ops.RedisConnection;
import dev.lodestone.server.ratelimit.Buckets;
import dev.lodestone.server.ratelimit.RedisBuckets;
import dev.lodestone.server.ratelimit.RateLimitFilter;
import dev.lodestone.server.tenants.TenantRemoval;
import dev.lodestone.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node's HTTP routing, built from its parts apart from any server: every route, the filters before them and
 * the listeners after them. Building it does no I/O; the {@link Node} hands the router to the web server it starts.
 */
final class ApiRoutes {
    private ApiRoutes() {
    }

    /** The parts of a node that the routes use. */
    record Parts(ServerConfig config, Store store, Engine engine, Authenticator authenticator,
                 InteractionWeights weights, LocalWrites localWrites, KnownTenants knownTenants,
                 ServerMetrics metrics, RedisConnection redis, Buckets buckets, NodeState state,
                 Consumer<List<Interaction>> interactionsApplied, ActivitySummary dailyActivity,
                 ActivitySocket activitySocket, EvaluationRuns evaluations, TenantRemoval removal) {
    }

    static Router router(Parts p) {
        List<OpsApi.Check> checks = new ArrayList<>(List.of(
                // From the state the store's background probe keeps: /ready never waits on the database.
                new OpsApi.Check("store", () -> p.store().available() ? null : "store does not answer"),
                new OpsApi.Check("models", () -> p.state().modelsLoaded() ? null : "loading"),
                new OpsApi.Check("shutdown", () -> p.state().shuttingDown() ? "in_progress" : null)));
        if (p.redis() != null) {
            // Reported, but the node stays ready without Redis: rate limits are then per node.
            var shared = p.buckets() instanceof RedisBuckets redisBuckets ? redisBuckets : null;
            checks.add(new OpsApi.Check("redis", () -> p.redis().connected() && (shared == null || shared.shared()) ? null
                    : "unavailable: rate limits are per node", false));
        }
        var config = p.config();
        var store = p.store();
        var engine = p.engine();
        List<Route> routes = new ArrayList<>();
        routes.addAll(new OpsApi(checks).routes());
        routes.addAll(new MetricsApi(p.metrics(), config.metricsOpen()).routes());
        routes.addAll(new ConfigApi(config).routes());
        routes.addAll(new DocsApi().routes());
        routes.addAll(new ExportApi(store).routes());
        var entityIngest = new EntityIngest(store, engine, p.localWrites(), p.knownTenants());
        routes.addAll(new EntityApi(store, entityIngest).routes());
        routes.addAll(new ProductApi(engine, entityIngest).routes());
        var interactionIngest = new InteractionIngest(store, engine, p.weights(), p.localWrites(), p.knownTenants(),
                p.interactionsApplied());
        routes.addAll(new InteractionApi(store, interactionIngest, new OrderIngest(engine, interactionIngest)).routes());
        routes.addAll(new InteractionTypeApi(store, p.weights(), p.knownTenants()).routes());
        routes.addAll(new TenantApi(store, engine, p.authenticator(), p.removal()).routes());
        routes.addAll(p.activitySocket().routes());
        routes.addAll(new WidgetApi().routes());
        routes.addAll(new RecommendationApi(engine, config.defaultRecommendationCount(), config.maxRecommendationCount()).routes());
        routes.addAll(new DashboardApi(store, engine, p.dailyActivity(), p.evaluations(),
                new RequestStats(p.metrics().registry())).routes());
        routes.addAll(new DashboardAssets().routes());
        // after the main API's routes: /recommendations/user/trending stays the main API's; "user", "entity" and the
        // main API's other words there are reserved tenant ids (ReservedTenantIds), so no tenant loses its storefront
        routes.addAll(new StorefrontApi(engine, config.maxRecommendationCount()).routes());
        routes.addAll(new AbTestApi(store, p.authenticator().keys(), p.buckets(), config.publishableAddressRateLimit()).routes());
        List<RequestFilter> filters = new ArrayList<>(List.of(new CorsFilter(config.corsAllowedOrigins(), p.authenticator().keys()::publishableOrigin),
                new LoadingGate(p.state()::modelsLoaded)));
        if (RateLimitFilter.anyLimit(config.rateLimit(), config.rateLimitTenantOverrides())
                || !config.publishableKeyRateLimit().off() || !config.publishableAddressRateLimit().off()) {
            filters.add(new RateLimitFilter(p.buckets(), config.rateLimit(), config.rateLimitTenantOverrides(),
                    config.publishableKeyRateLimit(), config.publishableAddressRateLimit()));
        }
        routes.replaceAll(StoreOutages::guarded);
        return new Router(routes, p.authenticator(), filters, List.of(new HttpMetrics(p.metrics().registry()), new AccessLog()),
                p.config().trustedProxies());
    }
}
