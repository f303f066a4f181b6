-- Trained learned models (e.g. EASE weights) per tenant, so a restarted node serves them without retraining.
CREATE TABLE learned_models (
    tenant_id  TEXT COLLATE "C" NOT NULL,
    kind       TEXT COLLATE "C" NOT NULL,
    trained_at TIMESTAMPTZ      NOT NULL,
    size_bytes BIGINT           NOT NULL,
    data       BYTEA            NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
