package dev.lodestone.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop writers, each posting interactions of users never used before (so that every write can be looked up
 * afterwards by its user), remembering which were acknowledged (201), refused (503) or got no answer at all.
 */
final class WriteLoad {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String runId;
    final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    final AtomicLong noAnswer = new AtomicLong();
    final AtomicLong otherStatus = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    WriteLoad(String runId) {
        this.runId = runId;
    }

    /** Runs {@code writers} threads against {@code base} until {@code running} turns false. */
    List<Thread> start(String base, int writers, AtomicBoolean running) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().name("faults-writer-" + w).start(() -> {
                while (running.get()) {
                    long n = sequence.incrementAndGet();
                    String user = runId + "-u" + n;
                    String body = "{\"user_id\":\"" + user + "\",\"entity_id\":\"e" + (n % 200)
                            + "\",\"interaction_type\":\"view\"}";
                    try {
                        var r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 201) acknowledged.add(user);
                        else if (r.statusCode() == 503) refused.add(user);
                        else otherStatus.incrementAndGet();
                    } catch (IOException e) {
                        noAnswer.incrementAndGet(); // the process died or closed the connection: outcome unknown
                        pause();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        return threads;
    }

    /** Whether the user's interaction is in the store (history is read from the store, not the model). */
    boolean stored(String base, String user) throws IOException, InterruptedException {
        var r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/interactions/user/" + user + "?limit=5"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("history of " + user + ": HTTP " + r.statusCode());
        return !r.body().trim().equals("[]");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
