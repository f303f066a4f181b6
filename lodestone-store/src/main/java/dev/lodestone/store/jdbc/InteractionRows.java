package dev.lodestone.store.jdbc;

import dev.lodestone.core.model.Interaction;
import dev.lodestone.core.model.InteractionDraft;
import dev.lodestone.core.model.InteractionTypeForm;
import dev.lodestone.store.AppendResult;
import dev.lodestone.store.Change;
import dev.lodestone.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL and row mapping of the interactions and idempotency_keys tables, and the append algorithm. */
final class InteractionRows {
    static final String COLUMNS = "id, tenant_id, user_id, entity_type, entity_id, interaction_type, type_form, "
            + "weight, value, metadata, occurred_at";
    private static final String INSERT = "INSERT INTO interactions (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY = "COPY interactions (" + COLUMNS + ") FROM STDIN";
    /** Below this many rows batched INSERTs cost no more than COPY, and keep one code path well exercised. */
    private static final int MIN_ROWS_TO_COPY = 64;
    private static final String INSERT_KEY =
            "INSERT INTO idempotency_keys (tenant_id, idempotency_key, interaction_id, created_at) VALUES (?, ?, ?, ?)";
    /** Must equal the bucket shift of the history indexes (V3__history_indexes_by_id_bucket.sql). */
    private static final int ID_BUCKET_SHIFT = 14;
    private final String byUser;
    private final String byEntity;
    static final String COUNT = "SELECT COUNT(*) FROM interactions WHERE tenant_id = ?";
    static final String USERS = "SELECT user_id, COUNT(*), MIN(occurred_at), MAX(occurred_at) FROM interactions"
            + " WHERE tenant_id = ? GROUP BY user_id ORDER BY user_id";

    private record IdempotencyKey(String tenantId, String key) {
    }

    private final SqlDialect dialect;

    InteractionRows(SqlDialect dialect) {
        this.dialect = dialect;
        String ofTenant = "SELECT " + COLUMNS + " FROM interactions WHERE tenant_id = ? AND "
                + dialect.idBucketsOfTenant(ID_BUCKET_SHIFT);
        String newestFirst = " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?";
        this.byUser = ofTenant + " AND user_id = ?" + newestFirst;
        this.byEntity = ofTenant + " AND entity_id = ? AND (? IS NULL OR entity_type = ?)" + newestFirst;
    }

    /** Newest first (timestamp desc, id desc). */
    List<Interaction> ofUser(Connection c, String tenantId, String userId, int limit, int offset) throws SQLException {
        return Query.list(c, byUser, s -> {
            int p = bindTenantBuckets(s, tenantId);
            s.setString(p++, userId);
            s.setInt(p++, limit);
            s.setInt(p, offset);
        }, this::read);
    }

    /** Newest first; entityType null matches every type. */
    List<Interaction> ofEntity(Connection c, String tenantId, String entityType, String entityId, int limit,
                               int offset) throws SQLException {
        return Query.list(c, byEntity, s -> {
            int p = bindTenantBuckets(s, tenantId);
            s.setString(p++, entityId);
            s.setString(p++, entityType);
            s.setString(p++, entityType);
            s.setInt(p++, limit);
            s.setInt(p, offset);
        }, this::read);
    }

    /** Binds "tenant_id = ? AND" and the tenant parameters of {@link SqlDialect#idBucketsOfTenant}. */
    private static int bindTenantBuckets(PreparedStatement s, String tenantId) throws SQLException {
        for (int p = 1; p <= 1 + SqlDialect.ID_BUCKET_TENANT_PARAMETERS; p++) s.setString(p, tenantId);
        return 2 + SqlDialect.ID_BUCKET_TENANT_PARAMETERS;
    }

