-- Idempotency keys expire (IDEMPOTENCY_KEY_TTL_HOURS): each row records when it was stored (epoch microseconds, as
-- every instant here), and an index by that time lets the background pruner delete the expired ones without
-- scanning the table. SQLite cannot add a column with a non-constant default, so rows stored before this migration
-- are stamped with the migration's time by the UPDATE.
ALTER TABLE idempotency_keys ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
UPDATE idempotency_keys SET created_at = CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER);
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
