-- The last finished offline evaluation per tenant (the dashboard's built-in evaluator), so it survives a restart.
-- results is a JSON array: one object per algorithm with its metrics.
CREATE TABLE evaluation_runs (
    tenant_id     TEXT    NOT NULL PRIMARY KEY,
    evaluation_id TEXT    NOT NULL,
    k             INTEGER NOT NULL,
    interactions  INTEGER NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER NOT NULL,
    results       TEXT    NOT NULL
);
