package dev.lodestone.server.live;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.store.Store;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Pushes only on change, at most once per tick; history read once; other products and tenants untouched. */
class ActivityHubTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<Interaction> history = new ArrayList<>();
    private final Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
            (proxy, method, args) -> {
                if (method.getName().equals("interactionsOfEntity")) {
                    return history.stream().filter(i -> i.tenantId().equals(args[0]) && i.entityId().equals(args[2])).toList();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final ActivityHub hub = new ActivityHub(store, clock, 100);
    private long nextId = 1;

    private Interaction interaction(String tenant, String user, String product, String type, Instant at) {
        return new Interaction(nextId++, tenant, user, "product", product, type, InteractionTypeForm.PLAIN, 1, null, Map.of(), at);
    }

    private record Push(String productId, String message) {
    }

    private static final class Recorder implements ActivityHub.Subscriber {
        final List<Push> pushes = new CopyOnWriteArrayList<>();

        @Override
        public void push(String productId, String message) {
            pushes.add(new Push(productId, message));
        }
    }

    @Test
    void historyIsReadOnSubscribeAndChangesArePushedOncePerTick() {
        history.add(interaction("t", "u1", "p", "view", clock.instant().minusSeconds(60)));
        history.add(interaction("t", "u2", "p", "purchase", clock.instant().minusSeconds(3 * 3600)));
        history.add(interaction("t", "u3", "p", "purchase", clock.instant().minusSeconds(25 * 3600)));   // too old
        var a = new Recorder();
        assertThat(hub.subscribe(a, "t", "p")).isEqualTo(new ActivityCounts(1, 1, 0, 1));

        hub.tick();
        int afterFirstTick = a.pushes.size();
        hub.tick();
        assertThat(a.pushes).hasSize(afterFirstTick);   // nothing changed, nothing pushed

        hub.record(List.of(interaction("t", "u4", "p", "add_to_cart", clock.instant()),
                interaction("t", "u5", "p", "view", clock.instant()),
                interaction("other", "u6", "p", "view", clock.instant()),
                interaction("t", "u7", "q", "view", clock.instant())));
        hub.tick();
        assertThat(a.pushes).hasSize(afterFirstTick + 1);
        String message = a.pushes.getLast().message();
        assertThat(message).contains("\"productId\":\"p\"", "\"viewingNow\":3", "\"recentViews\":2", "\"addedToCart\":1",
                "\"recentSales\":1", "\"type\":\"activity\"");

        // Time alone changes counts: five minutes on, nobody is viewing now.
        clock.advance(6 * 60);
        hub.tick();
        assertThat(a.pushes.getLast().message()).contains("\"viewingNow\":0", "\"recentViews\":2");
    }

    @Test
    void aProductNobodyWatchesIsForgottenAfterAWhile() {
        var a = new Recorder();
        hub.subscribe(a, "t", "p");
        hub.unsubscribe(a, "t", "p");
        hub.tick();
        assertThat(hub.watchedProducts()).isEqualTo(1);
        clock.advance(ActivityHub.KEEP_UNWATCHED.toSeconds());
        hub.tick();
        assertThat(hub.watchedProducts()).isZero();
        hub.record(List.of(interaction("t", "u", "p", "view", clock.instant())));
        assertThat(a.pushes).isEmpty();
    }

    @Test
    void watchedProductsAreBounded() {
        var small = new ActivityHub(store, clock, 1);
        var a = new Recorder();
        small.subscribe(a, "t", "p");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.subscribe(a, "t", "q")).isInstanceOf(ActivityHub.Refused.class);
        // A product already watched can still be subscribed to.
        small.subscribe(new Recorder(), "t", "p");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
