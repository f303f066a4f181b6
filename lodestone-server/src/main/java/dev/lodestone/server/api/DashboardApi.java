package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.ModelBrowser;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.eval.EvaluationResult;
import dev.lodestone.core.model.Tenant;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Principal;
import dev.lodestone.server.dashboard.ActivitySummary;
import dev.lodestone.server.dashboard.EvaluationRuns;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.server.metrics.RequestStats;
import dev.lodestone.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/v1/dashboard: what the admin dashboard shows beyond the public API — tenants with their counts, activity
 * over time, paged browsing of the in-memory catalogue and users, model state, offline evaluation on demand, and
 * this node's request counters. Tenant keys see their own tenant only (the usual tenant rule).
 */
public final class DashboardApi {
    private static final int MAX_PAGE = 200;

    private final Store store;
    private final Engine engine;
    private final ActivitySummary activity;
    private final EvaluationRuns evaluations;
    private final RequestStats requests;

    public DashboardApi(Store store, Engine engine, ActivitySummary activity, EvaluationRuns evaluations, RequestStats requests) {
        this.store = store;
        this.engine = engine;
        this.activity = activity;
        this.evaluations = evaluations;
        this.requests = requests;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/dashboard/tenants", Access.TENANT, this::tenants),
                new Route("GET", "/api/v1/dashboard/activity", Access.TENANT, this::activity),
                new Route("GET", "/api/v1/dashboard/entities", Access.TENANT, this::entities),
                new Route("GET", "/api/v1/dashboard/users", Access.TENANT, this::users),
                new Route("GET", "/api/v1/dashboard/model", Access.TENANT, this::model),
                new Route("POST", "/api/v1/dashboard/evaluations", Access.TENANT, this::startEvaluation),
                new Route("GET", "/api/v1/dashboard/evaluations/latest", Access.TENANT, this::latestEvaluation),
                new Route("GET", "/api/v1/dashboard/requests", Access.TENANT, this::requests));
    }

    /** Who is asking (admin or one tenant) and the tenants they may see, with their model's counts. */
    private void tenants(Exchange ex) {
        Principal p = ex.principal();
        // a tenant key sees the tenant it acts on, nothing else (and naming another is refused like everywhere)
        String acting = tenant(ex);
        boolean admin = p.tenantId() == null;
        List<Tenant> visible = admin ? store.tenants() : store.tenant(acting).map(List::of).orElse(List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Tenant t : visible) {
            var m = new LinkedHashMap<String, Object>();
            m.put("tenant_id", t.tenantId());
            if (t.name() != null) m.put("name", t.name());
            var model = engine.existing(t.tenantId());
            m.put("entities", model.map(TenantModel::entityCount).orElse(0L));
            m.put("users", model.map(TenantModel::userCount).orElse(0L));
            m.put("interactions", model.map(TenantModel::interactionCount).orElse(0L));
            rows.add(m);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("admin", admin);
        if (!admin) body.put("tenant_id", p.tenantId());
        body.put("tenants", rows);
        ex.respond(200, body);
    }

    private void activity(Exchange ex) {
        String tenant = tenant(ex);
        int days = ex.queryInt("days", 14, 1, ActivitySummary.MAX_DAYS);
        var a = activity.of(tenant, days);
        var perDay = new ArrayList<Map<String, Object>>();
        for (var d : a.perDay()) perDay.add(Map.of("date", d.date().toString(), "total", d.total(), "by_type", d.byType()));
        ex.respond(200, Map.of("tenant_id", tenant, "days", a.days(), "total", a.total(), "per_day", perDay,
                "by_type", a.byType(), "computed_at", Timestamps.format(a.computedAt())));
    }

    private void entities(Exchange ex) {
        String tenant = tenant(ex);
        int limit = ex.queryInt("limit", 50, 1, MAX_PAGE);
        int offset = ex.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        String type = ex.query("entity_type").filter(s -> !s.isBlank()).orElse(null);
        var page = engine.existing(tenant).map(m -> ModelBrowser.entities(m, ex.query("q").orElse(null), type, offset, limit))
                .orElse(new ModelBrowser.Page<>(List.of(), 0));
        var rows = new ArrayList<Map<String, Object>>();
        for (var r : page.rows()) {
            rows.add(Map.of("entity_id", r.entityId(), "entity_type", r.entityType(), "users", r.users(), "popularity", r.popularity()));
        }
        ex.respond(200, Map.of("entities", rows, "total", page.total(), "limit", limit, "offset", offset));
    }

    private void users(Exchange ex) {
        String tenant = tenant(ex);
        int limit = ex.queryInt("limit", 50, 1, MAX_PAGE);
        int offset = ex.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        var page = engine.existing(tenant).map(m -> ModelBrowser.users(m, ex.query("q").orElse(null), offset, limit))
                .orElse(new ModelBrowser.Page<>(List.of(), 0));
        var rows = new ArrayList<Map<String, Object>>();
        for (var r : page.rows()) rows.add(Map.of("user_id", r.userId(), "entities", r.entities()));
        ex.respond(200, Map.of("users", rows, "total", page.total(), "limit", limit, "offset", offset));
    }

    /** The serving model's sizes and freshness, and the learned model's state where it exists. */
    private void model(Exchange ex) {
        String tenant = tenant(ex);
        var body = new LinkedHashMap<String, Object>();
        body.put("tenant_id", tenant);
        var found = engine.existing(tenant);
        body.put("loaded", found.isPresent());
        found.ifPresent(m -> {
            body.put("entities", m.entityCount());
            body.put("users", m.userCount());
            body.put("interactions", m.interactionCount());
            body.put("version", m.version());
            if (m.lastRebuild() != null) body.put("last_rebuild", Timestamps.format(m.lastRebuild()));
            body.put("cache_hits", m.cacheHits());
            body.put("cache_misses", m.cacheMisses());
            var s = m.learner().status();
            var learned = new LinkedHashMap<String, Object>();
            learned.put("kind", s.kind());
            if (s.trainedAt() != null) learned.put("trained_at", Timestamps.format(s.trainedAt()));
            learned.put("training_millis", s.trainingMillis());
            learned.put("bytes", s.bytes());
            learned.put("items", s.items());
            learned.put("interactions", s.interactions());
            learned.put("training", s.training());
            learned.put("pending_changes", s.pendingChanges());
            if (s.lastError() != null) learned.put("last_error", s.lastError());
            body.put("learned", learned);
        });
        ex.respond(200, body);
    }

    private void startEvaluation(Exchange ex) {
        JsonNode body = ex.request().content().hasEntity() ? ex.body(Limits.MAX_BODY_BYTES) : null;
        String tenant = ActingTenant.of(ex, body);
        int k = 10;
        if (body != null && body.has("k")) {
            JsonNode kn = body.get("k");
            if (!kn.isInt() || kn.asInt() < 1 || kn.asInt() > 100) throw ApiException.invalidField("k", "must be an integer 1..100");
            k = kn.asInt();
        }
        if (engine.existing(tenant).isEmpty()) throw ApiException.notFound("TENANT_NOT_FOUND", "tenant " + tenant + " has no data");
        var started = evaluations.start(tenant, k);
        if (!started.started()) {
            throw new ApiException(409, "EVALUATION_RUNNING", "an evaluation of tenant " + tenant + " is running",
                    runJson(started.run()));
        }
        ex.respond(202, runJson(started.run()));
    }

    private void latestEvaluation(Exchange ex) {
        String tenant = tenant(ex);
        if (engine.existing(tenant).isEmpty()) {
            evaluations.forget(tenant); // a deleted tenant's run on this node
            throw ApiException.notFound("NOT_FOUND", "no evaluation of tenant " + tenant + " yet");
        }
        var run = evaluations.latest(tenant)
                .orElseThrow(() -> ApiException.notFound("NOT_FOUND", "no evaluation of tenant " + tenant + " yet"));
        ex.respond(200, runJson(run));
    }

    private void requests(Exchange ex) {
        tenant(ex);
        var out = new ArrayList<Map<String, Object>>();
        for (var c : requests.snapshot()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("method", c.method());
            m.put("route", c.route());
            m.put("requests", c.requests());
            m.put("errors", c.errors());
            m.put("seconds", c.seconds());
            m.put("max_seconds", c.maxSeconds());
            m.put("buckets", c.buckets());
            out.add(m);
        }
        ex.respond(200, Map.of("total", out.getFirst(), "routes", out.subList(1, out.size())));
    }

    private static Map<String, Object> runJson(EvaluationRuns.Run run) {
        var m = new LinkedHashMap<String, Object>();
        m.put("evaluation_id", run.id());
        m.put("tenant_id", run.tenantId());
        m.put("state", run.state());
        m.put("progress", run.progress());
        m.put("step", run.step());
        m.put("k", run.k());
        m.put("interactions", run.interactions());
        m.put("started_at", Timestamps.format(run.startedAt()));
        if (run.finishedAt() != null) m.put("finished_at", Timestamps.format(run.finishedAt()));
        var results = new ArrayList<Map<String, Object>>();
        for (EvaluationResult r : run.results()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("algorithm", r.algorithm().wireName());
            row.put("users", r.users());
            row.put("recall", r.recall());
            row.put("ndcg", r.ndcg());
            row.put("hit_rate", r.hitRate());
            row.put("precision", r.precision());
            row.put("mrr", r.mrr());
            row.put("coverage", r.coverage());
            results.add(row);
        }
        m.put("results", results);
        if (run.error() != null) m.put("error", run.error());
        return m;
    }

    private static String tenant(Exchange ex) {
        if (ex.principal().publishable()) throw new ApiException(403, "FORBIDDEN", "the dashboard needs a secret key");
        return ActingTenant.of(ex, null);
    }
}
