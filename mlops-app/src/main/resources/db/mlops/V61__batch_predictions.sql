-- Batch scoring (docs/drift.md, "Batch scoring"): the predictions of a batch-score run, one row per scored row, with
-- the version that made them. Rows of one run are written together and read by run, in row order.
CREATE TABLE mlops.batch_prediction (
    run_id        uuid             NOT NULL,     -- the batch-score job run
    row_index     integer          NOT NULL,     -- the row's position in the snapshot
    model         text             NOT NULL,
    model_version integer          NOT NULL,
    snapshot_id   text             NOT NULL,
    probability   double precision NOT NULL,
    label         text             NOT NULL,
    created_at    timestamptz      NOT NULL,
    PRIMARY KEY (run_id, row_index)
);
CREATE INDEX batch_prediction_by_model ON mlops.batch_prediction (model, created_at DESC);
COMMENT ON TABLE mlops.batch_prediction IS 'Scores of dataset snapshots by the Production version, per batch-score run.';
