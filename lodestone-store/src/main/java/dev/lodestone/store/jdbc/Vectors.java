package dev.lodestone.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings stored as little-endian IEEE-754 float32 bytes: compact and exact. */
final class Vectors {
    private Vectors() {
    }

    static byte[] encode(float[] vector) {
        if (vector == null) return null;
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    static float[] decode(byte[] bytes) {
        if (bytes == null) return null;
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
