-- Lodestone schema for PostgreSQL.
-- Ids use the "C" collation so that ordering is by bytes, as in SQLite, whatever the database's locale.
-- JSON is stored as text, not jsonb: jsonb would reorder keys and the API promises to keep them.

CREATE TABLE tenants (
    tenant_id  TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name       TEXT,
    created_at TIMESTAMPTZ      NOT NULL
);

CREATE TABLE entities (
    tenant_id      TEXT COLLATE "C" NOT NULL,
    entity_type    TEXT COLLATE "C" NOT NULL,
    entity_id      TEXT COLLATE "C" NOT NULL,
    attributes     TEXT             NOT NULL,
    vector         BYTEA,
    hidden         BOOLEAN          NOT NULL DEFAULT FALSE,
    available_from TIMESTAMPTZ,
    expires_at     TIMESTAMPTZ,
    created_at     TIMESTAMPTZ      NOT NULL,
    updated_at     TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (tenant_id, entity_type, entity_id)
);
CREATE INDEX entities_by_id ON entities (tenant_id, entity_id);

-- Append-only. id comes from interaction_ids (CACHE 1) under the write lock, so it increases in commit order.
CREATE SEQUENCE interaction_ids CACHE 1;
CREATE TABLE interactions (
    id               BIGINT           NOT NULL PRIMARY KEY,
    tenant_id        TEXT COLLATE "C" NOT NULL,
    user_id          TEXT COLLATE "C" NOT NULL,
    entity_type      TEXT COLLATE "C" NOT NULL,
    entity_id        TEXT COLLATE "C" NOT NULL,
    interaction_type TEXT COLLATE "C" NOT NULL,
    type_form        TEXT             NOT NULL,
    weight           DOUBLE PRECISION NOT NULL,
    value            DOUBLE PRECISION,
    metadata         TEXT,
    occurred_at      TIMESTAMPTZ      NOT NULL
);
CREATE INDEX interactions_by_tenant ON interactions (tenant_id, id);
CREATE INDEX interactions_by_user ON interactions (tenant_id, user_id, occurred_at DESC, id DESC);
CREATE INDEX interactions_by_entity ON interactions (tenant_id, entity_id, occurred_at DESC, id DESC);

CREATE TABLE idempotency_keys (
    tenant_id       TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    interaction_id  BIGINT           NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE TABLE interaction_types (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    weight      DOUBLE PRECISION NOT NULL,
    description TEXT,
    created_at  TIMESTAMPTZ      NOT NULL,
    updated_at  TIMESTAMPTZ      NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE api_keys (
    key_id      TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    tenant_id   TEXT COLLATE "C" NOT NULL,
    name        TEXT,
    secret_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ      NOT NULL
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id);

-- Change feed: one row per committed change, written in the same transaction. The write lock makes the
-- sequence increase in commit order, so tailers can read "everything after N" without missing late commits.
CREATE TABLE changes (
    sequence     BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    tenant_id    TEXT COLLATE "C" NOT NULL,
    kind         TEXT             NOT NULL,
    entity_type  TEXT COLLATE "C",
    change_key   TEXT COLLATE "C" NOT NULL,
    committed_at TIMESTAMPTZ      NOT NULL
);
