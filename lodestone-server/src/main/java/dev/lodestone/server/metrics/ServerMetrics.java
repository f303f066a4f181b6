package dev.lodestone.server.metrics;

import dev.lodestone.core.engine.Engine;
import dev.lodestone.core.engine.TenantModel;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The node's Prometheus registry: HTTP metrics (fed by {@link HttpMetrics}), store pool and write gauges, per-tenant
 * model gauges (entities, users, interactions, result-cache hits and misses, seconds since the last full rebuild, the
 * learned model's training time, size, items, age and pending changes) and JVM
 * metrics. Tenant series exist only for tenants the engine holds, refreshed at every scrape, so a deleted tenant's
 * series disappear.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Engine engine;
    private final Clock clock;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<TenantSeries> tenantSeries = new ArrayList<>();

    private record TenantSeries(MultiGauge gauge, ToDoubleFunction<TenantModel> value) {
    }

    public ServerMetrics(Engine engine, Store store, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        bindStore(store);
        tenantGauge("lodestone.tenant.entities", "Entities in the tenant's serving model", TenantModel::entityCount);
        tenantGauge("lodestone.tenant.users", "Users in the tenant's serving model", TenantModel::userCount);
        tenantGauge("lodestone.tenant.interactions", "Interactions in the tenant's serving model", TenantModel::interactionCount);
        tenantGauge("lodestone.cache.hits", "Recommendation result-cache hits since start", TenantModel::cacheHits);
        tenantGauge("lodestone.cache.misses", "Recommendation result-cache misses since start", TenantModel::cacheMisses);
        tenantGauge("lodestone.model.age.seconds", "Seconds since the tenant model's last full rebuild",
                m -> m.lastRebuild() == null ? Double.NaN : (clock.millis() - m.lastRebuild().toEpochMilli()) / 1000.0);
        tenantGauge("lodestone.learned.training.seconds", "How long the tenant's learned model's last training took",
                m -> m.learner().status().trainedAt() == null ? Double.NaN : m.learner().status().trainingMillis() / 1000.0);
        tenantGauge("lodestone.learned.size.bytes", "Heap held by the tenant's learned model",
                m -> m.learner().status().trainedAt() == null ? Double.NaN : m.learner().status().bytes());
        tenantGauge("lodestone.learned.items", "Items the tenant's learned model covers",
                m -> m.learner().status().trainedAt() == null ? Double.NaN : m.learner().status().items());
        tenantGauge("lodestone.learned.age.seconds", "Seconds since the tenant's learned model was trained",
                m -> m.learner().status().trainedAt() == null ? Double.NaN
                        : (clock.millis() - m.learner().status().trainedAt().toEpochMilli()) / 1000.0);
        tenantGauge("lodestone.learned.pending.changes", "Interactions since the tenant's learned model was trained",
                m -> m.learner().status().pendingChanges());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Prometheus text exposition of every metric, with tenant series refreshed first. */
    public String scrape() {
        var models = new ArrayList<TenantModel>();
        engine.tenants().forEach(models::add);
        for (TenantSeries series : tenantSeries) {
            var rows = new ArrayList<MultiGauge.Row<?>>(models.size());
            for (TenantModel model : models) {
                double value = series.value().applyAsDouble(model);
                if (!Double.isNaN(value)) rows.add(MultiGauge.Row.of(Tags.of("tenant", model.tenantId()), value));
            }
            series.gauge().register(rows, true);
        }
        return registry.scrape();
    }

    private void tenantGauge(String name, String description, ToDoubleFunction<TenantModel> value) {
        tenantSeries.add(new TenantSeries(MultiGauge.builder(name).description(description).register(registry), value));
    }

    private void bindStore(Store store) {
        storeGauge(store, "lodestone.store.connections.active", "Pooled store connections in use", StoreStats::activeConnections);
        storeGauge(store, "lodestone.store.connections.idle", "Pooled store connections idle", StoreStats::idleConnections);
        storeGauge(store, "lodestone.store.connections.pending", "Threads waiting for a store connection", StoreStats::waitingForConnection);
        storeGauge(store, "lodestone.store.writes.pending", "Store writes queued, not yet committed", StoreStats::pendingWrites);
        FunctionCounter.builder("lodestone.store.write.transactions", store, s -> s.stats().writeTransactions())
                .description("Write transactions committed by the group committer").register(registry);
        FunctionCounter.builder("lodestone.store.write.operations", store, s -> s.stats().writeOperations())
                .description("Write calls carried by those transactions").register(registry);
    }

    private void storeGauge(Store store, String name, String description, ToLongFunction<StoreStats> value) {
        Gauge.builder(name, store, s -> value.applyAsLong(s.stats())).description(description).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
