package dev.lodestone.core.engine.content;

import dev.lodestone.core.engine.rank.TopK;
import it.unimi.dsi.fastutil.ints.IntComparator;
import it.unimi.dsi.fastutil.longs.Long2FloatOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Content feature vectors of a tenant's entities: TF-IDF over {@link FeatureTokens}, hashed (with a sign bit) into
 * {@link #DIMENSION} floats and L2-normalised, stored contiguously in one float[] so a scan is a straight walk.
 * Client-supplied embeddings are kept beside them (normalised) and blended half and half into similarities when both
 * sides have one of the same dimension.
 *
 * <p>Document frequencies follow every upsert; a vector uses the IDF of the moment it was computed, and
 * {@link #refresh} recomputes it with the current one (the model's background rebuild does that for all).
 * Not thread-safe: guarded by the tenant model's lock.
 */
public final class ContentIndex {
    public static final int DIMENSION = 256;
    private static final float CLIENT_SHARE = 0.5f;

    private final Long2IntOpenHashMap documentFrequency = new Long2IntOpenHashMap();
    private float[] vectors = new float[1024 * DIMENSION];
    private boolean[] present = new boolean[1024];
    private float[][] clientVectors = new float[1024][];
    /**
     * The same vectors as sparse rows (most entities have a handful of tokens): a profile scan reads only the
     * non-zero dimensions. An entity with more than {@link #SPARSE_WIDTH} non-zeros is scored densely (count -1).
     */
    private static final int SPARSE_WIDTH = 24;
    private short[] sparseDims = new short[1024 * SPARSE_WIDTH];
    private float[] sparseValues = new float[1024 * SPARSE_WIDTH];
    private byte[] sparseCount = new byte[1024];
    /** Bumped whenever an entity's vector changes: cached neighbour rows of it are stale. */
    private int[] stamps = new int[1024];
    private final ContentPostings postings = new ContentPostings();
    /** Entities with a client embedding: similarity to them is not attribute-only, postings do not cover it. */
    private int withClientVector;
    private int documents;

    /** Indexes {@code attributes} of entity {@code index}, replacing {@code previous} attributes (null if new). */
    public void put(int index, Map<String, Object> attributes, float[] clientVector, Map<String, Object> previous) {
        ensure(index + 1);
        if (present[index]) countDocument(previous, -1);
        countDocument(attributes, +1);
        present[index] = true;
        stamps[index]++;
        refresh(index, attributes, clientVector);
    }

    public void remove(int index, Map<String, Object> attributes) {
        if (index >= present.length || !present[index]) return;
        countDocument(attributes, -1);
        present[index] = false;
        if (clientVectors[index] != null) withClientVector--;
        clientVectors[index] = null;
        stamps[index]++;
        postings.markChanged(index);
        Arrays.fill(vectors, index * DIMENSION, (index + 1) * DIMENSION, 0f);
        sparseCount[index] = 0;
    }

    /** Registers attributes for IDF without computing the vector (bulk load; {@link #refresh} follows). */
    public void count(int index, Map<String, Object> attributes, Map<String, Object> previous) {
        ensure(index + 1);
        if (present[index]) countDocument(previous, -1);
        countDocument(attributes, +1);
        present[index] = true;
    }

    /** Recomputes the vector of an indexed entity with the current IDF. */
    public void refresh(int index, Map<String, Object> attributes, float[] clientVector) {
        float[] v = vectorOf(attributes);
        System.arraycopy(v, 0, vectors, index * DIMENSION, DIMENSION);
        int base = index * SPARSE_WIDTH;
        int n = 0;
        for (int d = 0; d < DIMENSION && n >= 0; d++) {
            if (v[d] == 0) continue;
            if (n == SPARSE_WIDTH) {
                n = -1;
                break;
            }
            sparseDims[base + n] = (short) d;
            sparseValues[base + n] = v[d];
            n++;
        }
        sparseCount[index] = (byte) n;
        postings.markChanged(index);
        if (clientVectors[index] != null) withClientVector--;
        clientVectors[index] = clientVector == null || clientVector.length == 0 ? null : normalised(clientVector.clone());
        if (clientVectors[index] != null) withClientVector++;
    }

    /** The TF-IDF hashed vector of attributes under the current document frequencies. */
    public float[] vectorOf(Map<String, Object> attributes) {
        Long2FloatOpenHashMap tf = new Long2FloatOpenHashMap();
        FeatureTokens.forEach(attributes, (token, f) -> tf.addTo(hash(token), f));
        float[] v = new float[DIMENSION];
        double n = Math.max(1, documents);
        for (var e : tf.long2FloatEntrySet()) {
            long h = e.getLongKey();
            double idf = Math.log((n + 1) / (documentFrequency.get(h) + 1)) + 1;
            int bucket = (int) Long.remainderUnsigned(h >>> 1, DIMENSION);
            float sign = (h & 1) == 0 ? 1f : -1f;
            v[bucket] += sign * (float) (e.getFloatValue() * idf);
        }
        return normalised(v);
    }

    /**
     * Changes whenever the entity's attributes change ({@link #put}, {@link #remove}); not on an IDF {@link #refresh},
     * which moves every vector a little and leaves neighbour candidate lists good.
     */
    public int stamp(int index) {
        return index < stamps.length ? stamps[index] : 0;
    }

    /** Re-indexes every vector dimension-major, so {@link #nearest} reads only overlapping dimensions. */
    public void buildPostings() {
        postings.build(vectors, present, present.length);
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
        float attr = dot(vectors, a * DIMENSION, vectors, b * DIMENSION);
        float[] ca = clientVectors[a];
        float[] cb = clientVectors[b];
        if (ca == null || cb == null || ca.length != cb.length) return attr;
        return (1 - CLIENT_SHARE) * attr + CLIENT_SHARE * dot(ca, 0, cb, 0, ca.length);
    }

    /** Score of entity {@code index} against a profile (cosine when the profile is normalised). */
    public float score(Profile profile, int index) {
        int n = sparseCount[index];
        float attr;
        if (n >= 0) {
            attr = 0;
            float[] p = profile.attributes;
            int base = index * SPARSE_WIDTH;
            for (int k = 0; k < n; k++) attr += p[sparseDims[base + k]] * sparseValues[base + k];
        } else {
            attr = dot(profile.attributes, 0, vectors, index * DIMENSION);
        }
        float[] c = index < clientVectors.length ? clientVectors[index] : null;
        if (profile.client == null || c == null || c.length != profile.client.length) return attr;
        return (1 - CLIENT_SHARE) * attr + CLIENT_SHARE * dot(profile.client, 0, c, 0, c.length);
    }

    /**
     * The {@code k} entities scoring highest (and above zero) against the profile, best first, leaving out
     * {@code skip}; an exact scan.
     */
    public int[] nearest(Profile profile, int k, int skip, IntComparator tieBreak) {
        TopK top = new TopK(k, tieBreak);
        int n = present.length;
        if (postings.built() && withClientVector == 0 && postings.changed().size() < n / 8) {
            postings.dotProducts(profile.attributes, n, (i, s) -> {
                if (i != skip && present[i] && s > 0 && top.wouldAccept(s)) top.offer(i, s);
            });
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

    public final class Profile {
        final float[] attributes = new float[DIMENSION];
        float[] client;
        boolean empty = true;

        /** Adds {@code weight} × the entity's vector (negative weights subtract). */
        public void add(int index, float weight) {
            if (!has(index) || weight == 0) return;
            int base = index * DIMENSION;
            for (int d = 0; d < DIMENSION; d++) attributes[d] += weight * vectors[base + d];
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
            normalised(attributes);
            if (client != null) normalised(client);
            for (float x : attributes) if (x != 0) return true;
            return client != null;
        }
    }

    private void countDocument(Map<String, Object> attributes, int delta) {
        if (attributes == null) return;
        documents += delta;
        Long2IntOpenHashMap seen = new Long2IntOpenHashMap();
        FeatureTokens.forEach(attributes, (token, f) -> seen.put(hash(token), 1));
        for (long h : seen.keySet()) {
            int df = documentFrequency.addTo(h, delta) + delta;
            if (df <= 0) documentFrequency.remove(h);
        }
    }

    private void ensure(int count) {
        if (count <= present.length) return;
        int capacity = Math.max(count, present.length * 2);
        vectors = Arrays.copyOf(vectors, capacity * DIMENSION);
        present = Arrays.copyOf(present, capacity);
        clientVectors = Arrays.copyOf(clientVectors, capacity);
        sparseDims = Arrays.copyOf(sparseDims, capacity * SPARSE_WIDTH);
        sparseValues = Arrays.copyOf(sparseValues, capacity * SPARSE_WIDTH);
        sparseCount = Arrays.copyOf(sparseCount, capacity);
        stamps = Arrays.copyOf(stamps, capacity);
    }

    private static float dot(float[] a, int ia, float[] b, int ib) {
        return dot(a, ia, b, ib, DIMENSION);
    }

    // four accumulators: independent chains let the CPU overlap the multiply-adds
    private static float dot(float[] a, int ia, float[] b, int ib, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int d = 0;
        for (; d + 3 < n; d += 4) {
            s0 += a[ia + d] * b[ib + d];
            s1 += a[ia + d + 1] * b[ib + d + 1];
            s2 += a[ia + d + 2] * b[ib + d + 2];
            s3 += a[ia + d + 3] * b[ib + d + 3];
        }
        for (; d < n; d++) s0 += a[ia + d] * b[ib + d];
        return (s0 + s1) + (s2 + s3);
    }

    private static float[] normalised(float[] v) {
        double sq = 0;
        for (float x : v) sq += (double) x * x;
        if (sq == 0) return v;
        float inv = (float) (1 / Math.sqrt(sq));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
        return v;
    }

    /** 64-bit FNV-1a over UTF-8 then a finalising mix, so buckets and sign bits are well spread. */
    static long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
