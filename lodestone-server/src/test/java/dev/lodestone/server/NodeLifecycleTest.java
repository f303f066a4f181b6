package dev.lodestone.server;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.server.config.ConfigLoader;
import dev.lodestone.store.StoreConfig;
import dev.lodestone.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's life in three steps: building does no I/O (no port, no tenant row, no thread), starting listens and
 * loads, closing stops everything it started — background threads included, so no model rebuild runs afterwards.
 */
class NodeLifecycleTest {
    @TempDir
    Path dir;

    private static Map<String, String> env(int port) {
        return Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port), "SHUTDOWN_GRACE_SECS", "0",
                "SHUTDOWN_TIMEOUT_SECS", "2");
    }

    @Test
    void buildingOpensNothingAndStartingDoes() throws Exception {
        int port = ServerProcess.freePort();
        var executors = new BackgroundExecutors();
        var store = Stores.open(StoreConfig.sqlite(dir), executors.store());
        var node = Node.build(ConfigLoader.load(env(port)), store, executors);
        try {
            // nothing listens yet: the port can still be taken, and no default tenant row was written
            try (var probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            }
            assertThat(store.tenants()).isEmpty();
            assertThat(liveThreads("lodestone-engine-", "lodestone-feed", "lodestone-maintenance")).isEmpty();

            node.start();
            assertThat(node.port()).isEqualTo(port);
            assertThat(new HttpClientForTests(port).get("/ready").status()).isEqualTo(200);
            assertThat(store.tenants()).extracting(t -> t.tenantId()).contains("default");
            assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
        } finally {
            node.close();
        }
        assertThat(executors.terminated()).isTrue();
        try (var probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }

    @Test
    void noModelWorkRunsAfterClose() throws Exception {
        var executors = new BackgroundExecutors();
        var node = Node.build(ConfigLoader.load(env(0)), Stores.open(StoreConfig.sqlite(dir), executors.store()), executors)
                .start();
        var model = node.engine().tenant("t");
        node.close();
        assertThat(executors.terminated()).isTrue();
        // enough changes to ask for a background rebuild: the stopped executor refuses it and the write still applies
        List<Interaction> batch = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            batch.add(new Interaction(i + 1, "t", "u" + i % 500, "item", "e" + i % 700, "view", InteractionTypeForm.PLAIN, 1, null, Map.of(), Instant.now()));
        }
        model.addInteractions(batch);
        assertThat(model.interactionCount()).isEqualTo(25_000);
        assertThat(model.lastRebuild()).isNull();
        assertThat(liveThreads("lodestone-engine-")).isEmpty();
    }

    @Test
    void aStartFailureStopsWhatStartedAndClosesTheStore() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            var executors = new BackgroundExecutors();
            var store = Stores.open(StoreConfig.sqlite(dir), executors.store());
            var node = Node.build(ConfigLoader.load(env(taken.getLocalPort())), store, executors);
            assertThatThrownBy(node::start).hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            assertThat(executors.terminated()).isTrue();
            assertThatThrownBy(() -> store.ensureTenant("x", null)).isInstanceOf(dev.lodestone.store.StoreException.class);
        }
    }

    private static List<String> liveThreads(String... prefixes) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) if (t.isAlive() && t.getName().startsWith(p)) names.add(t.getName());
        }
        return names;
    }
}
