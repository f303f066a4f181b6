package dev.lodestone.server.api;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.BlendWeights;
import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.ListQuery;
import dev.lodestone.core.engine.Recommendation;
import dev.lodestone.core.engine.RecommendationList;
import dev.lodestone.core.engine.SimilarQuery;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.core.engine.UserQuery;
import dev.lodestone.core.filter.FilterExpression;
import dev.lodestone.core.filter.FilterSyntaxException;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.EntityLookup;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.core.model.Ids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** /api/v1/recommendations — answered from the in-memory model; never touches the store. */
public final class RecommendationApi {
    private static final int MAX_FILTER_CHARS = 2_000;
    private static final int MAX_EXCLUDE = 1_000;

    private final Engine engine;
    private final int defaultCount;
    private final int maxCount;

    public RecommendationApi(Engine engine, int defaultCount, int maxCount) {
        this.engine = engine;
        this.defaultCount = defaultCount;
        this.maxCount = maxCount;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/recommendations/user/{user_id}", Access.TENANT, this::forUser),
                new Route("GET", "/api/v1/recommendations/entity/{entity_id}", Access.TENANT, this::similar),
                new Route("GET", "/api/v1/recommendations/trending", Access.TENANT, ex -> list(ex, "trending")),
                new Route("GET", "/api/v1/recommendations/popular", Access.TENANT, ex -> list(ex, "popular")),
                new Route("GET", "/api/v1/recommendations/latest", Access.TENANT, ex -> list(ex, "latest")));
    }

    private void forUser(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String user = ex.pathParam("user_id");
        String problem = Ids.idProblem(user);
        if (problem != null) throw ApiException.invalidRequest("user_id " + problem);
        Algorithm algorithm = algorithm(ex, Algorithm.HYBRID);
        var query = new UserQuery(user, count(ex), offset(ex), algorithm, blendWeights(ex), entityType(ex),
                filter(ex), exclude(ex), ex.queryBool("exclude_seen", true), diversity(ex));
        TenantModel model = engine.serving(tenant);
        RecommendationList result = model.recommend(query);
        var body = new LinkedHashMap<String, Object>();
        body.put("recommendations", items(model, result.items(), ex.queryBool("include_attributes", false)));
        body.put("algorithm", result.algorithm().wireName());
        body.put("cold_start", result.coldStart());
        body.put("generated_at", Timestamps.format(Timestamps.now()));
        body.put("user_id", user);
        ex.respond(200, body);
    }

    private void similar(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String id = EntityApi.pathId(ex);
        String type = EntityApi.queryType(ex);
        TenantModel model = engine.serving(tenant);
        type = EntityLookup.require(id, type, model.entityTypesOf(id)).type();
        Algorithm algorithm = algorithm(ex, Algorithm.HYBRID);
        // entity_type names the source (as on /entities); target_type, when given, restricts the results.
        String targetType = ex.query("target_type").filter(t -> !t.isEmpty()).orElse(null);
        var query = new SimilarQuery(new EntityKey(type, id), count(ex), offset(ex), algorithm, targetType,
                filter(ex), exclude(ex), diversity(ex));
        RecommendationList result = model.similar(query).orElseThrow(() -> EntityLookup.notFound(id));
        var body = new LinkedHashMap<String, Object>();
        body.put("recommendations", items(model, result.items(), ex.queryBool("include_attributes", false)));
        body.put("algorithm", result.algorithm().wireName());
        body.put("cold_start", result.coldStart());
        body.put("generated_at", Timestamps.format(Timestamps.now()));
        body.put("entity_id", id);
        body.put("entity_type", type);
        ex.respond(200, body);
    }

    private void list(Exchange ex, String kind) {
        String tenant = ActingTenant.of(ex, null);
        double window = ex.queryDouble("window_days", engine.settings().trendingWindowDays(), 0.001, 3650);
        var query = new ListQuery(count(ex), offset(ex), entityType(ex), filter(ex), window);
        TenantModel model = engine.serving(tenant);
        List<Recommendation> items = switch (kind) {
            case "trending" -> model.trending(query);
            case "popular" -> model.popular(query);
            default -> model.latest(query);
        };
        var body = new LinkedHashMap<String, Object>();
        body.put(kind, items(model, items, ex.queryBool("include_attributes", false)));
        body.put("count", items.size());
        ex.respond(200, body);
    }

    private static List<Map<String, Object>> items(TenantModel model, List<Recommendation> recs, boolean attributes) {
        List<Map<String, Object>> out = new ArrayList<>(recs.size());
        for (Recommendation r : recs) {
            var m = new LinkedHashMap<String, Object>();
            m.put("entity_id", r.entityId());
            m.put("entity_type", r.entityType());
            m.put("score", r.score());
            m.put("reason", r.reason());
            if (attributes) model.attributes(new EntityKey(r.entityType(), r.entityId())).ifPresent(a -> m.put("attributes", a));
            out.add(m);
        }
        return out;
    }

    private int count(Exchange ex) {
        return ex.queryInt("count", defaultCount, 1, maxCount);
    }

    private static int offset(Exchange ex) {
        return ex.queryInt("offset", 0, 0, 10_000);
    }

    private static Algorithm algorithm(Exchange ex, Algorithm fallback) {
        var name = ex.query("algorithm");
        if (name.isEmpty() || name.get().isEmpty()) return fallback;
        return Algorithm.parse(name.get()).orElseThrow(() -> ApiException.invalidRequest("algorithm must be one of "
                + Arrays.stream(Algorithm.values()).map(Algorithm::wireName).toList()));
    }

    /** The request's blend, or null when it leaves it to the deployment's setting. */
    static BlendWeights blendWeights(Exchange ex) {
        Double collaborative = ex.queryOptionalDouble("collaborative_weight");
        Double content = ex.queryOptionalDouble("content_weight");
        Double contentAlias = ex.queryOptionalDouble("content_based_weight");
        if (content == null) content = contentAlias;
        else if (contentAlias != null && !contentAlias.equals(content)) {
            throw ApiException.invalidRequest("content_weight and content_based_weight disagree");
        }
        try {
            return BlendWeights.of(collaborative, content, null);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest(e.getMessage().startsWith("collaborative and content")
                    ? "collaborative_weight and content_weight must sum to 1 (±0.001)" : e.getMessage());
        }
    }

    private static String entityType(Exchange ex) {
        return EntityApi.queryType(ex);
    }

    private static FilterExpression filter(Exchange ex) {
        var text = ex.query("filter");
        if (text.isEmpty() || text.get().isBlank()) return null;
        if (text.get().length() > MAX_FILTER_CHARS) throw ApiException.invalidRequest("filter must be at most " + MAX_FILTER_CHARS + " characters");
        try {
            return FilterExpression.parse(text.get());
        } catch (FilterSyntaxException e) {
            throw new ApiException(400, "INVALID_FILTER", "filter: " + e.getMessage(), Map.of("position", e.position()));
        }
    }

    private static Set<String> exclude(Exchange ex) {
        var raw = ex.query("exclude");
        if (raw.isEmpty() || raw.get().isEmpty()) return Set.of();
        var out = new LinkedHashSet<String>();
        for (String id : raw.get().split(",")) {
            String t = id.trim();
            if (!t.isEmpty()) out.add(t);
        }
        if (out.size() > MAX_EXCLUDE) throw ApiException.invalidRequest("exclude lists at most " + MAX_EXCLUDE + " ids");
        return out;
    }

    private static double diversity(Exchange ex) {
        return ex.queryDouble("diversity", 0, 0, 1);
    }
}
