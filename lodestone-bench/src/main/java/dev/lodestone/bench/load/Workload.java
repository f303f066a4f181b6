package dev.lodestone.bench.load;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lodestone.bench.cli.TargetOptions;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Builds the next request of a scenario. Operations are numbered so workers keep per-operation latency without
 * maps: {@link #operationNames()} gives their names.
 */
final class Workload {
    static final int READ = 0;
    static final int WRITE = 1;
    private static final String[] INTERACTION_TYPES = {"view", "view", "view", "view", "click", "click", "add_to_cart", "purchase"};

    private final Scenario scenario;
    private final IdSource ids;
    private final IdSource rawIds;
    private final String entityTypeQuery;
    private final String hostHeader;
    private final String headers;
    private final double writeShare;
    private final int batch;

    Workload(Scenario scenario, IdSource ids, TargetOptions target, double writeShare, int batch) {
        this.scenario = scenario;
        this.rawIds = ids;
        this.ids = ids.pathEncoded();
        this.entityTypeQuery = java.net.URLEncoder.encode(ids.entityType(), StandardCharsets.UTF_8);
        this.hostHeader = target.target.getHost() + (target.target.getPort() > 0 ? ":" + target.target.getPort() : "");
        var h = new StringBuilder("Accept: application/json\r\n");
        if (target.apiKey != null) h.append("X-API-Key: ").append(target.apiKey).append("\r\n");
        if (target.tenant != null) h.append("X-Tenant-ID: ").append(target.tenant).append("\r\n");
        this.headers = h.toString();
        this.writeShare = writeShare;
        this.batch = batch;
    }

    String scenarioName() {
        return scenario.cliName();
    }

    String[] operationNames() {
        return switch (scenario) {
            case VALIDATOR -> new String[] {"recommend_user"};
            case SIMILAR -> new String[] {"similar"};
            case TRENDING -> new String[] {"trending"};
            case MIX -> new String[] {"recommend_user", "post_interaction"};
            case INGEST_SINGLE -> new String[] {"post_interaction"};
            case INGEST_BULK -> new String[] {"post_interactions_bulk"};
            case HEALTH -> new String[] {"health"};
        };
    }

    /** Interactions carried by one request of the operation (for items/s of ingest scenarios). */
    int itemsPerRequest(int operation) {
        return switch (scenario) {
            case INGEST_SINGLE -> 1;
            case INGEST_BULK -> batch;
            case MIX -> operation == WRITE ? 1 : 0;
            default -> 0;
        };
    }

    /** Fills {@code next} with the next request; returns the operation index. */
    int next(SplittableRandom random, byte[][] next) {
        switch (scenario) {
            case VALIDATOR -> next[0] = get("/api/v1/recommendations/user/" + pick(ids.users(), random) + "?algorithm=hybrid&count=10");
            case SIMILAR -> next[0] = get("/api/v1/recommendations/entity/" + pick(ids.entities(), random)
                    + "?count=10&entity_type=" + entityTypeQuery);
            case TRENDING -> next[0] = get("/api/v1/recommendations/trending?count=10");
            case HEALTH -> next[0] = get("/health");
            case INGEST_SINGLE -> next[0] = post("/api/v1/interactions", interaction(random));
            case INGEST_BULK -> next[0] = post("/api/v1/interactions/bulk", bulk(random));
            case MIX -> {
                if (random.nextDouble() < writeShare) {
                    next[0] = post("/api/v1/interactions", interaction(random));
                    return WRITE;
                }
                next[0] = get("/api/v1/recommendations/user/" + pick(ids.users(), random) + "?algorithm=hybrid&count=10");
            }
        }
        return READ;
    }

    private byte[] get(String path) {
        return HttpConnection.request("GET", hostHeader, path, headers, null);
    }

    private byte[] post(String path, String body) {
        return HttpConnection.request("POST", hostHeader, path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private String interaction(SplittableRandom random) {
        return appendInteraction(new StringBuilder(160), random).toString();
    }

    private String bulk(SplittableRandom random) {
        var sb = new StringBuilder(batch * 130).append("{\"interactions\":[");
        for (int i = 0; i < batch; i++) {
            if (i > 0) sb.append(',');
            appendInteraction(sb, random);
        }
        return sb.append("]}").toString();
    }

    private StringBuilder appendInteraction(StringBuilder sb, SplittableRandom random) {
        var quote = JsonStringEncoder.getInstance();
        sb.append("{\"user_id\":\"").append(quote.quoteAsString(pick(rawIds.users(), random)))
                .append("\",\"entity_id\":\"").append(quote.quoteAsString(pick(rawIds.entities(), random)))
                .append("\",\"entity_type\":\"").append(quote.quoteAsString(rawIds.entityType()))
                .append("\",\"interaction_type\":\"").append(pick(INTERACTION_TYPES, random)).append("\"}");
        return sb;
    }

    private static String pick(String[] a, SplittableRandom random) {
        return a[random.nextInt(a.length)];
    }
}
