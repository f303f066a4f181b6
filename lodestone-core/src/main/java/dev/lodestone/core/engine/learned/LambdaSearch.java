package dev.lodestone.core.engine.learned;

import dev.lodestone.core.engine.rank.TopK;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses EASE's L2 regularisation λ for the tenant's own data on a validation split carved from the training input
 * (never from anything a caller evaluates on): the best λ moves with catalogue size, density and popularity skew, so
 * one constant fits one data set and misses another by a wide margin.
 *
 * <p>Up to {@value #MAX_USERS} seeded sample users with at least three positive columns lose a fifth of them (at least
 * one); a model trained on the rest scores each sample user from what they kept (exactly as requests fold in), and the
 * candidate with the best mean Recall@10 + NDCG@10 on the held-out columns wins. To bound the cost the search runs
 * over the {@value #MAX_COLUMNS} most popular columns (each candidate is one inversion of that size). Candidates: a
 * coarse grid start × 4^k for k = −3..2 (scores are flat over wide ranges, so a local walk from one start can stall),
 * then the winner's halves and doubles; λ within [{@value #MIN_LAMBDA}, {@value #MAX_LAMBDA}]. On a tie the earlier
 * candidate stays, the start first.
 */
public final class LambdaSearch {
    static final int MAX_COLUMNS = 1000;
    static final int MAX_USERS = 2000;
    /** Fewer eligible users than this: too little evidence to tune, the start λ stays. */
    static final int MIN_USERS = 20;
    static final double HOLD_OUT = 0.2;
    static final int K = 10;
    static final double MIN_LAMBDA = 1;
    static final double MAX_LAMBDA = 100_000;
    /** Learned shares of the hybrid's collaborative blend tried on validation, the model alone first. */
    static final double[] SHARES = {1.0, 0.8, 0.6};
    static final int NEIGHBOURS = 50;
    /** The share when there is too little data to tune. */
    public static final double DEFAULT_SHARE = 0.6;
    static final double SHRINK = 2.0;

    /**
     * @param lambda       the chosen λ
     * @param learnedShare the chosen share of the model in the hybrid's collaborative blend
     * @param score        the model's validation Recall@10 + NDCG@10 with λ (mean over the sample users), NaN when not tuned
     * @param users        validation users (0: not tuned)
     * @param candidates   λ values tried
     */
    public record Result(double lambda, double learnedShare, double score, int users, int candidates) {
    }

    private LambdaSearch() {
    }

    /** The λ to train with; {@code start} when there is too little data to tell. Deterministic for a given seed. */
    public static Result search(EaseTrainer.Input input, double start, long seed) {
        int n = Math.min(input.items().length, MAX_COLUMNS);
        Validation v = Validation.carve(input, n, seed);
        double base = clamp(start);
        if (v == null) return new Result(base, DEFAULT_SHARE, Double.NaN, 0, 0);
        java.util.Set<Double> tried = new java.util.HashSet<>();
        double best = base;
        double[] bestInverse = v.inverse(base);
        double bestScore = v.score(bestInverse);
        tried.add(base);
        for (int k = -3; k <= 2; k++) {
            double lambda = clamp(base * Math.pow(4, k));
            if (!tried.add(lambda)) continue;
            double[] p = v.inverse(lambda);
            double score = v.score(p);
            if (score > bestScore) {
                best = lambda;
                bestInverse = p;
                bestScore = score;
            }
        }
        double coarse = best;
        for (double lambda : new double[] {clamp(coarse / 2), clamp(coarse * 2)}) {
            if (!tried.add(lambda)) continue;
            double[] p = v.inverse(lambda);
            double score = v.score(p);
            if (score > bestScore) {
                best = lambda;
                bestInverse = p;
                bestScore = score;
            }
        }
        return new Result(best, choose(v.shareScores(bestInverse, SHARES)), bestScore, v.users(), tried.size());
    }

    /** Only the learned share, at a given λ (a caller fixed it); the share stays the default without enough data. */
    public static Result shareAt(EaseTrainer.Input input, double lambda, long seed) {
        Validation v = Validation.carve(input, Math.min(input.items().length, MAX_COLUMNS), seed);
        if (v == null) return new Result(lambda, DEFAULT_SHARE, Double.NaN, 0, 0);
        return new Result(lambda, choose(v.shareScores(v.inverse(lambda), SHARES)), Double.NaN, v.users(), 1);
    }

    /** The share with the best validation score; on a tie the earlier (the model alone first). */
    private static double choose(double[] blendScores) {
        int chosen = 0;
        for (int w = 1; w < SHARES.length; w++) if (blendScores[w] > blendScores[chosen]) chosen = w;
        return SHARES[chosen];
    }

    private static double clamp(double lambda) {
        return Math.min(MAX_LAMBDA, Math.max(MIN_LAMBDA, lambda));
    }

    /** The carved split: every user's training columns (sample users' kept part) and the sample users' held-out ones. */
    private record Validation(int n, double[] gram, int[][] kept, int[][] heldOut) {

        static Validation carve(EaseTrainer.Input input, int n, long seed) {
            int[] start = input.rowStart();
            int[] cols = input.columns();
            int users = input.users();
            int[] eligible = new int[users];
            int count = 0;
            for (int u = 0; u < users; u++) {
                int m = 0;
                for (int p = start[u]; p < start[u + 1] && cols[p] < n; p++) m++;
                if (m >= 3) eligible[count++] = u;
            }
            if (count < MIN_USERS) return null;
            var random = new SplittableRandom(seed);
            int sample = Math.min(MAX_USERS, count);
            for (int i = 0; i < sample; i++) { // partial Fisher–Yates: the first `sample` are a uniform sample
                int j = i + random.nextInt(count - i);
                int t = eligible[i];
                eligible[i] = eligible[j];
                eligible[j] = t;
            }
            int[][] override = new int[users][];
            int[][] kept = new int[sample][];
            int[][] heldOut = new int[sample][];
            for (int s = 0; s < sample; s++) {
                int u = eligible[s];
                int m = 0;
                while (start[u] + m < start[u + 1] && cols[start[u] + m] < n) m++;
                int[] row = Arrays.copyOfRange(cols, start[u], start[u] + m);
                for (int i = m - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = row[i];
                    row[i] = row[j];
                    row[j] = t;
                }
                int held = Math.max(1, (int) Math.round(HOLD_OUT * m));
                heldOut[s] = Arrays.copyOfRange(row, 0, held);
                kept[s] = Arrays.copyOfRange(row, held, m);
                Arrays.sort(kept[s]);
                override[u] = kept[s];
            }
            return new Validation(n, EaseTrainer.gram(input, n, override), kept, heldOut);
        }

        int users() {
            return kept.length;
        }

        /** Mean Recall@K + NDCG@K on the held-out columns of the model whose {@link #inverse} is {@code p}. */
        double score(double[] p) {
            double[] acc = new double[n];
            boolean[] seen = new boolean[n];
            int[] top = new int[K];
            double total = 0;
            for (int s = 0; s < kept.length; s++) {
                easeScores(p, kept[s], acc, seen);
                int found = topK(acc, seen, top);
                total += recallPlusNdcg(top, found, heldOut[s]);
                for (int i : kept[s]) seen[i] = false;
            }
            return total / kept.length;
        }

        /**
         * For each learned share w: mean Recall@K + NDCG@K of w × the model's positive scores over their largest plus
         * (1 − w) × cosine item-kNN's ({@value #NEIGHBOURS} neighbours, shrinkage {@value #SHRINK}, as the engine's
         * item-kNN) over theirs: the blend the hybrid makes, with item-kNN standing for the neighbourhood sources.
         */
        double[] shareScores(double[] p, double[] shares) {
            int[][] neighbour = new int[n][];
            float[][] similarity = new float[n][];
            neighbours(neighbour, similarity);
            double[] ease = new double[n];
            double[] knn = new double[n];
            double[] blend = new double[n];
            boolean[] seen = new boolean[n];
            int[] top = new int[K];
            double[] totals = new double[shares.length];
            for (int s = 0; s < kept.length; s++) {
                easeScores(p, kept[s], ease, seen);
                Arrays.fill(knn, 0);
                for (int i : kept[s]) {
                    for (int t = 0; t < neighbour[i].length; t++) knn[neighbour[i][t]] += similarity[i][t];
                }
                double maxEase = 0;
                double maxKnn = 0;
                for (int j = 0; j < n; j++) {
                    double e = seen[j] ? ease[j] + 1 : ease[j]; // a kept column's own B_jj term is zero in the model
                    maxEase = Math.max(maxEase, e);
                    maxKnn = Math.max(maxKnn, knn[j]);
                }
                for (int w = 0; w < shares.length; w++) {
                    double share = shares[w];
                    for (int j = 0; j < n; j++) {
                        double e = ease[j] > 0 && maxEase > 0 ? share * ease[j] / maxEase : 0;
                        double k = maxKnn > 0 ? (1 - share) * knn[j] / maxKnn : 0;
                        blend[j] = e + k > 0 ? e + k : Double.NEGATIVE_INFINITY;
                    }
                    int found = topK(blend, seen, top);
                    while (found > 0 && blend[top[found - 1]] == Double.NEGATIVE_INFINITY) found--;
                    totals[w] += recallPlusNdcg(top, found, heldOut[s]);
                }
                for (int i : kept[s]) seen[i] = false;
            }
            for (int w = 0; w < shares.length; w++) totals[w] /= kept.length;
            return totals;
        }

        /** P = (G + λI)⁻¹ with every row whole (the inverse leaves only its upper triangle). */
        double[] inverse(double lambda) {
            double[] p = gram.clone();
            for (int i = 0; i < n; i++) p[i * n + i] += lambda;
            SymmetricInverse.invert(p, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) p[i * n + j] = p[j * n + i];
            }
            return p;
        }

        /** Scores of every column from the user's kept columns (marked in {@code seen}); B_ij = −P_ij / P_jj. */
        private void easeScores(double[] p, int[] keptColumns, double[] acc, boolean[] seen) {
            Arrays.fill(acc, 0);
            for (int i : keptColumns) {
                seen[i] = true;
                int row = i * n;
                for (int j = 0; j < n; j++) acc[j] -= p[row + j];
            }
            // kept columns are never ranked, so their diagonal terms −P_jj / P_jj do not matter here
            for (int j = 0; j < n; j++) acc[j] /= p[j * n + j];
        }

        /** Each column's most similar columns by shrunk cosine over the training Gram matrix. */
        private void neighbours(int[][] neighbour, float[][] similarity) {
            double[] norm = new double[n];
            for (int i = 0; i < n; i++) norm[i] = Math.sqrt(gram[i * n + i]);
            for (int i = 0; i < n; i++) {
                TopK top = new TopK(NEIGHBOURS);
                for (int j = 0; j < n; j++) {
                    double g = j == i ? 0 : i > j ? gram[i * n + j] : gram[j * n + i];
                    if (g > 0) top.offer(j, g / (norm[i] * norm[j] + SHRINK));
                }
                neighbour[i] = top.indexesByScore();
                double[] sims = top.scoresByScore();
                similarity[i] = new float[sims.length];
                for (int t = 0; t < sims.length; t++) similarity[i][t] = (float) sims[t];
            }
        }

        /** The best unseen columns, best first (ties: lower column, i.e. more popular); returns how many. */
        private static int topK(double[] scores, boolean[] seen, int[] top) {
            int size = 0;
            for (int j = 0; j < scores.length; j++) {
                if (seen[j]) continue;
                if (size == top.length && !better(scores, j, top[size - 1])) continue;
                int at = size == top.length ? size - 1 : size++;
                while (at > 0 && better(scores, j, top[at - 1])) {
                    top[at] = top[at - 1];
                    at--;
                }
                top[at] = j;
            }
            return size;
        }

        private static boolean better(double[] scores, int a, int b) {
            return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
        }

        private static double recallPlusNdcg(int[] top, int found, int[] relevant) {
            int hits = 0;
            double dcg = 0;
            for (int r = 0; r < found; r++) {
                for (int x : relevant) {
                    if (x == top[r]) {
                        hits++;
                        dcg += 1 / log2(r + 2);
                        break;
                    }
                }
            }
            double ideal = 0;
            for (int r = 0; r < Math.min(K, relevant.length); r++) ideal += 1 / log2(r + 2);
            return (double) hits / relevant.length + dcg / ideal;
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }
}
