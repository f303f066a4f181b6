package dev.lodestone.core.engine.learned;

import dev.lodestone.core.model.EntityKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persisted model keeps λ and the hybrid's learned share; blobs written before the share existed still load. */
class EaseCodecTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<EntityKey> KEYS = List.of(new EntityKey("product", "a"), new EntityKey("product", "b"));

    @Test
    void roundTripKeepsLambdaAndShare() {
        var model = new EaseModel(new int[] {0, 1}, new float[] {0, 0.5f, 0.25f, 0}, 750, 0.8, AT, 12, 34);
        var back = EaseCodec.decode(EaseCodec.encode(model, KEYS), k -> k.id().equals("a") ? 7 : 9);
        assertThat(back.items()).containsExactly(7, 9);
        assertThat(back.weights()).containsExactly(0, 0.5f, 0.25f, 0);
        assertThat(back.lambda()).isEqualTo(750);
        assertThat(back.learnedShare()).isEqualTo(0.8);
        assertThat(back.trainedAt()).isEqualTo(AT);
        assertThat(back.interactions()).isEqualTo(34);
    }

    @Test
    void aVersionOneBlobLoadsWithTheFormerFixedShare() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] type = "product".getBytes(StandardCharsets.UTF_8);
        ByteBuffer v1 = ByteBuffer.allocate(4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + (8 + type.length + a.length) + 4);
        v1.putInt(0x4C454153).putInt(1).putInt(1).putDouble(500)
                .putLong(AT.getEpochSecond()).putInt(0).putLong(5).putLong(6)
                .putInt(type.length).put(type).putInt(a.length).put(a)
                .putFloat(0);
        var model = EaseCodec.decode(v1.array(), k -> 3);
        assertThat(model.lambda()).isEqualTo(500);
        assertThat(model.learnedShare()).isEqualTo(EaseCodec.VERSION_1_SHARE);
        assertThat(model.items()).containsExactly(3);
    }

    @Test
    void anUnknownVersionOrAShareOutOfRangeIsRejected() {
        var model = new EaseModel(new int[] {0, 1}, new float[4], 500, 1.0, AT, 1, 1);
        byte[] blob = EaseCodec.encode(model, KEYS);
        ByteBuffer.wrap(blob).putInt(4, 99);
        assertThatThrownBy(() -> EaseCodec.decode(blob, k -> 0)).isInstanceOf(IllegalArgumentException.class);
        byte[] badShare = EaseCodec.encode(model, KEYS);
        ByteBuffer.wrap(badShare).putDouble(20, 1.5);
        assertThatThrownBy(() -> EaseCodec.decode(badShare, k -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
