package dev.lodestone.server;

import dev.lodestone.server.config.ConfigLoader;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-process server on a random port over a fresh store, for API tests. */
final class RunningServer implements AutoCloseable {
    final Node server;
    final StoreConfig storeConfig;
    final HttpClientForTests http;

    private RunningServer(Node server, StoreConfig storeConfig) {
        this.server = server;
        this.storeConfig = storeConfig;
        this.http = new HttpClientForTests(server.port());
    }

    static RunningServer start(StoreKind kind, Path dir) {
        return start(kind, dir, Map.of());
    }

    static RunningServer start(StoreKind kind, Path dir, Map<String, String> env) {
        return start(kind.freshConfig(dir), env);
    }

    /** Starts on an existing store location (e.g. to restart over the data of a previous server). */
    static RunningServer start(StoreConfig storeConfig, Map<String, String> env) {
        var all = new HashMap<String, String>();
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        all.put("SHUTDOWN_GRACE_SECS", "0");
        all.put("SHUTDOWN_TIMEOUT_SECS", "2");
        all.putAll(env);
        var config = ConfigLoader.load(all);
        var executors = new BackgroundExecutors();
        var store = Stores.open(storeConfig, executors.store());
        return new RunningServer(Node.build(config, store, executors).start(), storeConfig);
    }

    int port() {
        return server.port();
    }

    /** Stops the server, keeping the data. */
    void stop() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
        StoreKind.dropSchema(storeConfig);
    }
}
