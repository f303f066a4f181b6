package dev.lodestone.server.dashboard;

import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.engine.EngineSettings;
import dev.lodestone.core.eval.EvaluationResult;
import dev.lodestone.core.eval.Evaluator;
import dev.lodestone.core.eval.Split;
import dev.lodestone.core.eval.Splits;
import dev.lodestone.core.model.Entity;
import dev.lodestone.core.model.Interaction;
import dev.lodestone.store.EvaluationRecord;
import dev.lodestone.store.Store;
import dev.lodestone.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Offline quality on demand: per tenant at most one run at a time, in the background, on the tenant's most recent
 * interactions (a per-user random 80/20 split), evaluating each algorithm beside the popularity baseline with the
 * built-in {@link Evaluator}. Progress is reported by step: reading, training, then one step per algorithm. A
 * finished run is kept in the store (one per tenant), so the last result survives a restart.
 */
public final class EvaluationRuns {
    private static final Logger log = LoggerFactory.getLogger(EvaluationRuns.class);
    /** The most recent interactions a run reads: bounds its memory (about 100 bytes each, plus a second model). */
    public static final int MAX_INTERACTIONS = 200_000;
    static final List<Algorithm> ALGORITHMS = List.of(Algorithm.HYBRID, Algorithm.COLLABORATIVE, Algorithm.CONTENT_BASED,
            Algorithm.POPULAR);

    /** A run's state as the dashboard shows it. {@code progress} is 0..1. */
    public record Run(String id, String tenantId, String state, double progress, String step, int k, int interactions,
                      Instant startedAt, Instant finishedAt, List<EvaluationResult> results, String error) {
        public boolean running() {
            return state.equals("running");
        }
    }

    /**
     * Rough heap a run holds per interaction it reads and per catalogue entity (its copy plus its own model's share of
     * them), on the generous side: the node runs with -XX:+ExitOnOutOfMemoryError, so a run that does not fit would
     * end the process. At 100k entities the guess is ~380 MB, more than a 768 MB node holding that tenant has free (a
     * run there did exhaust the heap before this check).
     */
    static final long BYTES_PER_INTERACTION = 400;
    static final long BYTES_PER_ENTITY = 3_000;
    /** What any run takes besides: its model's fixed structures and the evaluator's working memory. */
    static final long BASE_BYTES = 16L << 20;

    /** A run that would not fit in the heap left: refused before it starts. */
    public static final class TooLarge extends RuntimeException {
        public final long neededBytes;
        public final long freeBytes;

        TooLarge(String tenantId, long neededBytes, long freeBytes) {
            super("an evaluation of tenant " + tenantId + " needs about " + (neededBytes >> 20) + " MB of heap and "
                    + (freeBytes >> 20) + " MB are free; run `lodestone bench eval` on an export instead, or give the"
                    + " server a larger heap (JAVA_OPTS=-Xmx…)");
            this.neededBytes = neededBytes;
            this.freeBytes = freeBytes;
        }
    }

    private final Store store;
    private final EngineSettings settings;
    private final Clock clock;
    private final LongSupplier freeHeap;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public EvaluationRuns(Store store, EngineSettings settings, Clock clock) {
        this(store, settings, clock, EvaluationRuns::freeHeapBytes);
    }

