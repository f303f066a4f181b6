package dev.lodestone.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/** One HTTP exchange with retries: builds the request, sends it, turns error answers into {@link LodestoneException}. */
final class Transport {
    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final String tenant;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final java.util.function.Consumer<RetryEvent> onRetry;
    final ObjectMapper json;

    /** Waits between attempts; tests replace it to see the delays without waiting. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    Transport(HttpClient http, URI base, String apiKey, String tenant, Duration timeout, RetryPolicy retry, Sleeper sleeper,
              java.util.function.Consumer<RetryEvent> onRetry) {
        this.onRetry = onRetry;
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.tenant = tenant;
        this.timeout = timeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.json = ClientJson.mapper();
    }

    /** A request to send. {@code safeToRepeat}: may be resent after a lost answer (idempotent). */
    record Call(String method, String path, Map<String, ?> query, Object body, String idempotencyKey, boolean safeToRepeat) {
        static Call get(String path, Map<String, ?> query) {
            return new Call("GET", path, query, null, null, true);
        }
    }

    JsonNode json(Call call) {
        HttpResponse<InputStream> r = send(call);
        try (InputStream in = r.body()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
        } catch (IOException e) {
            throw new LodestoneException(r.statusCode(), null, "unreadable answer: " + e.getMessage(), null, requestId(r), e);
        }
    }

    /** Sends once, without retries, and answers the JSON body whatever the status (for /ready's 503 body). */
    JsonNode jsonOnce(Call call) {
        try {
            var r = http.send(build(call), HttpResponse.BodyHandlers.ofByteArray());
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new LodestoneException(0, null, call.method() + " " + call.path() + " failed: " + e, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodestoneException(0, null, "interrupted", null, null, e);
        }
    }

    <T> T json(Call call, Class<T> type) {
        JsonNode node = json(call);
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new LodestoneException(200, null, "unexpected answer shape: " + e.getMessage(), null, null, e);
        }
    }

    /** Sends with retries; answers a 2xx response whose body the caller must close. */
    HttpResponse<InputStream> send(Call call) {
        HttpRequest request = build(call);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!call.safeToRepeat() || attempt >= retry.maxRetries()) {
                    throw new LodestoneException(0, null, call.method() + " " + call.path() + " failed: " + e, null, null, e);
                }
                pause(new RetryEvent(call.method(), call.path(), attempt + 1, 0,
                        retry.backoff(attempt + 1, ThreadLocalRandom.current().nextDouble()), false));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LodestoneException(0, null, "interrupted", null, null, e);
            }
            int status = response.statusCode();
            if (status < 300) return response;
            LodestoneException error = error(response);
            // 429 and 503 are refusals before any work: repeating them is always safe.
            if ((status == 429 || status == 503) && attempt < retry.maxRetries()) {
                Duration given = retryAfter(response);
                Duration wait = given != null ? given : retry.backoff(attempt + 1, ThreadLocalRandom.current().nextDouble());
                if (wait.compareTo(retry.maxDelay()) <= 0) {
                    pause(new RetryEvent(call.method(), call.path(), attempt + 1, status, wait, given != null));
                    continue;
                }
            }
            throw error;
        }
    }

    private void pause(RetryEvent event) {
        if (onRetry != null) onRetry.accept(event);
        try {
            sleeper.sleep(event.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodestoneException(0, null, "interrupted while waiting to retry", null, null, e);
        }
    }

    private HttpRequest build(Call call) {
        var b = HttpRequest.newBuilder(uri(call.path(), call.query())).timeout(timeout).header("Accept", "application/json");
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        if (tenant != null) b.header("X-Tenant-ID", tenant);
        if (call.idempotencyKey() != null) b.header("Idempotency-Key", call.idempotencyKey());
        if (call.body() != null) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(call.body());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write the request body as JSON: " + e.getMessage(), e);
            }
            b.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    URI uri(String path, Map<String, ?> query) {
        var q = new StringJoiner("&");
        if (query != null) {
            query.forEach((k, v) -> {
                if (v != null) q.add(encode(k) + "=" + encode(String.valueOf(v)));
            });
        }
        String baseText = base.toString().replaceAll("/+$", "");
        return URI.create(baseText + path + (q.length() == 0 ? "" : "?" + q));
    }

    /** One path segment, percent-encoded (ids may hold '/', spaces, any Unicode). */
    static String segment(String value) {
        if (value == null || value.isEmpty()) throw new IllegalArgumentException("an id must not be empty");
        return encode(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private LodestoneException error(HttpResponse<InputStream> response) {
        String code = null;
        String message = "HTTP " + response.statusCode();
        JsonNode details = null;
        try (InputStream in = response.body()) {
            JsonNode body = json.readTree(in.readAllBytes());
            JsonNode err = body == null ? null : body.get("error");
            if (err != null) {
                code = err.path("code").isMissingNode() ? null : err.get("code").asText();
                message = err.path("message").asText(message);
                details = err.get("details");
            }
        } catch (IOException | RuntimeException e) {
            // Not our envelope (a proxy's page): the status alone tells what happened.
        }
        return new LodestoneException(response.statusCode(), code, message, details, requestId(response), null);
    }

    private static String requestId(HttpResponse<?> r) {
        return r.headers().firstValue("x-request-id").orElse(null);
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> r) {
        var value = r.headers().firstValue("Retry-After");
        if (value.isEmpty()) return null;
        String v = value.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(java.time.Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
