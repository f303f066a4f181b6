-- The last finished offline evaluation per tenant (the dashboard's built-in evaluator), so it survives a restart.
-- results is a JSON array: one object per algorithm with its metrics.
CREATE TABLE evaluation_runs (
    tenant_id     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    evaluation_id TEXT COLLATE "C" NOT NULL,
    k             INTEGER          NOT NULL,
    interactions  INTEGER          NOT NULL,
    started_at    TIMESTAMPTZ      NOT NULL,
    finished_at   TIMESTAMPTZ      NOT NULL,
    results       TEXT             NOT NULL
);
