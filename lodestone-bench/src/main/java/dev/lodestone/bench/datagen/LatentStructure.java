package dev.lodestone.bench.datagen;

import java.util.SplittableRandom;

/**
 * The hidden truth of a synthetic tenant: which taste group every user and entity belongs to, each group's
 * vocabulary, and how popular each entity is inside its group. Primitive arrays only, so 10M-interaction data
 * sets with a million entities stay small.
 */
public final class LatentStructure {
    final int[] entityGroup;
    /** Entities of group g, most popular first, are groupMembers[groupStart[g] .. groupStart[g + 1]). */
    final int[] groupStart;
    final int[] groupMembers;
    /** Cumulative Zipf weight of groupMembers within their group. */
    final double[] memberCdf;
    final int[] userGroup;
    /** Users ordered by activity (most active first) and the cumulative activity weight. */
    final int[] usersByActivity;
    final double[] userCdf;
    final GroupVocabulary[] vocabulary;
    final String[] noiseWords;
    final String[] sharedTags;
    final double[] groupBasePrice;

    record GroupVocabulary(String category, String[] brands, String[] tags, String[] words) {
    }

    LatentStructure(DatasetSpec spec, SplittableRandom random) {
        int groups = spec.groups();
        entityGroup = new int[spec.entities()];
        int[] sizes = new int[groups];
        for (int e = 0; e < entityGroup.length; e++) {
            // the first `groups` entities seed every group so no group is empty
            int g = e < groups ? e : random.nextInt(groups);
            entityGroup[e] = g;
            sizes[g]++;
        }
        groupStart = new int[groups + 1];
        for (int g = 0; g < groups; g++) groupStart[g + 1] = groupStart[g] + sizes[g];
        groupMembers = new int[entityGroup.length];
        int[] fill = groupStart.clone();
        for (int e = 0; e < entityGroup.length; e++) groupMembers[fill[entityGroup[e]]++] = e;
        // popularity rank inside a group is random, not by id, so ids carry no signal
        for (int g = 0; g < groups; g++) shuffle(groupMembers, groupStart[g], groupStart[g + 1], random);
        memberCdf = new double[groupMembers.length];
        for (int g = 0; g < groups; g++) zipfCdf(memberCdf, groupStart[g], groupStart[g + 1], spec.zipfExponent());

        userGroup = new int[spec.users()];
        for (int u = 0; u < userGroup.length; u++) userGroup[u] = random.nextInt(groups);
        usersByActivity = new int[spec.users()];
        for (int u = 0; u < usersByActivity.length; u++) usersByActivity[u] = u;
        shuffle(usersByActivity, 0, usersByActivity.length, random);
        userCdf = new double[spec.users()];
        // milder skew than items: most users show up, a few are heavy
        zipfCdf(userCdf, 0, userCdf.length, 0.6);

        var words = new Words(random);
        vocabulary = new GroupVocabulary[groups];
        groupBasePrice = new double[groups];
        for (int g = 0; g < groups; g++) {
            vocabulary[g] = new GroupVocabulary(words.next(), words.next(3), words.next(8), words.next(25));
            groupBasePrice[g] = 10 * Math.exp(random.nextDouble() * 4);
        }
        noiseWords = words.next(40);
        sharedTags = words.next(6);
    }

    /** An entity of group g, drawn by its Zipf popularity. */
    int sampleEntity(int g, SplittableRandom random) {
        int from = groupStart[g], to = groupStart[g + 1];
        return groupMembers[searchCdf(memberCdf, from, to, random.nextDouble() * memberCdf[to - 1])];
    }

    int sampleUser(SplittableRandom random) {
        return usersByActivity[searchCdf(userCdf, 0, userCdf.length, random.nextDouble() * userCdf[userCdf.length - 1])];
    }

    public int entityGroup(int entity) {
        return entityGroup[entity];
    }

    public int userGroup(int user) {
        return userGroup[user];
    }

    public int groups() {
        return groupStart.length - 1;
    }

    /** Position of an entity in its group's popularity order (0 = most popular). */
    public int popularityRank(int entity) {
        int g = entityGroup[entity];
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) if (groupMembers[i] == entity) return i - groupStart[g];
        throw new IllegalArgumentException("unknown entity " + entity);
    }

    public String category(int group) {
        return vocabulary[group].category();
    }

    private static int searchCdf(double[] cdf, int from, int to, double target) {
        int lo = from, hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void zipfCdf(double[] cdf, int from, int to, double exponent) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += 1 / Math.pow(i - from + 1, exponent);
            cdf[i] = sum;
        }
    }

    private static void shuffle(int[] a, int from, int to, SplittableRandom random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
