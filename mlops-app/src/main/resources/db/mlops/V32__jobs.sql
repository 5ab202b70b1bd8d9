-- Runs of the platform's jobs. A run is queued or running only while the process that owns it holds the job's
-- PostgreSQL advisory lock; an active run whose lock is free belongs to a process that died, and is marked failed.

CREATE TABLE mlops.job_run (
    id           uuid        PRIMARY KEY,
    job          text        NOT NULL,
    trigger      text        NOT NULL,
    triggered_by text        NOT NULL,
    parameters   jsonb       NOT NULL,
    status       text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    host         text        NOT NULL,
    queued_at    timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    duration_ms  bigint,
    progress     jsonb,
    checkpoint   jsonb,
    outputs      jsonb,
    error        text,
    CHECK ((status IN ('succeeded', 'failed')) = (finished_at IS NOT NULL))
);
-- At most one active run per job, even if a lock were ever lost.
CREATE UNIQUE INDEX job_run_one_active ON mlops.job_run (job) WHERE status IN ('queued', 'running');
CREATE INDEX job_run_by_job ON mlops.job_run (job, queued_at DESC);
CREATE INDEX job_run_by_time ON mlops.job_run (queued_at DESC);
COMMENT ON TABLE mlops.job_run IS 'Every run of every job: trigger, status, timing, progress, checkpoint, outputs, error.';
