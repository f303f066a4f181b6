package dev.lodestone.bench.cluster;

import dev.lodestone.bench.cli.DurationConverter;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * How long a write acknowledged by one node takes to reach another node's model (through the store's change feed):
 * creates entities on the writer, one at a time, and polls the reader's similar-entities route for each until it
 * knows the entity (404 before, 200 after). Needs two nodes on the same PostgreSQL database.
 */
@Command(name = "feed-lag", mixinStandardHelpOptions = true,
        description = "Time from a write acknowledged by one node until another node's model serves it.")
public final class FeedLagCommand implements Callable<Integer> {
    @Option(names = "--writer", required = true, description = "Base URL of the node that takes the writes")
    URI writer;

    @Option(names = "--reader", required = true, description = "Base URL of the node that is polled")
    URI reader;

    @Option(names = "--api-key", description = "API key sent as X-API-Key (default: $API_KEY if set)")
    String apiKey = System.getenv("API_KEY");

    @Option(names = "--tenant", description = "Tenant sent as X-Tenant-ID")
    String tenant;

    @Option(names = "--count", defaultValue = "200", description = "Entities to write (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--poll", defaultValue = "2ms", converter = DurationConverter.class,
            description = "Pause between polls of the reader (default: ${DEFAULT-VALUE})")
    Duration poll;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up on one entity after this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            System.err.println("feed-lag: --count must be at least 1");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var lag = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        String run = Long.toString(System.currentTimeMillis(), 36);
        int lost = 0;
        for (int i = 0; i < count; i++) {
            String id = "feed-lag-" + run + "-" + i;
            String body = "{\"entity_id\":\"" + id + "\",\"entity_type\":\"product\",\"attributes\":{\"category\":\"lag\",\"tags\":[\"t" + (i % 7) + "\"]}}";
            HttpResponse<String> written = http.send(request(writer, "/api/v1/entities")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long acknowledged = System.nanoTime();
            if (written.statusCode() / 100 != 2) {
                System.err.println("feed-lag: the writer answered " + written.statusCode() + ": " + written.body());
                return 1;
            }
            long deadline = acknowledged + timeout.toNanos();
            boolean seen = false;
            while (System.nanoTime() < deadline) {
                int status = http.send(request(reader, "/api/v1/recommendations/entity/" + id + "?count=1").GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    lag.recordValue(Math.max(1, (System.nanoTime() - acknowledged) / 1_000));
                    seen = true;
                    break;
                }
                if (status != 404) {
                    System.err.println("feed-lag: the reader answered " + status + " for " + id);
                    return 1;
                }
                Thread.sleep(poll.toMillis());
            }
            if (!seen) {
                lost++;
            }
            if ((i + 1) % 50 == 0) {
                System.err.printf("feed-lag: %d/%d%n", i + 1, count);
            }
        }
        System.out.printf("writes %d, seen by the reader %d, not seen within %s: %d%n", count, count - lost, timeout, lost);
        for (double q : List.of(50.0, 90.0, 99.0, 100.0)) {
            System.out.printf("lag p%s: %.1f ms%n", q == 100.0 ? "max" : String.valueOf((int) q), lag.getValueAtPercentile(q) / 1000.0);
        }
        return lost == 0 ? 0 : 1;
    }

    private HttpRequest.Builder request(URI base, String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        var builder = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        if (tenant != null) {
            builder.header("X-Tenant-ID", tenant);
        }
        return builder;
    }
}
