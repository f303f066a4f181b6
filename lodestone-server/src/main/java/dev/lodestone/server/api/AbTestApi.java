package dev.lodestone.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lodestone.core.eval.TwoProportionZTest;
import dev.lodestone.server.auth.ActingTenant;
import dev.lodestone.server.auth.KnownKeys;
import dev.lodestone.server.config.RateLimit;
import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.ApiException;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;
import dev.lodestone.core.model.Timestamps;
import dev.lodestone.core.model.Ids;
import dev.lodestone.server.ingest.JsonValues;
import dev.lodestone.server.ratelimit.Buckets;
import dev.lodestone.server.ratelimit.RateDecision;
import dev.lodestone.store.AbCount;
import dev.lodestone.store.AbEvent;
import dev.lodestone.store.Store;
import io.helidon.http.HeaderNames;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A/B tests of storefront widgets. {@code POST /api/v1/ab-events} takes the widget's events without a key (as the
 * old widget sends them): the tenant is the one whose publishable key allows the request's {@code Origin} — an
 * origin no publishable key allows is refused, so no site can write into a shop's results it does not own.
 * Events are stored durably; a resent event (same test, variant, user, type and time) is stored once.
 * {@code GET /api/v1/experiments/{test_id}} (tenant key) reports each variant and a two-proportion z-test.
 */
public final class AbTestApi {
    static final String IMPRESSION = "impression";
    static final String CLICK = "click";
    static final String CONVERSION = "conversion";
    static final double ALPHA = 0.05;
    private static final int MAX_VARIANT_CHARS = 100;
    /** Events from the future beyond this are a wrong clock, not an event. */
    private static final Duration MAX_FUTURE = Duration.ofDays(1);

    private final Store store;
    private final KnownKeys keys;
    private final Buckets buckets;
    private final RateLimit perAddress;

    /** @param perAddress events per minute from one client address (the publishable keys' per-address limit) */
    public AbTestApi(Store store, KnownKeys keys, Buckets buckets, RateLimit perAddress) {
        this.store = store;
        this.keys = keys;
        this.buckets = buckets;
        this.perAddress = perAddress;
    }

    public List<Route> routes() {
        return List.of(
                new Route("POST", "/api/v1/ab-events", Access.PUBLIC, this::record),
                new Route("GET", "/api/v1/experiments/{test_id}", Access.TENANT, this::results));
    }

    private void record(Exchange ex) {
        String origin = ex.header(HeaderNames.ORIGIN).map(String::trim).filter(o -> !o.isEmpty()).orElseThrow(() ->
                new ApiException(403, "ORIGIN_NOT_ALLOWED", "A/B events come from shop pages: an Origin that a publishable key allows is required"));
        List<String> tenants = keys.tenantsAllowingOrigin(origin);
        if (tenants.isEmpty()) throw new ApiException(403, "ORIGIN_NOT_ALLOWED", "no publishable key allows origin " + origin);
        limit(ex);
        JsonNode body = ex.body(Limits.MAX_BODY_BYTES);
        if (!body.isObject()) throw ApiException.invalidField("body", "must be a JSON object");
        // several shops on one origin: the event must say which; one naming a shop the origin is not allowed for is refused
        String named = body.path("tenant_id").isTextual() ? body.get("tenant_id").textValue()
                : ex.header(HeaderNames.create("X-Tenant-ID")).orElse(null);
        String tenant = ActingTenant.byOrigin(tenants, named).orElseThrow(() -> ApiException.invalidField("tenant_id",
                named == null ? "is required: several tenants' publishable keys allow this origin"
                        : "names a tenant none of whose publishable keys allows origin " + origin));
        String testId = JsonValues.requiredId(body, "test_id", Ids::idProblem);
        String variant = JsonValues.requiredId(body, "variant", v -> v.length() > MAX_VARIANT_CHARS
                ? "must be at most " + MAX_VARIANT_CHARS + " characters" : Ids.idProblem(v));
        String user = JsonValues.requiredId(body, "user_id", Ids::idProblem);
        String type = JsonValues.requiredId(body, "event_type", Ids::interactionTypeProblem);
        Instant at = timestamp(body.get("timestamp"));
        var metadata = JsonValues.metadata(body.get("metadata"), "metadata");
        store.insertAbEvents(List.of(new AbEvent(tenant, testId, variant, user, type, at, metadata)));
        ex.respond(202, Map.of("accepted", true));
    }

