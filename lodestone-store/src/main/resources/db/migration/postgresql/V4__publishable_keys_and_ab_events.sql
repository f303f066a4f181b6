-- Publishable keys (pk_…): a key kind, and the browser origins a publishable key may be used from (space-separated).
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'secret';
ALTER TABLE api_keys ADD COLUMN allowed_origins TEXT;

-- A/B test events from storefront widgets. The key makes a resent event (same user, type and time) one row.
CREATE TABLE ab_events (
    tenant_id   TEXT COLLATE "C" NOT NULL,
    test_id     TEXT COLLATE "C" NOT NULL,
    variant     TEXT COLLATE "C" NOT NULL,
    user_id     TEXT COLLATE "C" NOT NULL,
    event_type  TEXT COLLATE "C" NOT NULL,
    occurred_at TIMESTAMPTZ      NOT NULL,
    metadata    TEXT,
    received_at TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (tenant_id, test_id, variant, user_id, event_type, occurred_at)
);
