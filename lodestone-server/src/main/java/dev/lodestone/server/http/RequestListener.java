package dev.lodestone.server.http;

/** Told about every answered request (metrics, access log). */
@FunctionalInterface
public interface RequestListener {
    /**
     * @param routeTemplate the matched route's template, or a fixed placeholder for unmatched paths (bounded labels)
     */
    void completed(Exchange exchange, String method, String routeTemplate, int status, long nanos);
}