    Interaction read(ResultSet row) throws SQLException {
        double value = row.getDouble(9);
        Double boxedValue = row.wasNull() ? null : value;
        return new Interaction(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), InteractionTypeForm.valueOf(row.getString(7)), row.getDouble(8),
                boxedValue, Json.read(row.getString(10)), dialect.getInstant(row, 11));
    }

    private void bind(PreparedStatement s, Interaction i) throws SQLException {
        s.setLong(1, i.id());
        s.setString(2, i.tenantId());
        s.setString(3, i.userId());
        s.setString(4, i.entityType());
        s.setString(5, i.entityId());
        s.setString(6, i.interactionType());
        s.setString(7, i.typeForm().name());
        s.setDouble(8, i.weight());
        if (i.value() == null) s.setNull(9, Types.DOUBLE);
        else s.setDouble(9, i.value());
        s.setString(10, i.metadata().isEmpty() ? null : Json.write(i.metadata()));
        dialect.setInstant(s, 11, i.timestamp());
    }

    /** Rows in {@link SqlDialect#copyIn}'s text format, columns as in {@link #COLUMNS}. */
    private static String copyText(List<Interaction> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 96);
        for (Interaction i : rows) {
            text.append(i.id()).append('\t');
            copyEscaped(text, i.tenantId()).append('\t');
            copyEscaped(text, i.userId()).append('\t');
            copyEscaped(text, i.entityType()).append('\t');
            copyEscaped(text, i.entityId()).append('\t');
            copyEscaped(text, i.interactionType()).append('\t');
            text.append(i.typeForm().name()).append('\t');
            text.append(i.weight()).append('\t');
            if (i.value() == null) text.append("\\N");
            else text.append(i.value().doubleValue());
            text.append('\t');
            if (i.metadata().isEmpty()) text.append("\\N");
            else copyEscaped(text, Json.write(i.metadata()));
            text.append('\t').append(i.timestamp()).append('\n');
        }
        return text.toString();
    }

    private static StringBuilder copyEscaped(StringBuilder text, String value) {
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(ch);
            }
        }
        return text;
    }

    static InteractionDraft normalized(InteractionDraft d, Instant now) {
        if (d.tenantId() == null || d.userId() == null || d.entityType() == null || d.entityId() == null
                || d.interactionType() == null) {
            throw new IllegalArgumentException("interaction tenant, user, entity type, entity id and type are required");
        }
        return new InteractionDraft(d.tenantId(), d.userId(), d.entityType(), d.entityId(), d.interactionType(),
                d.typeForm() == null ? InteractionTypeForm.PLAIN : d.typeForm(), d.weight(), d.value(),
                d.metadata() == null ? Map.of() : d.metadata(),
                d.timestamp() == null ? now : Instants.micros(d.timestamp()), d.idempotencyKey());
    }

    /**
     * Appends in the caller's transaction: drafts whose idempotency key is stored (or repeats one earlier in the
     * list, or one appended earlier in this transaction) store nothing and answer the first interaction stored
     * under the key. The rows are written by {@link #flush}, which must run before the transaction commits and before
     * any other write in it (so one statement carries the rows of every append of a group-committed transaction).
     */
    List<AppendResult> append(Connection c, List<InteractionDraft> normalized, Instant now) throws SQLException {
        int n = normalized.size();
        AppendResult[] results = new AppendResult[n];
        int[] replayOf = new int[n];
        Arrays.fill(replayOf, -1);
        Map<IdempotencyKey, Integer> firstWithKey = new HashMap<>();
        Map<IdempotencyKey, Integer> toLookUp = new HashMap<>();
        for (int i = 0; i < n; i++) {
            InteractionDraft d = normalized.get(i);
            if (d.idempotencyKey() == null) continue;
            IdempotencyKey key = new IdempotencyKey(d.tenantId(), d.idempotencyKey());
            Integer first = firstWithKey.putIfAbsent(key, i);
            if (first != null) {
                replayOf[i] = first;
                continue;
            }
            Interaction pendingUnderKey = pending.byKey.get(key); // appended earlier in this transaction
            if (pendingUnderKey != null) results[i] = new AppendResult(pendingUnderKey, false);
            else toLookUp.put(key, i);
        }
        if (!toLookUp.isEmpty()) {
            for (Map.Entry<IdempotencyKey, Interaction> stored : storedUnderKeys(c, toLookUp.keySet()).entrySet()) {
                results[toLookUp.get(stored.getKey())] = new AppendResult(stored.getValue(), false);
            }
        }
        List<Integer> fresh = new ArrayList<>(n);
        for (int i = 0; i < n; i++) if (replayOf[i] < 0 && results[i] == null) fresh.add(i);
        addFresh(c, normalized, fresh, results, now);
        for (int i = 0; i < n; i++) {
            if (replayOf[i] >= 0) results[i] = new AppendResult(results[replayOf[i]].interaction(), false);
        }
        return Arrays.asList(results);
    }

    /** The interactions stored under those of these keys that are stored, a few queries for any number of keys. */
    private Map<IdempotencyKey, Interaction> storedUnderKeys(Connection c, Collection<IdempotencyKey> keys)
            throws SQLException {
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        for (IdempotencyKey k : keys) byTenant.computeIfAbsent(k.tenantId(), t -> new ArrayList<>()).add(k.key());
        Map<IdempotencyKey, Long> ids = new HashMap<>();
        for (Map.Entry<String, List<String>> tenantKeys : byTenant.entrySet()) {
            List<String> all = tenantKeys.getValue();
            for (int from = 0; from < all.size(); from += Query.MAX_IN_LIST) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + Query.MAX_IN_LIST));
                String sql = "SELECT idempotency_key, interaction_id FROM idempotency_keys WHERE tenant_id = ? AND "
                        + dialect.inTexts("idempotency_key", chunk.size());
                Query.list(c, sql, s -> {
                    s.setString(1, tenantKeys.getKey());
                    dialect.bindTexts(s, 2, chunk);
                }, row -> ids.put(new IdempotencyKey(tenantKeys.getKey(), row.getString(1)), row.getLong(2)));
            }
        }
        if (ids.isEmpty()) return Map.of();
        Map<Long, Interaction> byId = new HashMap<>();
        for (Interaction i : byIds(c, new ArrayList<>(ids.values()))) byId.put(i.id(), i);
        Map<IdempotencyKey, Interaction> stored = new HashMap<>();
        for (Map.Entry<IdempotencyKey, Long> e : ids.entrySet()) {
            Interaction i = byId.get(e.getValue());
            if (i == null) throw new StoreException("idempotency key points at missing interaction " + e.getValue());
            stored.put(e.getKey(), i);
        }
        return stored;
    }

    private void addFresh(Connection c, List<InteractionDraft> drafts, List<Integer> fresh, AppendResult[] results,
                          Instant now) throws SQLException {
        if (fresh.isEmpty()) return;
        long[] ids = dialect.nextInteractionIds(c, fresh.size());
        for (int k = 0; k < fresh.size(); k++) {
            int i = fresh.get(k);
            InteractionDraft d = drafts.get(i);
            Interaction stored = d.withId(ids[k]);
            results[i] = new AppendResult(stored, true);
            pending.rows.add(stored);
            if (d.idempotencyKey() != null) {
                pending.byKey.put(new IdempotencyKey(d.tenantId(), d.idempotencyKey()), stored);
            }
        }
        pending.changes.addAll(appendedRanges(drafts, fresh, ids));
        if (pending.now == null || now.isAfter(pending.now)) pending.now = now;
    }

    /** What the appends of the current transaction have yet to write. Touched by the committing thread only. */
    private static final class PendingAppends {
        final List<Interaction> rows = new ArrayList<>();
        final Map<IdempotencyKey, Interaction> byKey = new HashMap<>();
        final List<Change> changes = new ArrayList<>();
        Instant now;

        void clear() {
            rows.clear();
            byKey.clear();
            changes.clear();
            now = null;
        }
    }

    private final PendingAppends pending = new PendingAppends();

    /** Writes what the appends of this transaction left pending: their rows, idempotency keys and changes. */
    void flush(Connection c) throws SQLException {
        if (pending.rows.isEmpty()) return;
        try {
            if (dialect.supportsCopy() && pending.rows.size() >= MIN_ROWS_TO_COPY) {
                dialect.copyIn(c, COPY, copyText(pending.rows));
            } else {
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (Interaction row : pending.rows) {
                        bind(insert, row);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (!pending.byKey.isEmpty()) {
                try (PreparedStatement insertKey = c.prepareStatement(INSERT_KEY)) {
                    for (Map.Entry<IdempotencyKey, Interaction> e : pending.byKey.entrySet()) {
                        insertKey.setString(1, e.getKey().tenantId());
                        insertKey.setString(2, e.getKey().key());
                        insertKey.setLong(3, e.getValue().id());
                        dialect.setInstant(insertKey, 4, pending.now);
                        insertKey.addBatch();
                    }
                    insertKey.executeBatch();
                }
            }
            ChangeFeed.record(c, dialect, pending.now, pending.changes);
        } finally {
            pending.clear();
        }
    }

    /** Forgets what the appends of a transaction that rolls back left pending. */
    void discard() {
        pending.clear();
    }

    /**
     * One change per run of consecutive fresh drafts of one tenant, naming the run's id range (ids are drawn
     * increasing and contiguous for the call, so nothing else lies in the range).
     */
    private static List<Change> appendedRanges(List<InteractionDraft> drafts, List<Integer> fresh, long[] ids) {
        List<Change> changes = new ArrayList<>(1);
        int runStart = 0;
        for (int k = 1; k <= fresh.size(); k++) {
            String tenant = drafts.get(fresh.get(runStart)).tenantId();
            if (k < fresh.size() && drafts.get(fresh.get(k)).tenantId().equals(tenant)) continue;
            changes.add(new Change(0, tenant, Change.Kind.INTERACTIONS_APPENDED, null, Long.toString(ids[runStart]),
                    ids[k - 1]));
            runStart = k;
        }
        return changes;
    }

    private static final String PRUNE_KEYS = "DELETE FROM idempotency_keys WHERE (tenant_id, idempotency_key) IN"
            + " (SELECT tenant_id, idempotency_key FROM idempotency_keys WHERE created_at < ? LIMIT ?)";

    /** Deletes at most {@code max} idempotency keys stored before {@code olderThan}; returns how many. */
    int pruneKeys(Connection c, java.time.Instant olderThan, int max) throws SQLException {
        return Query.update(c, PRUNE_KEYS, s -> {
            dialect.setInstant(s, 1, olderThan);
            s.setInt(2, max);
        });
    }

    /** Interactions with ids from first to last (inclusive), in id order. */
    List<Interaction> inRange(Connection c, long first, long last) throws SQLException {
        return Query.list(c, "SELECT " + COLUMNS + " FROM interactions WHERE id BETWEEN ? AND ? ORDER BY id", s -> {
            s.setLong(1, first);
            s.setLong(2, last);
        }, this::read);
    }

    /** Interactions with these ids, in id order. */
    List<Interaction> byIds(Connection c, List<Long> ids) throws SQLException {
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<Interaction> found = new ArrayList<>(sorted.length);
        for (int from = 0; from < sorted.length; from += Query.MAX_IN_LIST) {
            int to = Math.min(sorted.length, from + Query.MAX_IN_LIST);
            int start = from;
            String sql = "SELECT " + COLUMNS + " FROM interactions WHERE id IN (" + Query.markers(to - from)
                    + ") ORDER BY id";
            found.addAll(Query.list(c, sql, s -> {
                for (int i = start; i < to; i++) s.setLong(i - start + 1, sorted[i]);
            }, this::read));
        }
        return found;
    }
}
