package dev.lodestone.core.engine.content;

import dev.lodestone.core.engine.rank.TopK;
import it.unimi.dsi.fastutil.ints.IntComparator;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.util.Arrays;
import java.util.Map;

/**
 * Content feature vectors of a tenant's entities: TF-IDF over {@link FeatureTokens}, L2-normalised, kept sparse per
 * entity over dictionary-encoded terms (sorted term ids and weights; a datagen entity has ~30). Client-supplied
 * embeddings are kept beside them (normalised) and blended half and half into similarities when both sides have one
 * of the same dimension.
 *
 * <p>Terms are exact (no hashing into a few dimensions), so weights are non-negative and a term's posting list holds
 * only the entities that have it: {@link #nearest} can bound what the lists it has not read yet could add and stop
 * early (see {@link ContentPostings}).
 *
 * <p>Document frequencies follow every upsert; a vector uses the IDF of the moment it was computed, and
 * {@link #refresh} recomputes it with the current one from the term frequencies kept per entity (no re-tokenising;
 * the model's background rebuild does that for all). Not thread-safe: guarded by the tenant model's lock.
 */
public final class ContentIndex {
    private static final float CLIENT_SHARE = 0.5f;
    private static final int[] NO_TERMS = new int[0];
    private static final float[] NO_WEIGHTS = new float[0];

    /** Token hash → term id (ids are dense and never reused). */
    private final Long2IntOpenHashMap termIds = new Long2IntOpenHashMap();
    private int[] documentFrequency = new int[1024];
    private boolean[] present = new boolean[1024];
    private float[][] clientVectors = new float[1024][];
    /** Per entity: its term ids (ascending), their raw frequencies, and the normalised TF-IDF weights. */
    private int[][] terms = new int[1024][];
    private float[][] frequencies = new float[1024][];
    private float[][] weights = new float[1024][];
    /** Bumped whenever an entity's vector changes: cached neighbour rows of it are stale. */
    private int[] stamps = new int[1024];
    /** Per entity, a hash of its tokens and frequencies: the same on every node and after a restart. */
    private long[] fingerprints = new long[1024];
    private final ContentPostings postings = new ContentPostings();
    /** Entities with a client embedding: similarity to them is not attribute-only, postings do not cover it. */
    private int withClientVector;
    private int documents;

    public ContentIndex() {
        termIds.defaultReturnValue(-1);
        Arrays.fill(terms, NO_TERMS);
        Arrays.fill(frequencies, NO_WEIGHTS);
        Arrays.fill(weights, NO_WEIGHTS);
    }

    /** Indexes {@code attributes} of entity {@code index} (replacing what it had) and computes its vector. */
    public void put(int index, Map<String, Object> attributes, float[] clientVector) {
        count(index, attributes, clientVector);
        stamps[index]++;
        refresh(index);
    }

    public void remove(int index) {
        if (index >= present.length || !present[index]) return;
        uncount(index);
        present[index] = false;
        setClientVector(index, null);
        stamps[index]++;
        postings.markChanged(index);
        terms[index] = NO_TERMS;
        frequencies[index] = NO_WEIGHTS;
        weights[index] = NO_WEIGHTS;
    }

    /**
     * Registers attributes (term frequencies, IDF counts) and the client embedding without computing the vector
     * (bulk load; {@link #refresh} follows once every entity is counted).
     */
    public void count(int index, Map<String, Object> attributes, float[] clientVector) {
        ensure(index + 1);
        if (present[index]) uncount(index);
        Tokens tokens = tokensOf(attributes);
        terms[index] = tokens.terms;
        frequencies[index] = tokens.frequencies;
        fingerprints[index] = tokens.fingerprint;
        for (int t : tokens.terms) documentFrequency[t]++;
        documents++;
        present[index] = true;
        setClientVector(index, clientVector);
    }

