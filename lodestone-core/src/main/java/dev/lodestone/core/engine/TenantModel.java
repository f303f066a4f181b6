package dev.lodestone.core.engine;

import dev.lodestone.core.engine.basket.BasketCounts;
import dev.lodestone.core.engine.cf.InteractionMatrix;
import dev.lodestone.core.engine.cf.ItemNeighbours;
import dev.lodestone.core.engine.content.ContentIndex;
import dev.lodestone.core.engine.content.ContentNeighbours;
import dev.lodestone.core.engine.rank.SlotPool;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.EntityKey;
import dev.lodestone.core.model.Interaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
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
 * ({@link #rebuild}). Background work runs on the engine's executor; the model starts no thread itself.
 */
public final class TenantModel {
    /** Changes after which a background full rebuild starts (also at least this share of all interactions). */
    static final long REBUILD_MIN_CHANGES = 20_000;
    static final double REBUILD_CHANGE_SHARE = 0.2;
    private static final int REBUILD_CHUNK = 256;
    private static final int REBUILD_WORKERS = Runtime.getRuntime().availableProcessors();
    private static final long CACHE_SIZE = 10_000;
    private static final int WARM_CHUNK = 32;
    /** Entities changed since the content postings were built above which a warm-up stops (see warmContentRows). */
    static final int WARM_MAX_UNINDEXED = 2_000;
    /**
     * Writes quiet for this long count as settled: changes left since the last rebuild (the tail of a bulk load,
     * below the rebuild threshold) are then rebuilt and the content rows warmed, so that rows saved at shutdown and
     * answers after the load are current without waiting for more writes.
     */
    static final long SETTLE_NANOS = 2_000_000_000L;
    /** Changes since the last rebuild below which a settled tenant is left alone (a trickle of writes). */
    static final long SETTLE_MIN_CHANGES = 1_000;
    /** Interaction type that records a product being shown: kept in history, not a preference of the model. */
    public static final String SHOWN_ONLY = "impression";
    /** Metadata key naming the order of a purchase: its items form one basket. */
    public static final String ORDER_ID = "order_id";
    private static final int SCRATCH_POOL = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final String tenantId;
    private final EngineSettings settings;
    private final Clock clock;
    private final Executor background;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final EntityCatalog catalog = new EntityCatalog();
    private final InteractionMatrix matrix = new InteractionMatrix();
    private final ItemNeighbours neighbours = new ItemNeighbours();
    private final ContentIndex content = new ContentIndex();
    private final ContentNeighbours contentNeighbours = new ContentNeighbours();
    private final ListRankings rankings = new ListRankings(catalog, matrix);
    private final BasketCounts baskets = new BasketCounts();
    /**
     * Reusable request working memory (score boards sized to the catalogue): bounded, so idle memory stays small; a
     * request that finds none free allocates its own (only 2 cores run requests at once, so that is rare).
     */
    private final SlotPool<RequestScratch> scratches = new SlotPool<>(SCRATCH_POOL);
    private final ResultCache cache;
    private final AtomicLong version = new AtomicLong();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private long changesSinceRebuild;
    /** Schedules the settle checks; null: none (tests, offline tools: rebuilds only by volume or on demand). */
    private final ScheduledExecutorService timer;
    private final AtomicBoolean settleBooked = new AtomicBoolean();
    private volatile long lastWriteNanos;
    /** The highest interaction id applied (what saved rows are current up to). */
    private long maxInteractionId;
    private volatile Instant lastRebuild;
    /** Set when the tenant is deleted: work still running on this model must not outlive it (see {@link #retire}). */
    private volatile boolean retired;
    private final Learner learner;

    TenantModel(String tenantId, EngineSettings settings, Clock clock, Executor background) {
        this(tenantId, settings, clock, background, null, null, null);
    }

    /**
     * @param learning where the learned model trains in the background (null: only when asked)
     * @param timer    schedules the looks at settled writes and the pauses between trainings (null: none)
     * @param sink     told of each newly trained learned model (null: nobody)
     */
    TenantModel(String tenantId, EngineSettings settings, Clock clock, Executor background, Executor learning,
                ScheduledExecutorService timer, Learner.Sink sink) {
        this.tenantId = tenantId;
        this.timer = timer;
        this.background = background;
        this.settings = settings;
        this.cache = new ResultCache(CACHE_SIZE, settings.cacheTtl());
        this.clock = clock;
        this.learner = new Learner(this, learning, timer, sink);
    }

    /**
     * The tenant was deleted ({@link Engine#dropTenant}): a training that finishes later is no longer handed to the
     * sink, so a deleted tenant's learned model is not saved again (and a tenant created under the same id does not
     * inherit it).
     */
    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
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
        learner.maybeTrainInBackground();
    }

    /** Adds many interactions under one lock acquisition. */
    public void addInteractions(Iterable<Interaction> interactions) {
        write(() -> {
            for (Interaction i : interactions) addLocked(i);
        });
        maybeRebuildInBackground();
        learner.maybeTrainInBackground();
    }

    /** @return the item's index, or -1 when the interaction is not a preference */
    private int addLocked(Interaction interaction) {
        // "shown, not chosen": the storefront widget reports every product it shows; as preference, those reports
        // would make products popular because they are shown. They stay in history (and A/B and live counts).
        if (SHOWN_ONLY.equals(interaction.interactionType())) return -1;
        int item = catalog.intern(interaction.entityKey());
        if (interaction.id() > maxInteractionId) maxInteractionId = interaction.id();
        Instant at = interaction.timestamp() == null ? clock.instant() : interaction.timestamp();
        matrix.add(interaction.userId(), item, (float) interaction.weight(), at.getEpochSecond());
        if (BasketCounts.isBasketEvent(interaction.interactionType(), interaction.weight())) {
            Object order = interaction.metadata() == null ? null : interaction.metadata().get(ORDER_ID);
            baskets.add(interaction.userId(), item, order == null ? null : order.toString(), at.getEpochSecond());
        }
        rankings.interacted(item);
        changesSinceRebuild++;
        learner.changed();
        return item;
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
                for (Interaction i : batch) loaded(i, addLocked(i));
            });
            return this;
        }

        public Loader interaction(Interaction interaction) {
            write(() -> loaded(interaction, addLocked(interaction)));
            return this;
        }

        /**
         * Rows saved by {@link #saveRows} (before the interactions are fed): {@link #finish} installs those still
         * current instead of computing them. A stream that cannot be read is an {@link IOException}, and the load goes
         * on without it.
         */
        public Loader restoreRows(InputStream saved) throws IOException {
            restoring = SavedRows.readFrom(saved);
            return this;
        }

        private void loaded(Interaction interaction, int item) {
            if (restoring == null || item < 0 || interaction.id() <= restoring.interactionMark()) return;
            if (item >= newSinceSave.length) newSinceSave = Arrays.copyOf(newSinceSave, Math.max(item + 1, newSinceSave.length * 2));
            newSinceSave[item]++;
        }

        /** Computes vectors and neighbour rows (installing saved ones); the model is fully built when this returns. */
        public void finish() {
            rebuild(restoring, newSinceSave);
            restoring = null;
        }

        private SavedRows restoring;
        private int[] newSinceSave = new int[0];
        private int[] restored = {0, 0};

        /** Rows installed from the saved ones by {@link #finish}: {content, item-kNN}. */
        public int[] restoredRows() {
            return restored.clone();
        }

        private void rebuild(SavedRows saved, int[] newSince) {
            if (saved == null) {
                TenantModel.this.rebuild();
                return;
            }
            if (!refreshContent()) return;
            write(() -> restored = saved.install(catalog, matrix, neighbours, content, contentNeighbours, newSince));
            if (!rebuildNeighbourRows(true)) return;
            write(() -> changesSinceRebuild = 0);
            lastRebuild = clock.instant();
        }
    }

    /**
     * Full rebuild, synchronously: content vectors with the current IDF, then every item's neighbour row. Readers are
     * never blocked for long: the locks are taken per chunk. An interrupt (the owner stopping the background
     * executor) ends it between chunks; rows not rebuilt are recomputed on their next use, as after any change.
     */
    public void rebuild() {
        long changesAtStart = read(() -> changesSinceRebuild);
        if (!refreshContent()) return;
        if (!rebuildNeighbourRows(false)) return;
        write(() -> changesSinceRebuild -= changesAtStart);
        lastRebuild = clock.instant();
    }

    /** Content vectors with the current IDF, then the postings; false when interrupted. */
    private boolean refreshContent() {
        int entities = read(catalog::size);
        for (int from = 0; from < entities; from += REBUILD_CHUNK) {
            if (Thread.currentThread().isInterrupted()) return false;
            int start = from;
            write(() -> {
                for (int i = start; i < Math.min(entities, start + REBUILD_CHUNK); i++) {
                    Entity e = catalog.entity(i);
                    if (e != null) content.refresh(i);
                }
            });
        }
        write(content::buildPostings);
        return true;
    }

    /**
     * Saves the model's current neighbour rows (item-kNN and content) for a later {@link Loader#restoreRows}. The
     * rows are referenced under the read lock (they are immutable) and written outside it.
     */
    public void saveRows(OutputStream out) throws IOException {
        SavedRows rows = read(() -> SavedRows.capture(catalog, matrix, neighbours, content, contentNeighbours,
                maxInteractionId));
        rows.writeTo(out);
    }

    /**
     * Every item's neighbour row, on up to all cores: this thread works through the chunks and helpers on the
     * background executor join in when they get a thread. It waits only for chunks a helper has taken, never for a
     * helper that has not started, so a busy (or direct) executor cannot deadlock it.
     *
     * @return false when interrupted before every row was rebuilt
     */
    private boolean rebuildNeighbourRows(boolean keepCurrent) {
        int items = read(matrix::itemCount);
        int chunks = (items + REBUILD_CHUNK - 1) / REBUILD_CHUNK;
        int helpers = Math.max(0, Math.min(REBUILD_WORKERS, chunks) - 1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Object done = new Object();
        Runnable work = () -> {
            ItemNeighbours.Scratch scratch = new ItemNeighbours.Scratch();
            for (int chunk; (chunk = next.getAndIncrement()) < chunks; ) {
                try {
                    if (stopped.get() || Thread.currentThread().isInterrupted()) {
                        stopped.set(true);
                        continue;
                    }
                    int from = chunk * REBUILD_CHUNK;
                    for (int item = from; item < Math.min(items, from + REBUILD_CHUNK); item++) {
                        int i = item;
                        read(() -> matrix.itemSize(i) == 0 || keepCurrent && neighbours.isCurrent(matrix, i) ? null
                                : neighbours.rebuildRow(matrix, i, scratch));
                    }
                } finally {
                    if (finished.incrementAndGet() == chunks) {
                        synchronized (done) {
                            done.notifyAll();
                        }
                    }
                }
            }
        };
        for (int h = 0; h < helpers; h++) {
            try {
                background.execute(work);
            } catch (RejectedExecutionException shuttingDown) {
                break;
            }
        }
        work.run();
        synchronized (done) {
            while (finished.get() < chunks) {
                try {
                    done.wait();
                } catch (InterruptedException e) {
                    // helpers see the flag at their next chunk; this thread must not leave them half-way unobserved
                    stopped.set(true);
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopped.get();
    }

    private void maybeRebuildInBackground() {
        lastWriteNanos = System.nanoTime();
        long threshold = Math.max(REBUILD_MIN_CHANGES, (long) (matrix.interactionCount() * REBUILD_CHANGE_SHARE));
        if (changesSinceRebuild < threshold || !rebuilding.compareAndSet(false, true)) {
            bookSettleCheck();
            return;
        }
        startRebuild();
    }

    /** Looks again once writes have been quiet for {@link #SETTLE_NANOS} (one booking at a time; needs a timer). */
    private void bookSettleCheck() {
        if (timer == null || !settleBooked.compareAndSet(false, true)) return;
        try {
            timer.schedule(this::settleCheck, SETTLE_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            settleBooked.set(false);
        }
    }

    private void settleCheck() {
        long quiet = System.nanoTime() - lastWriteNanos;
        if (quiet < SETTLE_NANOS) {
            try {
                timer.schedule(this::settleCheck, SETTLE_NANOS - quiet, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                settleBooked.set(false);
            }
            return;
        }
        settleBooked.set(false);
        if (read(() -> changesSinceRebuild) < SETTLE_MIN_CHANGES) return;
        if (!rebuilding.compareAndSet(false, true)) {
            bookSettleCheck(); // a rebuild runs: look again after it
            return;
        }
        startRebuild();
    }

    /** With {@link #rebuilding} set by the caller. */
    private void startRebuild() {
        try {
            background.execute(() -> {
                try {
                    rebuild();
                    // once writes have settled, compute the content rows that changes made stale, so that requests
                    // (and the rows saved at shutdown) have them; skipped while a bulk load still streams in
                    if (read(() -> changesSinceRebuild) < REBUILD_MIN_CHANGES / 4) warmContentRows();
                } finally {
                    rebuilding.set(false);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the node is stopping: no more rebuilds
            rebuilding.set(false);
        }
    }

    // ---------------------------------------------------------------- reads

    public RecommendationList recommend(UserQuery q) {
        BlendWeights weights = q.weights() != null ? q.weights() : settings.weights();
        return cached(q, ranker -> ranker.recommend(q, weights, settings.trendingWindowDays()));
    }

    /** Entities similar to the source; empty when the source is not a known (not deleted) entity. */
    public Optional<RecommendationList> similar(SimilarQuery q) {
        return cached(q, ranker -> {
            int source = catalog.indexOf(q.source());
            if (source < 0 || catalog.entity(source) == null) return Optional.empty();
            return Optional.of(ranker.similar(source, q, settings.weights()));
        });
    }

    /**
     * Entities that go with the basket (bought together with its items; see {@link ComplementRanking}), filled with
     * popular ones: never empty while the catalogue has servable entities outside the basket.
     */
    public List<Recommendation> complements(ComplementQuery q) {
        return cached(q, ranker -> ranker.complements(q));
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
     *
     * @return false when interrupted before the end
     */
    public boolean warmContentRows() {
        int size = read(catalog::size);
        int next = 0;
        while (next < size) {
            if (Thread.currentThread().isInterrupted()) return false;
            // entities are streaming in faster than rebuilds index them: every row would scan the unindexed ones
            // and go stale as the catalogue grows; the rebuild once writes settle warms again
            if (read(content::unindexed) > WARM_MAX_UNINDEXED) return false;
            int start = next;
            next = read(() -> {
                int i = start;
                int end = Math.min(size, start + WARM_CHUNK);
                while (i < end) {
                    if (catalog.entity(i) != null) contentNeighbours.row(content, i, catalog::compareKeys);
                    i++;
                    // below request and write priority: a waiting writer ends the chunk (readers do not queue)
                    if (lock.hasQueuedThreads()) break;
                }
                return i;
            });
        }
        return true;
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
                return compute.apply(new Ranker(new RankContext(catalog, matrix, neighbours, content, contentNeighbours,
                        rankings, baskets, learner.state(), now, scratch)));
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

    // ---------------------------------------------------------------- learned model

    /** The learned model's trainer and holder. */
    public Learner learner() {
        return learner;
    }

    /** Catalogue and matrix access for the {@link Learner}, each call under a short read lock. */
    <T> T readModel(java.util.function.BiFunction<EntityCatalog, InteractionMatrix, T> body) {
        return read(() -> body.apply(catalog, matrix));
    }

    /** Drops cached lists (after a new learned model is swapped in). */
    void invalidate() {
        version.incrementAndGet();
    }

    Clock clock() {
        return clock;
    }

    <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
