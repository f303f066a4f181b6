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
    private static final byte[] END_OF_HEAD = utf8("\r\n\r\n");
    private static final String[] INTERACTION_TYPES = {"view", "view", "view", "view", "click", "click", "add_to_cart", "purchase"};

    private final Scenario scenario;
    private final IdSource rawIds;
    private final String hostHeader;
    private final String headers;
    private final double writeShare;
    private final int batch;
    // pre-encoded request pieces: a GET is copied together, never formatted
    private final byte[][] userIds;
    private final byte[][] entityIds;
    private final byte[] recommendUserPrefix = utf8("GET /api/v1/recommendations/user/");
    private final byte[] recommendUserSuffix;
    private final byte[] similarPrefix = utf8("GET /api/v1/recommendations/entity/");
    private final byte[] similarSuffix;
    private final byte[] fixedRequest;
    private final byte[] postInteractionHead;
    private final byte[] postBulkHead;

    Workload(Scenario scenario, IdSource ids, TargetOptions target, double writeShare, int batch) {
        this.scenario = scenario;
        this.rawIds = ids;
        IdSource pathIds = ids.pathEncoded();
        this.hostHeader = target.target.getHost() + (target.target.getPort() > 0 ? ":" + target.target.getPort() : "");
        var h = new StringBuilder("Accept: application/json\r\n");
        if (target.apiKey != null) h.append("X-API-Key: ").append(target.apiKey).append("\r\n");
        if (target.tenant != null) h.append("X-Tenant-ID: ").append(target.tenant).append("\r\n");
        this.headers = h.toString();
        this.writeShare = writeShare;
        this.batch = batch;
        this.userIds = encoded(pathIds.users());
        this.entityIds = encoded(pathIds.entities());
        this.recommendUserSuffix = untilEndOfHead("?algorithm=hybrid&count=10");
        this.similarSuffix = untilEndOfHead("?count=10&entity_type=" + java.net.URLEncoder.encode(ids.entityType(), StandardCharsets.UTF_8));
        this.fixedRequest = switch (scenario) {
            case TRENDING -> untilEndOfHead("GET /api/v1/recommendations/trending?count=10");
            case HEALTH -> untilEndOfHead("GET /health");
            default -> null;
        };
        this.postInteractionHead = postHead("/api/v1/interactions");
        this.postBulkHead = postHead("/api/v1/interactions/bulk");
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

    /** Writes the next request into {@code out}; returns the operation index. */
    int next(SplittableRandom random, RequestBuffer out) {
        out.clear();
        switch (scenario) {
            case VALIDATOR -> recommendUser(random, out);
            case SIMILAR -> out.put(similarPrefix).put(pick(entityIds, random)).put(similarSuffix);
            case TRENDING, HEALTH -> out.put(fixedRequest);
            case INGEST_SINGLE -> post(out, postInteractionHead, interaction(random));
            case INGEST_BULK -> post(out, postBulkHead, bulk(random));
            case MIX -> {
                if (random.nextDouble() < writeShare) {
                    post(out, postInteractionHead, interaction(random));
                    return WRITE;
                }
                recommendUser(random, out);
            }
        }
        return READ;
    }

    private void recommendUser(SplittableRandom random, RequestBuffer out) {
        out.put(recommendUserPrefix).put(pick(userIds, random)).put(recommendUserSuffix);
    }

    /** {@code requestLineStart} (all of a GET's request line up to the protocol, or its end) and the rest of the head. */
    private byte[] untilEndOfHead(String requestLineStart) {
        return utf8(requestLineStart + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + headers + "\r\n");
    }

    /** A POST's head up to the Content-Length value. */
    private byte[] postHead(String path) {
        return utf8("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + headers + "Content-Type: application/json\r\nContent-Length: ");
    }

    private static void post(RequestBuffer out, byte[] head, String body) {
        byte[] bytes = utf8(body);
        out.put(head).put(utf8(Integer.toString(bytes.length))).put(END_OF_HEAD).put(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] encoded(String[] ids) {
        byte[][] out = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) out[i] = utf8(ids[i]);
        return out;
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

    private static <T> T pick(T[] a, SplittableRandom random) {
        return a[random.nextInt(a.length)];
    }
}