    /** The per-address limit; a failing bucket store lets the event through, as for every other limit. */
    private void limit(Exchange ex) {
        if (perAddress.off()) return;
        RateDecision decision;
        try {
            decision = buckets.take("ab:ip:" + ex.clientAddress() + ":" + perAddress.requestsPerMinute(), perAddress);
        } catch (RuntimeException e) {
            return;
        }
        if (!decision.allowed()) {
            ex.response().header(HeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            throw new ApiException(429, "RATE_LIMITED", "too many A/B events from this address; retry after "
                    + decision.retryAfterSeconds() + " s");
        }
    }

    /** Epoch milliseconds (the widget's Date.now()) or RFC 3339; now when absent. */
    private static Instant timestamp(JsonNode t) {
        Instant now = Timestamps.now();
        if (t == null || t.isNull()) return now;
        Instant at;
        if (t.isIntegralNumber() && t.canConvertToLong() && t.longValue() >= 0 && t.longValue() <= 253_402_300_799_999L) {
            at = Instant.ofEpochMilli(t.longValue());
        } else if (t.isTextual()) {
            try {
                at = Timestamps.parse(t.textValue());
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("timestamp", "must be epoch milliseconds or an RFC 3339 timestamp");
            }
        } else {
            throw ApiException.invalidField("timestamp", "must be epoch milliseconds or an RFC 3339 timestamp");
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) throw ApiException.invalidField("timestamp", "is more than a day in the future");
        return at;
    }

    private void results(Exchange ex) {
        String tenant = ActingTenant.of(ex, null);
        String testId = ex.pathParam("test_id");
        String problem = Ids.idProblem(testId);
        if (problem != null) throw ApiException.invalidRequest("test_id " + problem);
        String metric = ex.query("metric").filter(m -> !m.isEmpty()).orElse(CONVERSION);
        if (!metric.equals(CONVERSION) && !metric.equals(CLICK)) throw ApiException.invalidRequest("metric must be conversion or click");
        List<AbCount> counts = store.abCounts(tenant, testId);
        if (counts.isEmpty()) throw ApiException.notFound("EXPERIMENT_NOT_FOUND", "no A/B events for test " + testId);
        ex.respond(200, ExperimentReport.of(tenant, testId, metric, counts));
    }

    /** The per-variant report and its significance test. */
    static final class ExperimentReport {
        private ExperimentReport() {
        }

        static Map<String, Object> of(String tenant, String testId, String metric, List<AbCount> counts) {
            var byVariant = new TreeMap<String, Map<String, AbCount>>();
            for (AbCount c : counts) byVariant.computeIfAbsent(c.variant(), v -> new TreeMap<>()).put(c.eventType(), c);
            String control = byVariant.containsKey("control") ? "control" : byVariant.containsKey("A") ? "A" : byVariant.firstKey();
            int comparisons = Math.max(1, byVariant.size() - 1);
            double threshold = ALPHA / comparisons;
            Map<String, AbCount> controlCounts = byVariant.get(control);
            List<Map<String, Object>> variants = new ArrayList<>();
            boolean anySignificant = false;
            String winner = null;
            double best = Double.NEGATIVE_INFINITY;
            for (var e : byVariant.entrySet()) {
                Map<String, AbCount> c = e.getValue();
                long exposed = users(c, IMPRESSION);
                long succeeded = users(c, metric);
                var v = new LinkedHashMap<String, Object>();
                v.put("variant", e.getKey());
                v.put("impressions", events(c, IMPRESSION));
                v.put("clicks", events(c, CLICK));
                v.put("conversions", events(c, CONVERSION));
                v.put("users", exposed);
                v.put("click_rate", rate(events(c, CLICK), events(c, IMPRESSION)));
                v.put("conversion_rate", rate(users(c, CONVERSION), exposed));
                v.put("user_click_rate", rate(users(c, CLICK), exposed));
                var other = new TreeMap<String, Long>();
                c.forEach((type, count) -> other.put(type, count.events()));
                v.put("events", other);
                if (!e.getKey().equals(control)) {
                    var test = TwoProportionZTest.of(users(controlCounts, metric), users(controlCounts, IMPRESSION), succeeded, exposed);
                    v.put("z", test.defined() ? round(test.z()) : null);
                    v.put("p_value", test.defined() ? round(test.pValue()) : null);
                    boolean significant = test.defined() && test.pValue() < threshold;
                    v.put("significant", significant);
                    anySignificant |= significant;
                }
                double r = exposed == 0 ? Double.NEGATIVE_INFINITY : (double) succeeded / exposed;
                if (r > best) {
                    best = r;
                    winner = e.getKey();
                }
                variants.add(v);
            }
            var out = new LinkedHashMap<String, Object>();
            out.put("test_id", testId);
            out.put("tenant_id", tenant);
            out.put("metric", metric);
            out.put("control", control);
            out.put("test", "two-proportion z-test, two-sided, pooled variance: each variant against the control; one "
                    + "user exposed (an impression) is one trial, a user who " + (metric.equals(CLICK) ? "clicked" : "converted")
                    + " one success; significant when p < " + round(threshold)
                    + (comparisons > 1 ? " (0.05 / " + comparisons + " comparisons, Bonferroni)" : ""));
            out.put("alpha", ALPHA);
            out.put("significant", anySignificant);
            out.put("leader", winner);
            out.put("variants", variants);
            return out;
        }

        private static long events(Map<String, AbCount> c, String type) {
            AbCount n = c == null ? null : c.get(type);
            return n == null ? 0 : n.events();
        }

        private static long users(Map<String, AbCount> c, String type) {
            AbCount n = c == null ? null : c.get(type);
            return n == null ? 0 : n.users();
        }

        private static Double rate(long x, long n) {
            return n == 0 ? null : round((double) x / n);
        }

        private static double round(double v) {
            return Math.rint(v * 1e6) / 1e6;
        }
    }
}
