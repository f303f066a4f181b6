-- Idempotency keys expire (IDEMPOTENCY_KEY_TTL_HOURS): each row records when it was stored, and an index by that
-- time lets the background pruner delete the expired ones without scanning the table. Rows stored before this
-- migration count from now (PostgreSQL evaluates now() once for the whole ALTER, so no table rewrite).
ALTER TABLE idempotency_keys ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX idempotency_keys_by_created_at ON idempotency_keys (created_at);
