package dev.lodestone.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a node runs with, as it may be shown: every setting of {@link Settings} with its effective value,
 * secrets masked. The start-up log line, {@code GET /api/config} and the dashboard's configuration panel all show
 * this.
 */
public final class MaskedConfig {
    private MaskedConfig() {
    }

    public static Map<String, Object> of(ServerConfig config) {
        var shown = new LinkedHashMap<String, Object>();
        for (Setting<?> setting : Settings.ALL) shown.put(setting.name(), setting.shown(config));
        // Not a setting: which store DATABASE_URL selected, said plainly for the dashboard.
        shown.put("store", config.databaseUrl() == null ? "sqlite" : "postgresql");
        return shown;
    }
}
