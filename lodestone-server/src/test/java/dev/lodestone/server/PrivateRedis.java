package dev.lodestone.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code redis-server} of the test's own on a free port, which the test may stop and start again. */
final class PrivateRedis implements AutoCloseable {
    private final int port;
    private final Path log;
    private Process process;

    private PrivateRedis(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    static PrivateRedis start() throws IOException, InterruptedException {
        var redis = new PrivateRedis(PrivatePostgres.freePort(), Files.createTempFile("lodestone-redis", ".log"));
        redis.startServer();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void startServer() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) throw new IllegalStateException("redis-server exited: " + Files.readString(log));
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    void stopServer() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stopServer();
        Files.deleteIfExists(log);
    }
}
