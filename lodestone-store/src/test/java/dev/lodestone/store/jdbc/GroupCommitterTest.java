package dev.lodestone.store.jdbc;

import dev.lodestone.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {
    private Connection connection;
    private GroupCommitter committer;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        connection.createStatement().execute("CREATE TABLE t (v INTEGER PRIMARY KEY)");
        committer = new GroupCommitter(loop -> Thread.ofPlatform().name("test-commit").start(loop), GroupCommitter.ConnectionSource.single(connection), c -> {
        }, 64);
    }

    @AfterEach
    void close() throws SQLException {
        committer.close();
        connection.close();
    }

    private int insert(Connection c, int v) throws SQLException {
        return Query.update(c, "INSERT INTO t (v) VALUES (?)", s -> s.setInt(1, v));
    }

    private static void await(CountDownLatch gate) throws SQLException {
        try {
            gate.await();
        } catch (InterruptedException e) {
            throw new SQLException("interrupted", e);
        }
    }

    private long rows() throws SQLException {
        return Query.single(connection, "SELECT COUNT(*) FROM t", s -> {
        });
    }

    @Test
    void aFailingOperationFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            // Hold the committer inside a first transaction so that the next operations queue up into one batch.
            CountDownLatch blocking = new CountDownLatch(1);
            Future<Integer> blocker = pool.submit(() -> committer.submit("block", c -> {
                blocking.countDown();
                await(gate);
                return insert(c, 0);
            }));
            blocking.await();
            List<Future<Integer>> good = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                int v = i;
                good.add(pool.submit(() -> committer.submit("insert", c -> insert(c, v))));
            }
            Future<Integer> bad = pool.submit(() -> committer.submit("duplicate", c -> insert(c, 0)));
            while (committer.pending() < 8) Thread.onSpinWait();
            gate.countDown();

            assertThat(blocker.get()).isEqualTo(1);
            for (Future<Integer> f : good) assertThat(f.get()).isEqualTo(1);
            assertThatThrownBy(bad::get).hasCauseInstanceOf(StoreException.class)
                    .hasMessageContaining("duplicate failed (SQLState");
            assertThat(rows()).isEqualTo(8);
            // One transaction for the blocker, one failed batch retried as eight single ones (seven commit).
            assertThat(committer.transactions()).isEqualTo(8);
            assertThat(committer.operations()).isEqualTo(8);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void batchesQueuedOperationsIntoOneTransaction() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        CompletableFuture<Integer> blocker = CompletableFuture.supplyAsync(() -> committer.submit("block", c -> {
            blocking.countDown();
            await(gate);
            return insert(c, 1000);
        }));
        blocking.await();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int v = i;
                queued.add(pool.submit(() -> committer.submit("insert", c -> insert(c, v))));
            }
            while (committer.pending() < 20) Thread.onSpinWait();
            gate.countDown();
            blocker.get();
            for (Future<Integer> f : queued) f.get();
            assertThat(committer.transactions()).isEqualTo(2);
            assertThat(committer.operations()).isEqualTo(21);
            assertThat(rows()).isEqualTo(21);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Inserts the values operations leave with it, in one statement per transaction. */
    private final class DeferredInserts implements GroupCommitter.Deferred {
        final List<Integer> values = new ArrayList<>();
        final List<Integer> flushedSizes = new ArrayList<>();
        int discards;

        @Override
        public void flush(Connection c) throws SQLException {
            flushedSizes.add(values.size());
            try (var insert = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                for (int v : values) {
                    insert.setInt(1, v);
                    insert.addBatch();
                }
                insert.executeBatch();
            } finally {
                values.clear();
            }
        }

        @Override
        public void discard() {
            discards++;
            values.clear();
        }
    }

    @Test
    void deferredWorkRunsOncePerTransactionAndIsDiscardedWithAFailedBatch() throws Exception {
        DeferredInserts deferred = new DeferredInserts();
        committer.deferring(deferred);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<Integer> blocker = pool.submit(() -> committer.submit("block", c -> {
                blocking.countDown();
                await(gate);
                return 0;
            }));
            blocking.await();
            List<Future<Boolean>> good = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int v = i;
                good.add(pool.submit(() -> committer.submit("defer", c -> deferred.values.add(v))));
            }
            // Its deferred row collides with a row of the batch only when the batch's rows are flushed together.
            Future<Boolean> bad = pool.submit(() -> committer.submit("defer duplicate", c -> deferred.values.add(1)));
            while (committer.pending() < 5) Thread.onSpinWait();
            gate.countDown();
            blocker.get();
            for (Future<Boolean> f : good) assertThat(f.get()).isTrue();
            assertThatThrownBy(bad::get).hasCauseInstanceOf(StoreException.class);

            assertThat(rows()).isEqualTo(4);
            // the blocker's empty flush, the failed batch's flush of 5, then 4 + 1 single retries (the last fails)
            assertThat(deferred.flushedSizes).containsExactly(0, 5, 1, 1, 1, 1, 1);
            assertThat(deferred.discards).isEqualTo(2);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesMore() throws Exception {
        committer.submit("insert", c -> insert(c, 1));
        committer.close();
        assertThat(rows()).isEqualTo(1);
        assertThatThrownBy(() -> committer.submit("late", c -> insert(c, 2)))
                .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    // ---- outages ---------------------------------------------------------------------------------------------

    /** A committer over the same table whose availability the test decides (true = the database answers). */
    private GroupCommitter committerWith(java.util.concurrent.atomic.AtomicBoolean up, StoreAvailability[] availability,
                                         int maxQueued) {
        availability[0] = new StoreAvailability("test", up::get, java.time.Duration.ofMinutes(1));
        return new GroupCommitter(loop -> Thread.ofPlatform().name("test-commit-outage").start(loop),
                GroupCommitter.ConnectionSource.single(connection), c -> {
        }, 64, maxQueued, java.time.Duration.ofMillis(200), availability[0]);
    }

    @Test
    void whileTheDatabaseIsDownWritesAreRefusedAtOnce() throws Exception {
        var up = new java.util.concurrent.atomic.AtomicBoolean(false);
        StoreAvailability[] availability = new StoreAvailability[1];
        committer.close();
        committer = committerWith(up, availability, 100);
        availability[0].probeOnce();

        assertThatThrownBy(() -> committer.submit("insert", c -> insert(c, 1)))
                .isInstanceOf(dev.lodestone.store.StoreUnavailableException.class)
                .hasMessageContaining("database is unavailable");
        up.set(true);
        availability[0].probeOnce();
        assertThat(committer.<Integer>submit("insert", c -> insert(c, 1))).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aWriteWithdrawnWhileTheDatabaseIsDownNeverRunsEvenWhenTheCommitterMovesOn() throws Exception {
        var up = new java.util.concurrent.atomic.AtomicBoolean(true);
        StoreAvailability[] availability = new StoreAvailability[1];
        committer.close();
        committer = committerWith(up, availability, 100);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> blocker = pool.submit(() -> committer.submit("block", c -> {
                blocking.countDown();
                await(gate);
                return insert(c, 0);
            }));
            blocking.await();
            Future<Integer> queued = pool.submit(() -> committer.submit("queued", c -> insert(c, 1)));
            while (committer.pending() < 1) Thread.onSpinWait();
            up.set(false);
            availability[0].probeOnce();

            assertThat(org.assertj.core.api.Assertions.catchThrowable(queued::get))
                    .hasCauseInstanceOf(dev.lodestone.store.StoreUnavailableException.class)
                    .hasMessageContaining("nothing was written");
            gate.countDown();
            assertThat(blocker.get()).isEqualTo(1);
            up.set(true);
            availability[0].probeOnce();
            assertThat(committer.<Integer>submit("after", c -> insert(c, 2))).isEqualTo(1);
            assertThat(Query.list(connection, "SELECT v FROM t ORDER BY v", st -> {
            }, r -> r.getInt(1))).as("the withdrawn write never ran").containsExactly(0, 2);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        var up = new java.util.concurrent.atomic.AtomicBoolean(true);
        StoreAvailability[] availability = new StoreAvailability[1];
        committer.close();
        committer = committerWith(up, availability, 1);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            pool.submit(() -> committer.submit("block", c -> {
                blocking.countDown();
                await(gate);
                return insert(c, 0);
            }));
            blocking.await();
            Future<Integer> queued = pool.submit(() -> committer.submit("queued", c -> insert(c, 1)));
            while (committer.pending() < 1) Thread.onSpinWait();
            assertThatThrownBy(() -> committer.submit("overflow", c -> insert(c, 2)))
                    .isInstanceOf(dev.lodestone.store.StoreUnavailableException.class)
                    .hasMessageContaining("queue is full");
            gate.countDown();
            assertThat(queued.get()).as("a healthy but slow commit only delays the write behind it").isEqualTo(1);
        } finally {
            gate.countDown();
            pool.shutdownNow();
        }
    }
}
