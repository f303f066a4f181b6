package dev.lodestone.client;

import java.time.Duration;

/**
 * A retry about to happen, for logging or metrics ({@link LodestoneClient.Builder#onRetry}).
 *
 * @param attempt the retry's number, 1 for the first retry
 * @param status  the status that caused it (429, 503), or 0 when no answer came
 * @param delay   how long the client waits first ({@code Retry-After} when the server sent one)
 * @param fromRetryAfter whether the delay is the server's {@code Retry-After}
 */
public record RetryEvent(String method, String path, int attempt, int status, Duration delay, boolean fromRetryAfter) {
}
