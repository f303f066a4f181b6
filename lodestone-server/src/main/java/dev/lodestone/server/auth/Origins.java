package dev.lodestone.server.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Browser origins ({@code scheme://host[:port]}) as publishable keys list them. */
public final class Origins {
    public static final int MAX_PER_KEY = 50;

    private Origins() {
    }

    /** Origins compare case-insensitively, without a trailing slash. */
    public static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    public static boolean allowed(List<String> allowed, String origin) {
        String o = normalise(origin);
        for (String a : allowed) if (a.equals(o)) return true;
        return false;
    }

    /** The problem with an origin in words, or null: http(s), a host, an optional port (1 to 65535), nothing else. */
    public static String problem(String origin) {
        if (origin == null || origin.isBlank() || origin.length() > 255) return "must be an origin such as https://shop.example";
        try {
            URI u = new URI(normalise(origin));
            boolean web = "https".equals(u.getScheme()) || "http".equals(u.getScheme());
            if (!web || u.getHost() == null || u.getRawUserInfo() != null || (u.getRawPath() != null && !u.getRawPath().isEmpty())
                    || u.getRawQuery() != null || u.getRawFragment() != null || u.getPort() == 0 || u.getPort() > 65535) {
                return "must be an origin (scheme://host[:port], http or https, no path), e.g. https://shop.example";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "must be an origin such as https://shop.example";
        }
    }
}
