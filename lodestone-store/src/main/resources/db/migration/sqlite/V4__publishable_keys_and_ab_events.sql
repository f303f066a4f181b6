-- Publishable keys (pk_…): a key kind, and the browser origins a publishable key may be used from (space-separated).
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'secret';
ALTER TABLE api_keys ADD COLUMN allowed_origins TEXT;

-- A/B test events from storefront widgets. The key makes a resent event (same user, type and time) one row.
CREATE TABLE ab_events (
    tenant_id   TEXT    NOT NULL,
    test_id     TEXT    NOT NULL,
    variant     TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    metadata    TEXT,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, test_id, variant, user_id, event_type, occurred_at)
) WITHOUT ROWID;
