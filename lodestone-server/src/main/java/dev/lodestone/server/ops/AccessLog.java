package dev.lodestone.server.ops;

import dev.lodestone.server.http.Exchange;
import dev.lodestone.server.http.RequestListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per answered request on the {@code access} logger. The fields go into the MDC too, so JSON logs
 * ({@code LOG_FORMAT=json}) carry them as {@code request_id}, {@code method}, {@code route}, {@code tenant},
 * {@code status} and {@code duration_ms}.
 */
public final class AccessLog implements RequestListener {
    private static final Logger log = LoggerFactory.getLogger("access");

    @Override
    public void completed(Exchange exchange, String method, String routeTemplate, int status, long nanos) {
        if (!log.isInfoEnabled()) return;
        String requestId = exchange == null ? "-" : exchange.requestId();
        String tenant = exchange == null || exchange.resolvedTenant() == null ? "-" : exchange.resolvedTenant();
        String path = exchange == null ? "-" : exchange.request().path().rawPathNoParams();
        String durationMs = String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
        try {
            MDC.put("request_id", requestId);
            MDC.put("method", method);
            MDC.put("route", routeTemplate);
            MDC.put("tenant", tenant);
            MDC.put("status", Integer.toString(status));
            MDC.put("duration_ms", durationMs);
            log.info("{} {} route={} status={} tenant={} duration_ms={} request_id={}", method, path, routeTemplate,
                    status, tenant, durationMs, requestId);
        } finally {
            MDC.remove("request_id");
            MDC.remove("method");
            MDC.remove("route");
            MDC.remove("tenant");
            MDC.remove("status");
            MDC.remove("duration_ms");
        }
    }
}
