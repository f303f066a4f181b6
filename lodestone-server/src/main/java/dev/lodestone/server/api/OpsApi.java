package dev.lodestone.server.api;

import dev.lodestone.server.http.Access;
import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.Route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** /health (the process runs) and /ready (store answers, models loaded, not shutting down). */
public final class OpsApi {
    /**
     * A named readiness check: null when fine, else the problem. A check that is not {@code required} is reported but
     * leaves the node ready (e.g. Redis: without it the node still serves, with per-node rate limits). Checks must
     * answer from state they keep: /ready never waits on a database or Redis.
     */
    public record Check(String name, Supplier<String> problem, boolean required) {
        public Check(String name, Supplier<String> problem) {
            this(name, problem, true);
        }
    }

    private final List<Check> checks;

    public OpsApi(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/health", Access.PUBLIC, ex -> ex.respondText(200, "text/plain", "OK")),
                new Route("GET", "/ready", Access.PUBLIC, this::ready));
    }

    private void ready(Exchange ex) {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ready = true;
        for (Check check : checks) {
            String problem;
            try {
                problem = check.problem().get();
            } catch (RuntimeException e) {
                problem = "failed";
            }
            results.put(check.name(), problem == null ? "ok" : problem);
            ready &= problem == null || !check.required();
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("checks", results);
        ex.respond(ready ? 200 : 503, body);
    }
}
