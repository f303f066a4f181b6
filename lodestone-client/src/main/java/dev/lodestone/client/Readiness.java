package dev.lodestone.client;

import java.util.Map;

/** {@code GET /ready}: "ready" or "not_ready", and each check's state ("ok" or the problem). */
public record Readiness(String status, Map<String, String> checks) {
    public boolean ready() {
        return "ready".equals(status);
    }
}
