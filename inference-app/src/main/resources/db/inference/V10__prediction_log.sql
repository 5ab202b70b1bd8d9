-- The prediction log: one row per scored row, written in the background in batches (io.flywheel.inference.predictions).
-- Joined with inference.feedback on prediction_id it gives labelled rows for retraining (docs/serving.md).
CREATE TABLE inference.prediction (
    prediction_id uuid             PRIMARY KEY,  -- UUIDv7: time-ordered, so inserts append to the index
    created_at    timestamptz      NOT NULL,     -- when the request was answered
    model         text             NOT NULL,
    model_version integer          NOT NULL,     -- the version that answered (0: a model served from a file)
    canary        boolean          NOT NULL,     -- whether that version was the canary at the time
    request_id    text             NOT NULL,     -- the request's id (the client's, or one the server made)
    features      jsonb            NOT NULL,     -- {"feature": value}: a number, a string, or null when missing
    probability   double precision NOT NULL,     -- of the positive class
    label         text             NOT NULL,     -- the predicted class
    latency_ms    double precision NOT NULL,     -- of the whole request, shared by its rows
    batch_rows    integer          NOT NULL,     -- rows in that request
    caller        text             NOT NULL,     -- sha256 (hex) of the caller's API key id: pseudonymous
    trace_id      text                           -- W3C trace id, when the request was traced
);
-- Rows arrive in time order and are read by time window (drift, live accuracy, snapshots): a BRIN index serves those
-- reads and costs next to nothing per insert (a B-tree would be updated by every row of every batch).
CREATE INDEX prediction_created_at ON inference.prediction USING brin (created_at);
COMMENT ON TABLE inference.prediction IS 'One row per prediction served; read by mlops-app (drift, live accuracy, snapshots of log ⨝ feedback).';

-- Prediction ids are UUIDs; no prediction could be given feedback before this table existed.
ALTER TABLE inference.feedback ALTER COLUMN prediction_id TYPE uuid USING prediction_id::uuid;
COMMENT ON COLUMN inference.feedback.label IS 'The true class of the prediction (one of its model''s classes), for training.';
