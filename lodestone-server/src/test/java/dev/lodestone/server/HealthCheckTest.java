package dev.lodestone.server;

import dev.lodestone.server.ops.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container's probe reads the configuration as the server does (the settings table, environment over the
 * configuration file) and asks the node's own port; a configuration the node would refuse fails the probe with the
 * same one-line reason.
 */
class HealthCheckTest {
    @TempDir
    Path dir;

    record Exit(int code, String stderr) {
    }

    private Exit probe(Map<String, String> env) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr-" + System.nanoTime() + ".log");
        var pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HealthCheck.class.getName(), "/ready")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().keySet().removeAll(List.of("HOST", "PORT", "LODESTONE_CONFIG_FILE", "API_KEY"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        return new Exit(p.exitValue(), Files.readString(err));
    }

    @Test
    void asksTheNodeOnThePortTheConfigurationNames() throws Exception {
        try (var running = RunningServer.start(StoreKind.SQLITE, dir.resolve("data"))) {
            String port = Integer.toString(running.port());
            assertThat(probe(Map.of("PORT", port, "HOST", "0.0.0.0")).code()).as("0.0.0.0 is asked on loopback").isZero();
            Path file = Files.writeString(dir.resolve("node.properties"), "PORT=" + port + "\n");
            assertThat(probe(Map.of("LODESTONE_CONFIG_FILE", file.toString())).code()).as("the port from the file").isZero();
        }
    }

    @Test
    void aConfigurationTheNodeWouldRefuseFailsWithItsReason() throws Exception {
        var exit = probe(Map.of("PORT", "http"));
        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.stderr()).contains("lodestone health check: configuration error: PORT must be an integer between 0 and 65535 (got 'http')");
    }
}
