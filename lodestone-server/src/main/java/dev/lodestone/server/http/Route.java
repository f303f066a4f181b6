package dev.lodestone.server.http;

import java.util.Map;

/**
 * One API route. {@code template} uses {@code {name}} segments, e.g. {@code /api/v1/entities/{entity_id}}; the
 * template is also the metrics label, so label cardinality is bounded by the route table.
 */
public record Route(String method, String template, Access access, Handler handler) {

    String[] segments() {
        return template.substring(1).split("/", -1);
    }

    /** Path parameters when {@code path} (decoded segments) matches, else null. */
    Map<String, String> match(String[] path) {
        String[] parts = segments();
        if (parts.length != path.length) return null;
        Map<String, String> params = null;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{")) {
                if (params == null) params = new java.util.HashMap<>(4);
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