    /** Recomputes the vector of a counted entity with the current IDF. */
    public void refresh(int index) {
        if (!has(index)) return;
        int[] ts = terms[index];
        float[] tf = frequencies[index];
        float[] w = new float[ts.length];
        double n = Math.max(1, documents);
        double sq = 0;
        for (int k = 0; k < ts.length; k++) {
            double idf = Math.log((n + 1) / (documentFrequency[ts[k]] + 1)) + 1;
            w[k] = (float) (tf[k] * idf);
            sq += (double) w[k] * w[k];
        }
        if (sq > 0) {
            float inv = (float) (1 / Math.sqrt(sq));
            for (int k = 0; k < w.length; k++) w[k] *= inv;
        }
        weights[index] = w;
        postings.markChanged(index);
    }

    /**
     * Changes whenever the entity's attributes change ({@link #put}, {@link #remove}); not on an IDF {@link #refresh},
     * which moves every vector a little and leaves neighbour candidate lists good.
     */
    public int stamp(int index) {
        return index < stamps.length ? stamps[index] : 0;
    }

    /**
     * A hash of the entity's tokens and their frequencies (0 without attributes): equal after a restart when its
     * attributes are, so a saved neighbour row can be told current.
     */
    public long fingerprint(int index) {
        return index < fingerprints.length ? fingerprints[index] : 0;
    }

    /** Re-indexes every vector term-major, so {@link #nearest} reads only the posting lists that can matter. */
    public void buildPostings() {
        postings.build(terms, weights, present, present.length, termIds.size());
    }

    /** Entities whose vector changed since the postings were built: every nearest-neighbour search scores them one by one. */
    public int unindexed() {
        return postings.changed().size();
    }

    /** Entities with attributes (the IDF's document count). */
    public int documents() {
        return documents;
    }

    /** Entities indexed so far (indexes are below this). */
    public int capacity() {
        return present.length;
    }

    public boolean has(int index) {
        return index < present.length && present[index];
    }

    /** Cosine similarity of two indexed entities (attribute vectors, blended with client embeddings). */
    public float similarity(int a, int b) {
        float attr = sparseDot(terms[a], weights[a], terms[b], weights[b]);
        float[] ca = clientVectors[a];
        float[] cb = clientVectors[b];
        if (ca == null || cb == null || ca.length != cb.length) return attr;
        return (1 - CLIENT_SHARE) * attr + CLIENT_SHARE * dot(ca, cb);
    }

    /** Score of entity {@code index} against a profile (cosine when the profile is normalised). */
    public float score(Profile profile, int index) {
        int[] ts = terms[index];
        float[] w = weights[index];
        float attr = 0;
        for (int k = 0; k < w.length; k++) attr += profile.get(ts[k]) * w[k];
        float[] c = clientVectors[index];
        if (profile.client == null || c == null || c.length != profile.client.length) return attr;
        return (1 - CLIENT_SHARE) * attr + CLIENT_SHARE * dot(profile.client, c);
    }

    /**
     * The {@code k} entities scoring highest (and above zero) against the profile, best first, leaving out
     * {@code skip}; exact: a pruned posting search when the postings are current and nobody has a client embedding,
     * else a scan.
     */
    public int[] nearest(Profile profile, int k, int skip, IntComparator tieBreak) {
        TopK top = new TopK(k, tieBreak);
        int n = present.length;
        if (postings.built() && withClientVector == 0 && postings.changed().size() < n / 8 && profile.nonNegative()) {
            Profile.Terms q = profile.terms();
            postings.search(q.ids(), q.weights(), n, skip, i -> score(profile, i), top);
            for (int i : postings.changed()) {
                if (!present[i] || i == skip) continue;
                float s = score(profile, i);
                if (s > 0 && top.wouldAccept(s)) top.offer(i, s);
            }
            return top.indexesByScore();
        }
        for (int i = 0; i < n; i++) {
            if (!present[i] || i == skip) continue;
            float s = score(profile, i);
            if (s > 0 && top.wouldAccept(s)) top.offer(i, s);
        }
        return top.indexesByScore();
    }

