package dev.lodestone.core.engine;

import dev.lodestone.core.engine.learned.EaseCodec;
import dev.lodestone.core.engine.learned.EaseModel;
import dev.lodestone.core.engine.learned.EaseTrainer;
import dev.lodestone.core.engine.learned.LambdaSearch;
import dev.lodestone.core.engine.learned.LearnedState;
import dev.lodestone.core.model.EntityKey;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrays;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains and holds one tenant's learned model. Training reads the interactions under short read locks (a chunk of
 * items or users at a time, like a request), computes off any lock, and swaps the new model in with one volatile
 * write: requests never wait for it and see either the old or the new model whole. In the background it runs on
 * the engine's learning executor once enough interactions arrived since the last training.
 */
public final class Learner {
    /** Interactions since the last training that start a new one (also at least this share of all of them). */
    static final long TRAIN_MIN_CHANGES = 1_000;
    static final double TRAIN_CHANGE_SHARE = 0.1;
    private static final int CHUNK = 2048;
    /**
     * After a background training of d ms the next one waits until this many times d has passed since it ended, so
     * learning takes at most a quarter of one core however fast changes arrive. Without it a bulk load of 1M
     * interactions into an empty tenant trained some 70 times (each time on 10 % more), minutes of a core.
     */
    static final int PAUSE_FACTOR = 3;
    /** Seed of the validation split λ is chosen on: the same data gives the same model. */
    private static final long SEARCH_SEED = 0x4C4F4445L;

    /** Told of each newly trained model, e.g. to persist it ({@code blob} from {@link EaseCodec}). */
    public interface Sink {
        void trained(String tenantId, byte[] blob);
    }

    /**
     * What /metrics and the tenant's status show.
     *
     * @param trainedAt      null before the first model
     * @param bytes          heap held by the model
     * @param items          items modelled
     * @param interactions   positive user-item pairs it was trained on
     * @param training       whether a training runs now
     * @param pendingChanges interactions since the model
     * @param lastError      the last training's failure, or null
     * @param lambda         the model's L2 regularisation (0 before the first model)
     * @param learnedShare   the model's share of a hybrid list's collaborative blend (0 before the first model)
     */
    public record Status(String kind, Instant trainedAt, long trainingMillis, long bytes, int items, long interactions,
                         boolean training, long pendingChanges, String lastError, double lambda, double learnedShare) {
    }

    private final TenantModel tenant;
    private final Executor executor;
    private final Sink sink;
    private final AtomicBoolean training = new AtomicBoolean();
    private final AtomicLong changes = new AtomicLong();
    private volatile LearnedState state;
    private volatile String lastError;
    private volatile int items = EaseTrainer.DEFAULT_ITEMS;
    /** Schedules a training booked for after its pause; null: no pauses (tests, offline tools). */
    private final ScheduledExecutorService timer;
    /** Clock millis before which no background training starts (see {@link #PAUSE_FACTOR}). */
    private volatile long notBeforeMillis;
    /** A fixed λ, or 0: chosen on validation at each training ({@link LambdaSearch}), starting from the last choice. */
    private volatile double fixedLambda;
    private volatile double lastLambda = EaseTrainer.DEFAULT_LAMBDA;

    Learner(TenantModel tenant, Executor executor, ScheduledExecutorService timer, Sink sink) {
        this.tenant = tenant;
        this.executor = executor;
        this.timer = timer;
        this.sink = sink;
    }

    /** The served model, or null before the first. */
    LearnedState state() {
        return state;
    }

    void changed() {
        changes.incrementAndGet();
    }

    /**
     * Sets the model's size and regularisation for later trainings (the bench compares settings on validation);
     * {@code l2} = 0 chooses λ on a validation split of the training data, as by default.
     */
    public void configure(int maxItems, double l2) {
        if (maxItems < 2 || !(l2 >= 0)) throw new IllegalArgumentException("need at least 2 items and a λ ≥ 0");
        this.items = maxItems;
        this.fixedLambda = l2;
    }

