package dev.lodestone.bench.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The server jar run as a child process on loopback, which a campaign can SIGKILL or SIGTERM and start again. */
final class ServerChild {
    private final Path jar;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final Path log;
    private final int port;
    private Process process;

    ServerChild(Path jar, Map<String, String> env, List<String> jvmOptions, Path log) throws IOException {
        this.jar = jar;
        this.env = env;
        this.jvmOptions = jvmOptions;
        this.log = log;
        this.port = freePort();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the server and waits until /ready says 200 (models loaded). */
    void start(Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited (" + process.exitValue() + "); see " + log);
            try {
                var r = client.send(HttpRequest.newBuilder(URI.create(base() + "/ready")).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server was not ready within " + timeout + "; see " + log);
    }

    /** SIGKILL: the process dies at once, nothing is flushed or drained. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * How a SIGTERM ended.
     *
     * @param exitCode the process's exit code; -1 when it had to be SIGKILLed
     * @param took     from sending the signal to the process's exit (as {@link Process#waitFor} sees it)
     */
    record Termination(int exitCode, Duration took) {
    }

    /** SIGTERM: graceful shutdown, timed; SIGKILL after {@code timeout} (exit code -1 then). */
    Termination terminate(Duration timeout) throws InterruptedException {
        long sent = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        if (exited) return new Termination(process.exitValue(), took);
        process.destroyForcibly().waitFor();
        return new Termination(-1, took);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
