package dev.lodestone.server.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A slow consumer is dropped, never buffered without bound; a fast one gets the newest count per product. */
class OutboxTest {

    @Test
    void aSendStuckLongerThanTheTimeoutDropsTheClient() throws Exception {
        var clock = new AtomicLong(1_000);
        var sending = new CountDownLatch(1);
        var released = new CountDownLatch(1);
        var cuts = new AtomicInteger();
        var outbox = new Outbox(message -> {
            sending.countDown();
            try {
                released.await();   // the client takes nothing: the send blocks until the connection is cut
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("connection closed");
        }, 4, clock::get, () -> {
            cuts.incrementAndGet();
            released.countDown();
        });
        outbox.start();
        outbox.push("p1", "m1");
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(outbox.stalled(clock.get() + 9_999, 10_000)).isFalse();
        clock.addAndGet(10_000);
        assertThat(outbox.stalled(clock.get(), 10_000)).isTrue();
        outbox.drop();
        assertThat(cuts.get()).isEqualTo(1);
        // Dropped: nothing more is queued, and the failing send does not cut twice.
        outbox.push("p2", "m2");
        assertThat(outbox.waiting()).isZero();
        Thread.sleep(50);
        assertThat(cuts.get()).isEqualTo(1);
    }

    @Test
    void theNewestMessagePerProductReplacesOlderOnesAndOverflowDrops() throws Exception {
        var blocked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        List<String> sent = new CopyOnWriteArrayList<>();
        var cuts = new AtomicInteger();
        var outbox = new Outbox(message -> {
            if (message.equals("first")) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(message);
        }, 3, () -> 1, cuts::incrementAndGet);
        outbox.start();
        outbox.push("p0", "first");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        outbox.push("p1", "old");
        outbox.push("p1", "new");
        outbox.push("p2", "x");
        outbox.reply("r");
        assertThat(outbox.waiting()).isEqualTo(3);
        assertThat(cuts.get()).isZero();
        // A fourth distinct message does not fit: the client is too slow, and is dropped.
        outbox.push("p3", "y");
        assertThat(cuts.get()).isEqualTo(1);
        assertThat(outbox.waiting()).isZero();
        release.countDown();
    }

    @Test
    void messagesAreSentInOrder() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        var done = new CountDownLatch(3);
        var outbox = new Outbox(m -> {
            sent.add(m);
            done.countDown();
        }, 10, () -> 1, () -> { });
        outbox.start();
        outbox.push("a", "1");
        outbox.reply("2");
        outbox.push("b", "3");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).containsExactly("1", "2", "3");
        outbox.close();
    }
}
