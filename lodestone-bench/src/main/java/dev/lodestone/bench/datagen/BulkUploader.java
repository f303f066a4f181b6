package dev.lodestone.bench.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lodestone.bench.cli.Progress;
import dev.lodestone.bench.cli.TargetOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends bodies to a running server with at most {@code concurrency} requests in flight, and counts what the server
 * accepted: from a bulk response's {@code successful}/{@code failed}, or, for a single write (an order), its status.
 */
final class BulkUploader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REPORTED_ERRORS = 5;

    private final TargetOptions target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight;
    private final int concurrency;
    private final Progress progress;
    final AtomicLong successful = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong failedRequests = new AtomicLong();
    final List<String> errors = new ArrayList<>();

    BulkUploader(TargetOptions target, int concurrency, Progress progress) {
        this.target = target;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.progress = progress;
    }

    /** Blocks while {@code concurrency} requests are in flight, so the generator never runs ahead of the server. */
    void submit(String path, byte[] body, int items) throws InterruptedException {
        inFlight.acquire();
        var builder = HttpRequest.newBuilder(URI.create(target.base() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.apiKey != null) builder.header("X-API-Key", target.apiKey);
        if (target.tenant != null) builder.header("X-Tenant-ID", target.tenant);
        client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            try {
                if (error != null) requestFailed(items, path + ": " + error);
                else if (response.statusCode() / 100 != 2) requestFailed(items, path + ": HTTP " + response.statusCode() + " " + new String(response.body()));
                else countAccepted(response.body(), items);
                progress.step(items);
            } finally {
                inFlight.release();
            }
        });
    }

    /** Waits until every submitted request has finished. */
    void drain() throws InterruptedException {
        inFlight.acquire(concurrency);
        inFlight.release(concurrency);
    }

    private void countAccepted(byte[] body, int items) {
        try {
            JsonNode n = JSON.readTree(body);
            successful.addAndGet(n.path("successful").asLong(items));
            long bad = n.path("failed").asLong(0);
            failed.addAndGet(bad);
            if (bad > 0) note(n.path("errors").toString());
        } catch (Exception e) {
            // a 2xx with an unexpected body: count the items as accepted, the server said so
            successful.addAndGet(items);
        }
    }

    private void requestFailed(int items, String message) {
        failedRequests.incrementAndGet();
        failed.addAndGet(items);
        note(message);
    }

    private synchronized void note(String message) {
        if (errors.size() < MAX_REPORTED_ERRORS) errors.add(message.length() > 500 ? message.substring(0, 500) + "…" : message);
    }
}
