package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database answers, kept up to date without making callers wait: a circuit breaker that store calls pass
 * through (open = every call fails at once with {@link StoreUnavailableException}), opened by calls that fail for
 * lack of the database and by a background probe, and closed again by the probe as soon as the database answers.
 *
 * <p>The probe, not a trial call, decides when the database is back: a trial read could wait the pool's whole
 * acquire timeout, and a trial write is a client's write. So the breaker's own wait in the open state is only a
 * backstop.
 */
public final class StoreAvailability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAvailability.class);
    public static final Duration DEFAULT_PROBE_PERIOD = Duration.ofMillis(250);

    /** One cheap round trip to the database; true when it answered. Runs on the probe thread only. */
    public interface Probe extends AutoCloseable {
        boolean answers();

        @Override
        default void close() {
        }
    }

    private final CircuitBreaker breaker;
    private final Probe probe;
    private final Duration period;
    private ScheduledExecutorService scheduler;
    private volatile boolean lastProbeAnswered = true;

    public StoreAvailability(String name, Probe probe, Duration period) {
        this.probe = probe;
        this.period = period;
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .recordException(Outages::isOutage)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> LOG.warn("store availability: {}", e.getStateTransition()));
    }

    /** Always available, no probe (tests of the committer alone). */
    public static StoreAvailability always() {
        return new StoreAvailability("store", () -> true, DEFAULT_PROBE_PERIOD);
    }

    /** Starts probing on {@code executor} (which this object then owns and shuts down on close). */
    public synchronized StoreAvailability start(ScheduledExecutorService executor) {
        if (scheduler != null) throw new IllegalStateException("already started");
        scheduler = executor;
        scheduler.scheduleWithFixedDelay(this::probeOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether calls go through now (the state kept, no round trip). */
    public boolean available() {
        var state = breaker.getState();
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN
                || state == CircuitBreaker.State.DISABLED;
    }

    /** The breaker's state name, for logs and metrics. */
    public String state() {
        return breaker.getState().name();
    }

    /** Takes a permission for one call or throws; the caller must then report {@link #succeeded} or {@link #failed}. */
    public void permit(String what) {
        if (!breaker.tryAcquirePermission()) {
            throw new StoreUnavailableException(what + " not attempted: the database is unavailable");
        }
    }

    public void succeeded(long nanos) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    public void failed(long nanos, Throwable failure) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
    }

    /** Gives back a permission whose call did not reach the database. */
    public void released() {
        breaker.releasePermission();
    }

    void probeOnce() {
        boolean answers;
        try {
            answers = probe.answers();
        } catch (RuntimeException e) {
            answers = false;
        }
        lastProbeAnswered = answers;
        var state = breaker.getState();
        if (!answers && (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN)) {
            breaker.transitionToOpenState();
        } else if (answers && (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN)) {
            breaker.transitionToClosedState();
        }
    }

    /** What the last probe found (true before the first). */
    public boolean lastProbeAnswered() {
        return lastProbeAnswered;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            probe.close();
        } catch (Exception e) {
            LOG.debug("closing the store probe failed", e);
        }
    }
}
