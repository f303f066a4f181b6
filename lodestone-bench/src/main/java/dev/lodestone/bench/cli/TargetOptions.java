package dev.lodestone.bench.cli;

import picocli.CommandLine.Option;

import java.net.URI;

/** Where a command sends its requests: the server's base URL, an API key and a tenant (shared by datagen and load). */
public final class TargetOptions {
    @Option(names = "--target", description = "Server base URL, e.g. http://127.0.0.1:8080")
    public URI target;

    @Option(names = "--api-key", description = "API key sent as X-API-Key (default: $API_KEY if set)")
    public String apiKey = System.getenv("API_KEY");

    @Option(names = "--tenant", description = "Tenant sent as X-Tenant-ID (default: none, i.e. the key's tenant or 'default')")
    public String tenant;

    public static TargetOptions of(URI target, String apiKey, String tenant) {
        var t = new TargetOptions();
        t.target = target;
        t.apiKey = apiKey;
        t.tenant = tenant;
        return t;
    }

    /** Base URL without a trailing slash. */
    public String base() {
        String s = target.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
