-- Trained learned models (e.g. EASE weights) per tenant, so a restarted node serves them without retraining.
CREATE TABLE learned_models (
    tenant_id  TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    trained_at INTEGER NOT NULL,
    size_bytes INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