    /** A profile to accumulate weighted entity vectors into (a user's taste, or one entity). */
    public Profile newProfile() {
        return new Profile();
    }

    /**
     * A weighted sum of entity vectors: a small open-addressing map from term id to weight (a profile holds the terms
     * of the few items it was built from), so scoring an entity costs one probe per term of the entity.
     */
    public final class Profile {
        private int[] keys = new int[64]; // term id + 1; 0 = empty slot
        private float[] values = new float[64];
        private int size;
        float[] client;
        private boolean empty = true;

        /** Adds {@code weight} × the entity's vector (negative weights subtract). */
        public void add(int index, float weight) {
            if (!has(index) || weight == 0) return;
            int[] ts = terms[index];
            float[] w = weights[index];
            for (int k = 0; k < w.length; k++) addTo(ts[k], weight * w[k]);
            float[] c = clientVectors[index];
            if (c != null) {
                if (client == null) client = new float[c.length];
                if (client.length == c.length) for (int d = 0; d < c.length; d++) client[d] += weight * c[d];
            }
            empty = false;
        }

        /** L2-normalises the parts; returns false when nothing usable was added. */
        public boolean finish() {
            if (empty) return false;
            double sq = 0;
            for (int s = 0; s < keys.length; s++) if (keys[s] != 0) sq += (double) values[s] * values[s];
            if (sq > 0) {
                float inv = (float) (1 / Math.sqrt(sq));
                for (int s = 0; s < keys.length; s++) values[s] *= inv;
            }
            if (client != null) normalised(client);
            return sq > 0 || client != null;
        }

        float get(int term) {
            int mask = keys.length - 1;
            int key = term + 1;
            for (int s = slot(key, mask); ; s = (s + 1) & mask) {
                int k = keys[s];
                if (k == key) return values[s];
                if (k == 0) return 0f;
            }
        }

        private void addTo(int term, float delta) {
            int mask = keys.length - 1;
            int key = term + 1;
            int s = slot(key, mask);
            for (; keys[s] != 0; s = (s + 1) & mask) {
                if (keys[s] == key) {
                    values[s] += delta;
                    return;
                }
            }
            keys[s] = key;
            values[s] = delta;
            if (++size * 2 > keys.length) grow();
        }

        private void grow() {
            int[] oldKeys = keys;
            float[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new float[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int o = 0; o < oldKeys.length; o++) {
                if (oldKeys[o] == 0) continue;
                int s = slot(oldKeys[o], mask);
                while (keys[s] != 0) s = (s + 1) & mask;
                keys[s] = oldKeys[o];
                values[s] = oldValues[o];
            }
        }

        private static int slot(int key, int mask) {
            int h = key * 0x9E3779B9;
            return (h ^ h >>> 16) & mask;
        }

        boolean nonNegative() {
            for (int s = 0; s < keys.length; s++) if (keys[s] != 0 && values[s] < 0) return false;
            return true;
        }

        record Terms(int[] ids, float[] weights) {
        }

        /** The non-zero terms and their weights. */
        Terms terms() {
            int[] ids = new int[size];
            float[] ws = new float[size];
            int n = 0;
            for (int s = 0; s < keys.length; s++) {
                if (keys[s] == 0 || values[s] == 0) continue;
                ids[n] = keys[s] - 1;
                ws[n++] = values[s];
            }
            return new Terms(Arrays.copyOf(ids, n), Arrays.copyOf(ws, n));
        }
    }

    private record Tokens(int[] terms, float[] frequencies, long fingerprint) {
    }