    /** @param freeHeap bytes of heap a run may take (tests pass their own) */
    public EvaluationRuns(Store store, EngineSettings settings, Clock clock, LongSupplier freeHeap) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.freeHeap = freeHeap;
    }

    private static long freeHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** The heap a run over this tenant would take, by {@link #BYTES_PER_INTERACTION} and {@link #BYTES_PER_ENTITY}. */
    static long heapNeeded(long interactions, long entities) {
        return BASE_BYTES + Math.min(interactions, MAX_INTERACTIONS) * BYTES_PER_INTERACTION + entities * BYTES_PER_ENTITY;
    }

    /**
     * The tenant's current or last run: the one running on this node, else the later finished of this node's last
     * run (which may have failed) and the store's (kept across restarts, and written by whichever node ran it).
     */
    public Optional<Run> latest(String tenantId) {
        Run mine = runs.get(tenantId);
        if (mine != null && mine.running()) return Optional.of(mine);
        Optional<Run> saved;
        try {
            saved = store.lastEvaluation(tenantId).map(EvaluationRuns::finished);
        } catch (StoreException e) {
            if (mine == null) throw e;
            return Optional.of(mine); // the store is down: what this node knows
        }
        if (mine == null) return saved;
        if (saved.isEmpty() || mine.finishedAt().isAfter(saved.get().finishedAt())) return Optional.of(mine);
        return saved;
    }

    private static Run finished(EvaluationRecord e) {
        return new Run(e.evaluationId(), e.tenantId(), "done", 1, "done", e.k(), e.interactions(), e.startedAt(),
                e.finishedAt(), e.results(), null);
    }

    /**
     * Starts a run unless one is running for the tenant (then answers that one, not started).
     *
     * @throws TooLarge when the run would not fit in the free heap
     */
    public synchronized StartResult start(String tenantId, int k) {
        Run current = runs.get(tenantId);
        if (current != null && current.running()) return new StartResult(current, false);
        long interactions = store.countInteractions(tenantId);
        long needed = heapNeeded(interactions, store.countEntities(tenantId));
        long free = freeHeap.getAsLong();
        if (needed > free) throw new TooLarge(tenantId, needed, free);
        Run run = new Run(Long.toHexString(clock.millis()) + "-" + Integer.toHexString(tenantId.hashCode()), tenantId,
                "running", 0, "reading interactions", k, 0, now(), null, List.of(), null);
        runs.put(tenantId, run);
        Thread.ofPlatform().daemon().name("evaluation-" + tenantId).priority(Thread.MIN_PRIORITY).start(() -> execute(run, interactions));
        return new StartResult(run, true);
    }

    public record StartResult(Run run, boolean started) {
    }

    /** @param stored the tenant's interaction count when the run was asked for (read once, for the heap check) */
    private void execute(Run run, long stored) {
        String tenant = run.tenantId();
        try {
            long count = Math.max(1, stored);
            long skip = Math.max(0, count - MAX_INTERACTIONS);
            List<Interaction> interactions = new ArrayList<>((int) Math.min(count, MAX_INTERACTIONS));
            long[] seen = {0};
            store.forEachInteraction(tenant, null, null, i -> {
                if (seen[0]++ >= skip) interactions.add(i);
                if (seen[0] % 20_000 == 0) update(run, 0.2 * seen[0] / count, "reading interactions", interactions.size(), List.of());
            });
            List<Entity> catalogue = new ArrayList<>();
            store.forEachEntity(tenant, null, null, catalogue::add);
            update(run, 0.2, "training on 80% of each user's interactions", interactions.size(), List.of());
            Split split = Splits.randomPerUser(interactions, 0.8, 42);
            // The run's own model: rebuild helpers on this thread, never the node's shared executors.
            Evaluator evaluator = new Evaluator(settings, Runnable::run);
            var model = evaluator.train(split.train(), catalogue);
            List<EvaluationResult> results = new ArrayList<>();
            for (int a = 0; a < ALGORITHMS.size(); a++) {
                Algorithm algorithm = ALGORITHMS.get(a);
                update(run, 0.4 + 0.6 * a / ALGORITHMS.size(), "evaluating " + algorithm.wireName(), interactions.size(), results);
                results.add(evaluator.evaluate(model, split.test(), catalogue.size(), algorithm, run.k()));
            }
            Run done = new Run(run.id(), tenant, "done", 1, "done", run.k(), interactions.size(), run.startedAt(),
                    now(), List.copyOf(results), null);
            if (replace(run, done)) save(done);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("evaluation of tenant {} failed", tenant, e);
            runs.computeIfPresent(tenant, (t, last) -> !last.id().equals(run.id()) ? last : new Run(run.id(), tenant, "failed",
                    last.progress(), last.step(), run.k(), last.interactions(), run.startedAt(), now(),
                    last.results(), e.toString()));
        }
    }

    /** Keeps a finished run in the store; when the store refuses, this node still shows it until it restarts. */
    private void save(Run done) {
        try {
            if (store.tenant(done.tenantId()).isEmpty()) return; // deleted while the run went on
            store.saveEvaluation(new EvaluationRecord(done.tenantId(), done.id(), done.k(), done.interactions(),
                    done.startedAt(), done.finishedAt(), done.results()));
        } catch (StoreException e) {
            log.warn("evaluation {} of tenant {} could not be saved: {}", done.id(), done.tenantId(), e.getMessage());
        }
    }

    private void update(Run run, double progress, String step, int interactions, List<EvaluationResult> results) {
        replace(run, new Run(run.id(), run.tenantId(), "running", progress, step, run.k(), interactions,
                run.startedAt(), null, List.copyOf(results), null));
    }

    /**
     * A run's new state, unless its tenant was deleted meanwhile (its run forgotten): a run never brings it back.
     *
     * @return whether the run is still the tenant's
     */
    private boolean replace(Run run, Run next) {
        return runs.computeIfPresent(run.tenantId(), (t, current) -> current.id().equals(run.id()) ? next : current) == next;
    }

    /** To the microsecond, as the store keeps it: a run reads the same from memory and from the store. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A deleted tenant's run is forgotten. */
    public void forget(String tenantId) {
        runs.remove(tenantId);
    }
}
