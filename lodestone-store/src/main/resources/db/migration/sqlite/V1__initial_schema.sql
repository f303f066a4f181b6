-- Lodestone schema for the embedded SQLite store.
-- Instants are INTEGER microseconds since 1970-01-01T00:00:00Z; JSON is stored as text exactly as written.

CREATE TABLE tenants (
    tenant_id  TEXT    NOT NULL PRIMARY KEY,
    name       TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE entities (
    tenant_id      TEXT    NOT NULL,
    entity_type    TEXT    NOT NULL,
    entity_id      TEXT    NOT NULL,
    attributes     TEXT    NOT NULL,
    vector         BLOB,
    hidden         INTEGER NOT NULL DEFAULT 0,
    available_from INTEGER,
    expires_at     INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (tenant_id, entity_type, entity_id)
);
CREATE INDEX entities_by_id ON entities (tenant_id, entity_id);

-- Append-only. id is the store-wide sequence, increasing in commit order; AUTOINCREMENT never reuses an id.
CREATE TABLE interactions (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id        TEXT    NOT NULL,
    user_id          TEXT    NOT NULL,
    entity_type      TEXT    NOT NULL,
    entity_id        TEXT    NOT NULL,
    interaction_type TEXT    NOT NULL,
    type_form        TEXT    NOT NULL,
    weight           REAL    NOT NULL,
    value            REAL,
    metadata         TEXT,
    occurred_at      INTEGER NOT NULL
);
CREATE INDEX interactions_by_tenant ON interactions (tenant_id, id);
CREATE INDEX interactions_by_user ON interactions (tenant_id, user_id, occurred_at DESC, id DESC);
CREATE INDEX interactions_by_entity ON interactions (tenant_id, entity_id, occurred_at DESC, id DESC);

CREATE TABLE idempotency_keys (
    tenant_id       TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    interaction_id  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
) WITHOUT ROWID;

CREATE TABLE interaction_types (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    weight      REAL    NOT NULL,
    description TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE api_keys (
    key_id      TEXT    NOT NULL PRIMARY KEY,
    tenant_id   TEXT    NOT NULL,
    name        TEXT,
    secret_hash TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id);

-- Change feed: one row per committed change, written in the same transaction, in commit order.
CREATE TABLE changes (
    sequence     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tenant_id    TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    entity_type  TEXT,
    change_key   TEXT    NOT NULL,
    committed_at INTEGER NOT NULL
);
