package dev.lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that cannot start says why in one line on stderr (written even though the log is asynchronous) and exits
 * non-zero; a fatal JVM error in any thread stops the process at once. Each case runs a real server process.
 */
class StartupFailureTest {
    @TempDir
    Path dir;

    record Exit(int code, String stderr, String stdout) {
        /** The line the server wrote for an operator (stderr may also hold JVM warnings before it). */
        String reason() {
            return stderr.lines().filter(l -> l.startsWith("lodestone:")).reduce((a, b) -> b).orElse("");
        }
    }

    private Exit run(Class<?> main, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".log");
        Path err = Files.createTempFile(dir, "stderr", ".log");
        var pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeAll(List.of("API_KEY", "DATABASE_URL", "REDIS_URL", "PORT", "HOST", "DATA_DIR"));
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("DATA_DIR", dir.resolve("data").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("still running after 60 s: " + Files.readString(out));
        }
        return new Exit(p.exitValue(), Files.readString(err), Files.readString(out));
    }

    private Exit runServer(Map<String, String> env) throws IOException, InterruptedException {
        return run(Main.class, env);
    }

    /** The server takes no arguments: --help lists the settings and starts nothing; anything else is refused. */
    @Test
    void helpListsTheSettingsAndOtherArgumentsAreRefused() throws Exception {
        var help = run(Main.class, Map.of("PORT", "0"), "--help");
        assertThat(help.code()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("usage: java -jar lodestone.jar").contains("  API_KEY  (default unset;")
                .contains("  DATABASE_URL  (default unset (embedded SQLite);").doesNotContain("`").doesNotContain("listening");
        var unknown = run(Main.class, Map.of("PORT", "0"), "--port=9000");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.reason()).isEqualTo("lodestone: unknown argument '--port=9000': the server takes no arguments;"
                + " it is configured by environment variables (--help lists them)");
    }

    @Test
    void portInUseNamesThePort() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            var exit = runServer(Map.of("PORT", Integer.toString(port)));
            assertThat(exit.code()).as(exit.stdout()).isEqualTo(1);
            assertThat(exit.reason()).isEqualTo("lodestone: cannot start: cannot listen on 127.0.0.1:" + port + ": port "
                    + port + " is already in use (another process listens on it; set PORT to another port)");
        }
    }

    @Test
    void missingDatabaseIsNamed() throws Exception {
        var exit = runServer(Map.of("PORT", "0", "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/lodestone_no_such_db"));
        assertThat(exit.code()).as(exit.stdout()).isEqualTo(1);
        assertThat(exit.reason()).startsWith("lodestone: cannot start: ")
                .contains("database \"lodestone_no_such_db\" does not exist");
    }

    @Test
    void missingRoleIsNamedAndTheLoggedConfigurationHidesSecrets() throws Exception {
        var exit = runServer(Map.of("PORT", "0", "API_KEY", "admin-secret-0123456789",
                "DATABASE_URL", "postgresql://lodestone_no_such_role:pw-secret-42@127.0.0.1:5432/test"));
        assertThat(exit.code()).as(exit.stdout()).isEqualTo(1);
        assertThat(exit.reason()).startsWith("lodestone: cannot start: ")
                .contains("role \"lodestone_no_such_role\" does not exist");
        assertThat(exit.stdout()).contains("configuration: ").contains("API_KEY=********")
                .contains("DATABASE_URL=postgresql://lodestone_no_such_role:********@127.0.0.1:5432/test")
                .doesNotContain("pw-secret-42").doesNotContain("admin-secret-0123456789");
        assertThat(exit.stderr()).doesNotContain("pw-secret-42");
    }

    @Test
    void unreachableDatabaseIsNamed() throws Exception {
        int nobody = ServerProcess.freePort();
        var exit = runServer(Map.of("PORT", "0", "DATABASE_URL", "postgresql://postgres@127.0.0.1:" + nobody + "/test"));
        assertThat(exit.code()).as(exit.stdout()).isEqualTo(1);
        assertThat(exit.reason()).startsWith("lodestone: cannot start: cannot connect to PostgreSQL at ")
                .contains("127.0.0.1:" + nobody);
    }

    @Test
    void aDataDirectoryInUseNamesTheOtherProcess() throws Exception {
        Path data = dir.resolve("data");
        try (var first = ServerProcess.start(Map.of("DATA_DIR", data.toString()), dir.resolve("first.log"))) {
            var exit = runServer(Map.of("PORT", "0"));
            assertThat(exit.code()).as(exit.stdout()).isEqualTo(1);
            assertThat(exit.reason()).startsWith("lodestone: cannot start: another Lodestone (pid "
                    + first.process.pid() + ") uses " + data);
            assertThat(first.http().get("/ready").status()).as("the first server is untouched").isEqualTo(200);
        }
    }

    @Test
    void anOutOfMemoryErrorInABackgroundTaskStopsTheProcess() throws Exception {
        var exit = run(FatalErrorProbe.class, Map.of());
        assertThat(exit.code()).isEqualTo(FatalErrors.EXIT_STATUS);
        assertThat(exit.reason()).startsWith("lodestone: fatal OutOfMemoryError in thread lodestone-maintenance")
                .contains("Java heap space (simulated)");
    }
}
