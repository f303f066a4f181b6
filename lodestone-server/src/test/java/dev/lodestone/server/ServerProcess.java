package dev.lodestone.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Lodestone server in a child JVM (same classpath as the tests), for tests that kill or signal it. */
final class ServerProcess implements AutoCloseable {
    final Process process;
    final int port;
    final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        return start(env, log, List.of("-Xmx512m"));
    }

    /** Starts with these JVM options (e.g. a small {@code -Xmx}) and waits until /ready answers 200. */
    static ServerProcess start(Map<String, String> env, Path log, List<String> jvmArgs) throws IOException, InterruptedException {
        int port = freePort();
        var server = new ServerProcess(launch(env, log, jvmArgs, port), port, log);
        // Generous: a loaded CI machine can take long to start a JVM and load a model; a healthy start is seconds.
        server.awaitReady(Duration.ofSeconds(180));
        return server;
    }

    /** Runs a server that is expected to refuse to start; returns its exit code. */
    static int runToExit(Map<String, String> env, Path log, Duration timeout) throws IOException, InterruptedException {
        Process process = launch(env, log, List.of("-Xmx128m"), freePort());
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("server still running after " + timeout + ": " + java.nio.file.Files.readString(log));
        }
        return process.exitValue();
    }

    private static Process launch(Map<String, String> env, Path log, List<String> jvmArgs, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().remove("API_KEY");
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("REDIS_URL");
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        var http = new HttpClientForTests(port);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("server exited: " + java.nio.file.Files.readString(log));
            try {
                if (http.get("/ready").status() == 200) return;
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready in " + timeout + ": " + java.nio.file.Files.readString(log));
    }

    HttpClientForTests http() {
        return new HttpClientForTests(port);
    }

    /** SIGTERM, as an orchestrator stops a container. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