    public Status status() {
        LearnedState s = state;
        EaseModel m = s == null ? null : s.model();
        return new Status("ease", m == null ? null : m.trainedAt(), m == null ? 0 : m.trainingMillis(),
                m == null ? 0 : m.bytes(), m == null ? 0 : m.size(), m == null ? 0 : m.interactions(), training.get(),
                changes.get(), lastError, m == null ? 0 : m.lambda(), m == null ? 0 : m.learnedShare());
    }

    /**
     * Starts a background training when enough changed since the last one (and an executor was given): after each
     * write, and after a start-up load that found no saved model.
     */
    public void maybeTrainInBackground() {
        if (executor == null) return;
        LearnedState s = state;
        long base = s == null ? 0 : s.model().interactions();
        if (changes.get() < Math.max(TRAIN_MIN_CHANGES, (long) (base * TRAIN_CHANGE_SHARE))) return;
        long wait = notBeforeMillis - tenant.clock().millis();
        if (wait <= 0 || timer == null) {
            trainInBackground();
            return;
        }
        // too soon after the last training: one training is booked for when the pause is over ("training" stays set
        // meanwhile, so later writes book nothing more) and it takes in everything that arrived until then
        if (!training.compareAndSet(false, true)) return;
        try {
            timer.schedule(() -> {
                try {
                    executor.execute(this::trainAndRecheck);
                } catch (RejectedExecutionException closed) {
                    training.set(false);
                }
            }, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            training.set(false);
        }
    }

    /** Starts a background training unless one runs (or there is no executor); returns whether it started. */
    public boolean trainInBackground() {
        if (executor == null || !training.compareAndSet(false, true)) return false;
        try {
            executor.execute(this::trainAndRecheck);
            return true;
        } catch (RejectedExecutionException e) {
            training.set(false);
            return false;
        }
    }

    /**
     * One background training, then the pause before the next, then a new look at the changes: those that arrived
     * during the training (the tail of a bulk load) are trained in without waiting for another write.
     */
    private void trainAndRecheck() {
        long started = tenant.clock().millis();
        try {
            trainNow();
        } catch (RuntimeException | OutOfMemoryError e) {
            lastError = e.toString();
        } finally {
            long ended = tenant.clock().millis();
            notBeforeMillis = ended + PAUSE_FACTOR * Math.max(0, ended - started);
            training.set(false);
        }
        maybeTrainInBackground();
    }

    /** Trains on the calling thread and swaps the model in; false when there is too little data for a model. */
    public boolean train() {
        if (!training.compareAndSet(false, true)) return false;
        try {
            return trainNow();
        } finally {
            training.set(false);
        }
    }

    private boolean trainNow() {
        long changesAtStart = changes.get();
        EaseTrainer.Input input = collect();
        if (input == null) return false;
        LambdaSearch.Result tuned = fixedLambda > 0 ? LambdaSearch.shareAt(input, fixedLambda, SEARCH_SEED)
                : LambdaSearch.search(input, lastLambda, SEARCH_SEED);
        lastLambda = tuned.lambda();
        EaseModel model = EaseTrainer.train(input, tuned.lambda(), tuned.learnedShare(), tenant.clock());
        install(model);
        changes.addAndGet(-changesAtStart);
        lastError = null;
        if (sink != null && !tenant.retired()) {
            List<EntityKey> keys = tenant.readModel((catalog, matrix) -> {
                List<EntityKey> k = new ArrayList<>(model.size());
                for (int item : model.items()) k.add(catalog.key(item));
                return k;
            });
            sink.trained(tenant.tenantId(), EaseCodec.encode(model, keys));
        }
        return true;
    }

    /**
     * Serves a persisted model (from {@link Sink}) at once; columns whose entity is unknown here are ignored.
     *
     * @throws IllegalArgumentException when the blob is not a model
     */
    public void install(byte[] blob) {
        EaseModel model = tenant.readModel((catalog, matrix) -> EaseCodec.decode(blob, catalog::indexOf));
        install(model);
        if (model.lambda() > 0) lastLambda = model.lambda();
        changes.set(0);
    }

    private void install(EaseModel model) {
        int size = tenant.readModel((catalog, matrix) -> catalog.size());
        state = new LearnedState(model, model.columnsOf(size));
        tenant.invalidate();
    }

    /**
     * The most columns a training may take in a heap of {@code maxHeapBytes}: it holds about three n×n matrices at
     * its peak (the Gram matrix and its inverse in doubles, the weights in floats), so n is capped where they take a fifth
     * of the heap. With the launcher's 768 MB that is ~2,800 (above the default); in a small heap the model shrinks
     * instead of the node running out of memory — which, with -XX:+ExitOnOutOfMemoryError, would end the process.
     */
    static int itemsThatFitTheHeap(long maxHeapBytes) {
        return (int) Math.max(2, Math.min(Integer.MAX_VALUE, Math.sqrt(0.2 * maxHeapBytes / 20.0)));
    }

    /** The items with the most positive users, and every user's positive columns; null below two items. */
    private EaseTrainer.Input collect() {
        int itemCount = tenant.readModel((catalog, matrix) -> Math.min(matrix.itemCount(), catalog.size()));
        long[] ranked = new long[itemCount];
        int candidates = 0;
        for (int from = 0; from < itemCount; from += CHUNK) {
            int start = from;
            long[] counted = tenant.readModel((catalog, matrix) -> {
                long[] out = new long[Math.min(itemCount, start + CHUNK) - start];
                for (int i = start; i < start + out.length; i++) {
                    // entities not (or no longer) in the catalogue still carry evidence as history; eligibility
                    // keeps them out of lists
                    int m = matrix.itemSize(i);
                    float[] prefs = matrix.itemPreferences(i);
                    int positive = 0;
                    for (int t = 0; t < m; t++) if (prefs[t] > 0) positive++;
                    // most users first, then lowest index: one sortable key
                    if (positive > 0) out[i - start] = ((long) positive << 32) | (Integer.MAX_VALUE - i);
                }
                return out;
            });
            for (long key : counted) if (key != 0) ranked[candidates++] = key;
        }
        if (candidates < 2) return null;
        long[] keys = Arrays.copyOf(ranked, candidates);
        LongArrays.parallelQuickSort(keys);
        int n = Math.min(Math.min(items, itemsThatFitTheHeap(Runtime.getRuntime().maxMemory())), candidates);
        int[] columnItems = new int[n];
        int[] columnOf = new int[itemCount];
        Arrays.fill(columnOf, -1);
        for (int c = 0; c < n; c++) {
            int item = Integer.MAX_VALUE - (int) keys[candidates - 1 - c];
            columnItems[c] = item;
            columnOf[item] = c;
        }
        int users = tenant.readModel((catalog, matrix) -> matrix.userCount());
        IntArrayList rowStart = new IntArrayList(users + 1);
        IntArrayList columns = new IntArrayList();
        rowStart.add(0);
        for (int from = 0; from < users; from += CHUNK) {
            int start = from;
            tenant.readModel((catalog, matrix) -> {
                for (int u = start; u < Math.min(users, start + CHUNK); u++) {
                    int m = matrix.userSize(u);
                    int[] its = matrix.userItems(u);
                    float[] prefs = matrix.userPreferences(u);
                    int before = columns.size();
                    for (int k = 0; k < m; k++) {
                        int c = its[k] < itemCount && prefs[k] > 0 ? columnOf[its[k]] : -1;
                        if (c >= 0) columns.add(c);
                    }
                    if (columns.size() == before) continue;
                    Arrays.sort(columns.elements(), before, columns.size());
                    rowStart.add(columns.size());
                }
                return null;
            });
        }
        return new EaseTrainer.Input(columnItems, rowStart.toIntArray(), columns.toIntArray());
    }
}