    /** The distinct terms of attributes (ascending ids, new terms registered) with their summed frequencies. */
    private Tokens tokensOf(Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) return new Tokens(NO_TERMS, NO_WEIGHTS, 0);
        int[][] ids = {new int[16]};
        float[][] tfs = {new float[16]};
        int[] n = {0};
        long[] fingerprint = {0};
        FeatureTokens.forEach(attributes, (token, f) -> {
            long h = hash(token);
            // a sum of mixed values: the same whatever the attribute order
            long m = (h ^ Float.floatToIntBits(f)) * 0x9E3779B97F4A7C15L;
            fingerprint[0] += m ^ m >>> 29;
            int id = termIds.get(h);
            if (id < 0) {
                id = termIds.size();
                termIds.put(h, id);
                if (id >= documentFrequency.length) documentFrequency = Arrays.copyOf(documentFrequency, id * 2);
            }
            for (int k = 0; k < n[0]; k++) {
                if (ids[0][k] == id) {
                    tfs[0][k] += f;
                    return;
                }
            }
            if (n[0] == ids[0].length) {
                ids[0] = Arrays.copyOf(ids[0], n[0] * 2);
                tfs[0] = Arrays.copyOf(tfs[0], n[0] * 2);
            }
            ids[0][n[0]] = id;
            tfs[0][n[0]++] = f;
        });
        int count = n[0];
        // ascending term ids: similarity is a merge of two sorted lists
        long[] packed = new long[count];
        for (int k = 0; k < count; k++) packed[k] = (long) ids[0][k] << 32 | Float.floatToRawIntBits(tfs[0][k]) & 0xffffffffL;
        Arrays.sort(packed);
        int[] sortedIds = new int[count];
        float[] sortedTfs = new float[count];
        for (int k = 0; k < count; k++) {
            sortedIds[k] = (int) (packed[k] >>> 32);
            sortedTfs[k] = Float.intBitsToFloat((int) packed[k]);
        }
        return new Tokens(sortedIds, sortedTfs, fingerprint[0]);
    }

    private void uncount(int index) {
        for (int t : terms[index]) documentFrequency[t]--;
        documents--;
    }

    private void setClientVector(int index, float[] clientVector) {
        if (clientVectors[index] != null) withClientVector--;
        clientVectors[index] = clientVector == null || clientVector.length == 0 ? null : normalised(clientVector.clone());
        if (clientVectors[index] != null) withClientVector++;
    }

    private void ensure(int count) {
        if (count <= present.length) return;
        int capacity = Math.max(count, present.length * 2);
        int old = present.length;
        present = Arrays.copyOf(present, capacity);
        clientVectors = Arrays.copyOf(clientVectors, capacity);
        terms = Arrays.copyOf(terms, capacity);
        frequencies = Arrays.copyOf(frequencies, capacity);
        weights = Arrays.copyOf(weights, capacity);
        stamps = Arrays.copyOf(stamps, capacity);
        fingerprints = Arrays.copyOf(fingerprints, capacity);
        Arrays.fill(terms, old, capacity, NO_TERMS);
        Arrays.fill(frequencies, old, capacity, NO_WEIGHTS);
        Arrays.fill(weights, old, capacity, NO_WEIGHTS);
    }

    /** Dot product of two sparse vectors with ascending term ids. */
    private static float sparseDot(int[] ta, float[] wa, int[] tb, float[] wb) {
        float s = 0;
        int i = 0, j = 0;
        int na = wa.length, nb = wb.length;
        while (i < na && j < nb) {
            int a = ta[i], b = tb[j];
            if (a == b) s += wa[i++] * wb[j++];
            else if (a < b) i++;
            else j++;
        }
        return s;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) s += a[d] * b[d];
        return s;
    }

    private static float[] normalised(float[] v) {
        double sq = 0;
        for (float x : v) sq += (double) x * x;
        if (sq == 0) return v;
        float inv = (float) (1 / Math.sqrt(sq));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }

    /** 64-bit FNV-1a over the UTF-16 chars then a finalising mix (a token's dictionary key; collisions negligible). */
    static long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < token.length(); i++) {
            h ^= token.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
