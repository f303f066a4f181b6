package dev.lodestone.server.http;

import java.util.Set;
import java.util.function.BooleanSupplier;

/** While the models load at start-up, API routes answer 503 (with Retry-After); health, readiness and metrics work. */
public final class LoadingGate implements RequestFilter {
    private final BooleanSupplier loaded;

    public LoadingGate(BooleanSupplier loaded) {
        this.loaded = loaded;
    }

    @Override
    public boolean before(Exchange exchange, Set<String> allowedMethods) {
        if (loaded.getAsBoolean() || exchange.route() == null || exchange.route().access() == Access.PUBLIC) return false;
        exchange.response().header("Retry-After", "1");
        throw new ApiException(503, "NOT_READY", "the server is loading its models; retry in a moment");
    }
}
