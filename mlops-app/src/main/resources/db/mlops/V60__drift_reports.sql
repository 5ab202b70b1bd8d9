-- Drift reports (docs/drift.md): one row per model per drift run, the whole report as JSON (a text column, as
-- the other stored documents), the figures lists filter on as columns. Reports are facts about the past: the app only inserts them.
CREATE TABLE mlops.drift_report (
    id            uuid             PRIMARY KEY,
    model         text             NOT NULL,
    model_version integer          NOT NULL,
    run_id        uuid,                          -- the drift job run that made it
    created_at    timestamptz      NOT NULL,
    window_from   timestamptz,                   -- the oldest and newest prediction in the window (null: none)
    window_to     timestamptz,
    live_rows     bigint           NOT NULL,
    verdict       text             NOT NULL CHECK (verdict IN ('ok', 'warn', 'alert', 'no-data')),
    max_psi       double precision,
    report        text             NOT NULL      -- the report's JSON (docs/drift.md, "Report format")
);
CREATE INDEX drift_report_by_model ON mlops.drift_report (model, created_at DESC);
CREATE INDEX drift_report_by_time ON mlops.drift_report (created_at DESC);
COMMENT ON TABLE mlops.drift_report IS 'Per model and drift run: PSI/KL per feature and on the prediction, live quality, anomalies.';
