package dev.lodestone.core.engine.learned;

import dev.lodestone.core.model.EntityKey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The persisted form of an {@link EaseModel}: columns by entity key (catalogue indexes differ between nodes and
 * restarts), then the weights. Layout: magic, version, size, λ, learned share (from version 2 on), trained-at (epoch
 * second, nano), training millis, interactions, each column's type and id (length-prefixed UTF-8), the n² floats.
 * Version 1 blobs (no share) still decode, with the share the hybrid used before it was tuned.
 */
public final class EaseCodec {
    private static final int MAGIC = 0x4C454153; // "LEAS"
    private static final int VERSION = 2;
    /** The hybrid's fixed learned share before it was chosen on validation (version 1 blobs). */
    static final double VERSION_1_SHARE = 0.6;

    private EaseCodec() {
    }

    public static byte[] encode(EaseModel model, List<EntityKey> keys) {
        int n = model.size();
        if (keys.size() != n) throw new IllegalArgumentException("one key per column");
        List<byte[]> texts = new ArrayList<>(2 * n);
        long length = 4 + 4 + 4 + 8 + 8 + 8 + 4 + 8 + 8 + 4L * model.weights().length;
        for (EntityKey k : keys) {
            byte[] type = k.type().getBytes(StandardCharsets.UTF_8);
            byte[] id = k.id().getBytes(StandardCharsets.UTF_8);
            texts.add(type);
            texts.add(id);
            length += 8 + type.length + id.length;
        }
        if (length > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("model too large to persist");
        ByteBuffer out = ByteBuffer.allocate((int) length);
        out.putInt(MAGIC).putInt(VERSION).putInt(n).putDouble(model.lambda()).putDouble(model.learnedShare())
                .putLong(model.trainedAt().getEpochSecond()).putInt(model.trainedAt().getNano()).putLong(model.trainingMillis()).putLong(model.interactions());
        for (byte[] t : texts) out.putInt(t.length).put(t);
        out.asFloatBuffer().put(model.weights());
        return out.array();
    }

    /**
     * The model with each column mapped to a catalogue index by {@code indexOf} (−1 when the entity is unknown).
     *
     * @throws IllegalArgumentException when the bytes are not a model of this version
     */
    public static EaseModel decode(byte[] bytes, ToIntFunction<EntityKey> indexOf) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getInt() != MAGIC) throw new IllegalArgumentException("not an EASE model");
            int version = in.getInt();
            if (version != 1 && version != VERSION) throw new IllegalArgumentException("not an EASE model of a known version");
            int n = in.getInt();
            double lambda = in.getDouble();
            double learnedShare = version == 1 ? VERSION_1_SHARE : in.getDouble();
            if (!(learnedShare >= 0 && learnedShare <= 1)) throw new IllegalArgumentException("learned share out of range");
            Instant trainedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            long trainingMillis = in.getLong();
            long interactions = in.getLong();
            int[] items = new int[n];
            for (int c = 0; c < n; c++) items[c] = indexOf.applyAsInt(new EntityKey(text(in), text(in)));
            float[] weights = new float[n * n];
            in.asFloatBuffer().get(weights);
            return new EaseModel(items, weights, lambda, learnedShare, trainedAt, trainingMillis, interactions);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated EASE model", e);
        }
    }

    private static String text(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
