-- Rollouts: a Staging version moving to Production through canary steps (or a blue-green switch), driven by the
-- controller's tick from this state alone, so that a restart of mlops-app resumes at the same step.

CREATE TABLE mlops.rollout (
    id               uuid             PRIMARY KEY,
    model            text             NOT NULL REFERENCES mlops.registered_model (name),
    version          integer          NOT NULL,
    stable_version   integer          NOT NULL,
    strategy         text             NOT NULL CHECK (strategy IN ('canary', 'blue-green')),
    steps            jsonb            NOT NULL,
    step             integer          NOT NULL CHECK (step >= 0),
    weight           double precision NOT NULL CHECK (weight >= 0 AND weight <= 1),
    status           text             NOT NULL CHECK (status IN ('running', 'paused', 'succeeded', 'rolled-back',
                                                                 'aborted')),
    reason           text,
    started_by       text             NOT NULL,
    created_at       timestamptz      NOT NULL,
    step_started_at  timestamptz      NOT NULL,
    next_analysis_at timestamptz      NOT NULL,
    baseline         jsonb            NOT NULL,
    finished_at      timestamptz,
    FOREIGN KEY (model, version) REFERENCES mlops.model_version (model, version),
    CHECK ((status IN ('succeeded', 'rolled-back', 'aborted')) = (finished_at IS NOT NULL))
);
-- One active rollout per model.
CREATE UNIQUE INDEX rollout_one_active ON mlops.rollout (model) WHERE status IN ('running', 'paused');
CREATE INDEX rollout_due ON mlops.rollout (next_analysis_at) WHERE status = 'running';
CREATE INDEX rollout_by_model ON mlops.rollout (model, created_at DESC);
COMMENT ON TABLE mlops.rollout IS 'Rollouts and their current step; baseline holds every pod''s counters at the step''s start.';

-- What happened in a rollout, in order: steps taken, analyses and their verdicts, pauses, promotion, rollback.
CREATE TABLE mlops.rollout_event (
    id         bigserial        PRIMARY KEY,
    rollout_id uuid             NOT NULL REFERENCES mlops.rollout (id),
    at         timestamptz      NOT NULL,
    kind       text             NOT NULL,
    step       integer          NOT NULL,
    weight     double precision NOT NULL,
    verdict    text,
    actor      text             NOT NULL,
    summary    text             NOT NULL,
    details    jsonb            NOT NULL
);
CREATE INDEX rollout_event_by_rollout ON mlops.rollout_event (rollout_id, id);
COMMENT ON TABLE mlops.rollout_event IS 'Steps, analyses, manual actions and the outcome of every rollout.';
