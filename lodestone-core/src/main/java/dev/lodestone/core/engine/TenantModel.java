package dev.lodestone.core.engine;

import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.engine.rank.SlotPool;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One tenant's in-memory serving model: entity catalogue, interaction matrix, item-kNN and content neighbour rows,
 * content vectors (with a dimension-major posting index), the trending/popular/latest orders, and a cache of computed
 * lists.
 *
 * <p>Writes ({@link #upsertEntity}, {@link #removeEntity}, {@link #addInteraction}) apply under a short write lock
 * before they return, so the next request sees them; each also feeds the changed item into the kept orders. Requests
 * run under the read lock, concurrently. Neighbour rows of touched items are recomputed on their next use (popular
 * items only after 5 % new interactions); a full rebuild (IDF refresh of all content vectors and every
 * neighbour row) runs in the background after many changes, taking the locks only briefly per chunk, or on demand
 * ({@link #rebuild}).
 */
public final class TenantModel {
    /** Changes after which a background full rebuild starts (also at least this share of all interactions). */
    static final long REBUILD_MIN_CHANGES = 20_000;
    static final double REBUILD_CHANGE_SHARE = 0.2;
    private static final int REBUILD_CHUNK = 256;
    private static final int REBUILD_WORKERS = Runtime.getRuntime().availableProcessors();
    private static final long CACHE_SIZE = 10_000;
    private static final int WARM_CHUNK = 32;
    private static final int SCRATCH_POOL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final String tenantId;
    private final EngineSettings settings;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final EntityCatalog catalog = new EntityCatalog();
    private final InteractionMatrix matrix = new InteractionMatrix();
    private final ItemNeighbours neighbours = new ItemNeighbours();
    private final ContentIndex content = new ContentIndex();
    private final ContentNeighbours contentNeighbours = new ContentNeighbours();
    private final ListRankings rankings = new ListRankings(catalog, matrix);
    /**
     * Reusable request working memory (score boards sized to the catalogue): bounded, so idle memory stays small; a
     * request that finds none free allocates its own (only 2 cores run requests at once, so that is rare).
     */
    private final SlotPool<RequestScratch> scratches = new SlotPool<>(SCRATCH_POOL);
    private final ResultCache cache;
    private final AtomicLong version = new AtomicLong();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private long changesSinceRebuild;
    private volatile Instant lastRebuild;

    TenantModel(String tenantId, EngineSettings settings, Clock clock) {
        this.tenantId = tenantId;
        this.settings = settings;
        this.cache = new ResultCache(CACHE_SIZE, settings.cacheTtl());
        this.clock = clock;
    }

    public String tenantId() {
        return tenantId;
    }

    // ---------------------------------------------------------------- writes

    public void upsertEntity(Entity entity) {
        write(() -> {
            int i = catalog.intern(entity.key());
            catalog.put(i, entity, clock.instant());
            content.put(i, entity.attributes(), entity.vector());
            matrix.ensureItems(i + 1);
            rankings.entityChanged(i);
            changesSinceRebuild++;
        });
        maybeRebuildInBackground();
    }

    public void removeEntity(EntityKey key) {
        write(() -> {
            int i = catalog.indexOf(key);
            if (i < 0) return;
            Entity previous = catalog.remove(i);
            if (previous != null) content.remove(i);
            rankings.entityChanged(i);
            changesSinceRebuild++;
        });
    }

    public void addInteraction(Interaction interaction) {
        write(() -> addLocked(interaction));
        maybeRebuildInBackground();
    }

    /** Adds many interactions under one lock acquisition. */
    public void addInteractions(Iterable<Interaction> interactions) {
        write(() -> {
            for (Interaction i : interactions) addLocked(i);
        });
        maybeRebuildInBackground();
    }

    private void addLocked(Interaction interaction) {
        int item = catalog.intern(interaction.entityKey());
        Instant at = interaction.timestamp() == null ? clock.instant() : interaction.timestamp();
        matrix.add(interaction.userId(), item, (float) interaction.weight(), at.getEpochSecond());
        rankings.interacted(item);
        changesSinceRebuild++;
    }

    private void write(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            version.incrementAndGet();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * A fast path for start-up: feed entities and interactions, then {@link Loader#finish()} computes content
     * vectors with the final IDF and every neighbour row once.
     */
    public Loader loader() {
        return new Loader();
    }

    public final class Loader {
        private Loader() {
        }

        public Loader entity(Entity entity) {
            write(() -> {
                int i = catalog.intern(entity.key());
                catalog.put(i, entity, clock.instant());
                content.count(i, entity.attributes(), entity.vector());
                matrix.ensureItems(i + 1);
                rankings.entityChanged(i);
            });
            return this;
        }

        public Loader interactions(Iterable<Interaction> batch) {
            write(() -> {
                for (Interaction i : batch) addLocked(i);
            });
            return this;
        }

        public Loader interaction(Interaction interaction) {
            write(() -> addLocked(interaction));
            return this;
        }

        /** Computes vectors and neighbour rows; the model is fully built when this returns. */
        public void finish() {
            rebuild();
        }
    }

    /**
     * Full rebuild, synchronously: content vectors with the current IDF, then every item's neighbour row. Readers are
     * never blocked for long: the locks are taken per chunk.
     */
    public void rebuild() {
        long changesAtStart = read(() -> changesSinceRebuild);
        int entities = read(catalog::size);
        for (int from = 0; from < entities; from += REBUILD_CHUNK) {
            int start = from;
            write(() -> {
                for (int i = start; i < Math.min(entities, start + REBUILD_CHUNK); i++) {
                    Entity e = catalog.entity(i);
                    if (e != null) content.refresh(i);
                }
            });
        }
        write(content::buildPostings);
        rebuildNeighbourRows();
        write(() -> changesSinceRebuild -= changesAtStart);
        lastRebuild = clock.instant();
    }

    /** Every item's neighbour row, on all cores (rows are independent; each worker takes the read lock per item). */
    private void rebuildNeighbourRows() {
        int items = read(matrix::itemCount);
        int workers = Math.max(1, Math.min(REBUILD_WORKERS, items / REBUILD_CHUNK));
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            ItemNeighbours.Scratch scratch = new ItemNeighbours.Scratch();
            for (int from; (from = next.getAndAdd(REBUILD_CHUNK)) < items; ) {
                for (int item = from; item < Math.min(items, from + REBUILD_CHUNK); item++) {
                    int i = item;
                    read(() -> matrix.itemSize(i) == 0 ? null : neighbours.rebuildRow(matrix, i, scratch));
                }
            }
        };
        List<Thread> threads = new java.util.ArrayList<>();
        for (int w = 1; w < workers; w++) threads.add(Thread.ofPlatform().name("lodestone-rows-" + tenantId).start(work));
        work.run();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void maybeRebuildInBackground() {
        long threshold = Math.max(REBUILD_MIN_CHANGES, (long) (matrix.interactionCount() * REBUILD_CHANGE_SHARE));
        if (changesSinceRebuild < threshold || !rebuilding.compareAndSet(false, true)) return;
        Thread.ofVirtual().name("lodestone-rebuild-" + tenantId).start(() -> {
            try {
                rebuild();
            } finally {
                rebuilding.set(false);
            }
        });
    }

    // ---------------------------------------------------------------- reads

    public RecommendationList recommend(UserQuery q) {
        double cw = q.collaborativeWeight() != null ? q.collaborativeWeight()
                : q.contentWeight() != null ? 1 - q.contentWeight() : settings.collaborativeWeight();
        double tw = q.contentWeight() != null ? q.contentWeight()
                : q.collaborativeWeight() != null ? 1 - q.collaborativeWeight() : settings.contentWeight();
        return cached(q, ranker -> ranker.recommend(q, cw, tw, settings.trendingWindowDays()));
    }

    /** Entities similar to the source; empty when the source is not a known (not deleted) entity. */
    public Optional<RecommendationList> similar(SimilarQuery q) {
        return cached(q, ranker -> {
            int source = catalog.indexOf(q.source());
            if (source < 0 || catalog.entity(source) == null) return Optional.empty();
            return Optional.of(ranker.similar(source, q, settings.collaborativeWeight(), settings.contentWeight()));
        });
    }

    public List<Recommendation> trending(ListQuery q) {
        ListQuery withWindow = q.windowDays() > 0 ? q
                : new ListQuery(q.count(), q.offset(), q.entityType(), q.filter(), settings.trendingWindowDays());
        return cached(new ListKind("trending", withWindow), ranker -> ranker.trending(withWindow));
    }

    public List<Recommendation> popular(ListQuery q) {
        return cached(new ListKind("popular", q), ranker -> ranker.popular(q));
    }

    public List<Recommendation> latest(ListQuery q) {
        return cached(new ListKind("latest", q), ranker -> ranker.latest(q));
    }

    private record ListKind(String kind, ListQuery query) {
    }

    /** Types under which an entity with this id is in the catalogue, sorted. */
    public List<String> entityTypesOf(String entityId) {
        return read(() -> catalog.typesOf(entityId));
    }

    /** Attributes of a known entity, for include_attributes. */
    public Optional<Map<String, Object>> attributes(EntityKey key) {
        return read(() -> {
            int i = catalog.indexOf(key);
            return Optional.ofNullable(i < 0 ? null : catalog.entity(i)).map(Entity::attributes);
        });
    }

    public long entityCount() {
        return read(catalog::liveCount);
    }

    public long userCount() {
        return read(matrix::userCount);
    }

    public long interactionCount() {
        return read(matrix::interactionCount);
    }

    /** Stamp bumped by every write (and when an entity's availability window opens or closes). */
    public long version() {
        return version.get();
    }

    /**
     * Computes every entity's content neighbour row now, so that requests after a start-up do not pay for them on
     * first use (a similar-entities request for a cold source costs a posting search). Takes the read lock per small
     * chunk, like a request, so it can run beside traffic.
     */
    public void warmContentRows() {
        int size = read(catalog::size);
        for (int from = 0; from < size; from += WARM_CHUNK) {
            int start = from;
            read(() -> {
                for (int i = start; i < Math.min(size, start + WARM_CHUNK); i++) {
                    if (catalog.entity(i) != null) contentNeighbours.row(content, i, catalog::compareKeys);
                }
                return null;
            });
        }
    }

    /** {@link #warmContentRows()} on a new daemon thread; returns the thread. */
    public Thread warmContentRowsInBackground() {
        return Thread.ofPlatform().name("lodestone-warm-" + tenantId).daemon(true).start(this::warmContentRows);
    }

    public long cacheHits() {
        return cache.hits();
    }

    public long cacheMisses() {
        return cache.misses();
    }

    /** When the last full rebuild finished, or null before the first. */
    public Instant lastRebuild() {
        return lastRebuild;
    }

    private <T> T cached(Object query, Function<Ranker, T> compute) {
        Instant now = clock.instant();
        passBoundaries(now);
        var key = new ResultCache.Key(query, version.get(), now.getEpochSecond() / 60);
        // the scratch is taken under the read lock: a request parked waiting for the lock holds none
        return cache.get(key, () -> read(() -> {
            RequestScratch scratch = scratches.take();
            if (scratch == null) scratch = new RequestScratch();
            try {
                return compute.apply(new Ranker(catalog, matrix, neighbours, content, contentNeighbours, rankings, now,
                        scratch));
            } finally {
                scratch.release();
                scratches.give(scratch);
            }
        }));
    }

    /** An entity becoming available or expiring changes lists without a write: treat it as one. */
    private void passBoundaries(Instant now) {
        if (now.toEpochMilli() < read(catalog::nextBoundaryMillis)) return;
        write(() -> catalog.recomputeBoundary(now));
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
