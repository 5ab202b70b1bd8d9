-- Per-minute serving aggregates (like Prometheus histograms): what each pod served per model version and minute,
-- written by io.flywheel.inference.predictions.ServingMinutes and summed by mlops-app's drift job and anomaly watch
-- (docs/drift.md). A day of one version is ~1,440 rows per pod however many predictions it served.
CREATE TABLE inference.serving_minute (
    model            text        NOT NULL,
    model_version    integer     NOT NULL,
    minute           timestamptz NOT NULL,
    pod              text        NOT NULL,
    requests         bigint      NOT NULL,
    errors           bigint      NOT NULL,
    scored_rows      bigint      NOT NULL,
    latency_encoding smallint    NOT NULL,
    latency_buckets  bigint[]    NOT NULL,
    drift_encoding   smallint,
    drift_counts     bigint[],
    PRIMARY KEY (model, model_version, minute, pod)
);
-- the anomaly watch reads a model's minutes of the last 7 days, every version
CREATE INDEX serving_minute_model_minute ON inference.serving_minute (model, minute);

COMMENT ON TABLE inference.serving_minute IS 'Per pod, model version and minute: requests, errors, latency histogram and drift bin counts; pods add to a row (upsert), readers sum rows.';
COMMENT ON COLUMN inference.serving_minute.model_version IS 'The version that answered (0: a model served from a file).';
COMMENT ON COLUMN inference.serving_minute.minute IS 'Start of the minute (UTC) the requests were answered in.';
COMMENT ON COLUMN inference.serving_minute.pod IS 'The writing pod: its HOSTNAME, else a per-process id.';
COMMENT ON COLUMN inference.serving_minute.requests IS 'Requests routed to this version: answered, refused or failed.';
COMMENT ON COLUMN inference.serving_minute.errors IS 'Of those, refused (invalid request, payload too large) or failed in scoring.';
COMMENT ON COLUMN inference.serving_minute.scored_rows IS 'Rows this version scored and answered.';
COMMENT ON COLUMN inference.serving_minute.latency_encoding IS 'Layout of latency_buckets (shared-model LatencyHistogram.ENCODING).';
COMMENT ON COLUMN inference.serving_minute.latency_buckets IS 'Answered requests per latency bucket: 0.05 ms x 2^(i/4), i = 0..80, and one above (LatencyHistogram).';
COMMENT ON COLUMN inference.serving_minute.drift_encoding IS 'Layout of drift_counts (shared-model DriftAccumulator.COUNTS_ENCODING).';
COMMENT ON COLUMN inference.serving_minute.drift_counts IS 'Logged rows per bin of the version''s training reference, every feature then the prediction (DriftAccumulator.counts); NULL when the version has no reference.';

-- Element-wise sum for the upsert: several flushes and restarts of one pod add to the same row. Arrays of two
-- lengths cannot be added (they come from different references): the statement fails rather than mixing them.
CREATE FUNCTION inference.add_counts(total bigint[], delta bigint[]) RETURNS bigint[]
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF total IS NULL THEN
        RETURN delta;
    END IF;
    IF delta IS NULL THEN
        RETURN total;
    END IF;
    IF cardinality(total) <> cardinality(delta) THEN
        RAISE EXCEPTION 'counts of % and % entries cannot be added', cardinality(total), cardinality(delta);
    END IF;
    RETURN ARRAY(SELECT t + d FROM unnest(total, delta) WITH ORDINALITY AS u(t, d, i) ORDER BY i);
END
$$;
COMMENT ON FUNCTION inference.add_counts(bigint[], bigint[]) IS 'Element-wise sum of two count arrays of one layout (serving_minute upserts).';
