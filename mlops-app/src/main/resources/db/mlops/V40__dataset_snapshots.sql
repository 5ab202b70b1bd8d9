-- Dataset snapshots: immutable, identified by the sha256 of their canonical content (schema JSON, newline, canonical
-- CSV). Metadata here; the compressed rows in dataset_content, so that listing snapshots never reads them.
CREATE TABLE mlops.dataset_snapshot (
    id             char(64)    PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
    name           text        NOT NULL,
    -- where the rows came from: an uploaded CSV, or (the loop) the prediction log joined with feedback
    source         text        NOT NULL CHECK (source IN ('upload', 'prediction-feedback')),
    source_json    text        NOT NULL,
    schema_json    text        NOT NULL,
    row_count      integer     NOT NULL CHECK (row_count > 0),
    feature_count  integer     NOT NULL CHECK (feature_count > 0),
    profile_json   text        NOT NULL,
    content_bytes  bigint      NOT NULL CHECK (content_bytes > 0),
    stored_bytes   bigint      NOT NULL CHECK (stored_bytes > 0),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_snapshot_newest ON mlops.dataset_snapshot (name, created_at DESC);
COMMENT ON TABLE mlops.dataset_snapshot IS 'Immutable training data snapshots (sha256 of canonical content); never updated.';

CREATE TABLE mlops.dataset_content (
    snapshot_id char(64) PRIMARY KEY REFERENCES mlops.dataset_snapshot (id),
    -- the canonical CSV, gzip-compressed; reading it back re-checks the sha256
    csv_gzip    bytea    NOT NULL
);
COMMENT ON TABLE mlops.dataset_content IS 'The rows of each snapshot: canonical CSV, gzip-compressed.';
