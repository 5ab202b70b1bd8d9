-- Validation suites: data, not code. Each change is a new version; a dataset name is checked with its newest suite.
CREATE TABLE mlops.validation_suite (
    name        text        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    rules_json  text        NOT NULL,
    -- 'default' when derived from the first snapshot's schema, else who posted it
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);
COMMENT ON TABLE mlops.validation_suite IS 'Versioned validation suites (rules as JSON); rows are never updated.';

-- Every run of a suite on a snapshot, with its full report (rule, column, offending count per result).
CREATE TABLE mlops.validation_result (
    id             uuid        PRIMARY KEY,
    snapshot_id    char(64)    NOT NULL REFERENCES mlops.dataset_snapshot (id),
    suite_name     text        NOT NULL,
    suite_version  integer     NOT NULL,
    passed         boolean     NOT NULL,
    failures       integer     NOT NULL CHECK (failures >= 0),
    report_json    text        NOT NULL,
    -- what ran it: 'upload', or the job run that validated before training
    trigger        text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (suite_name, suite_version) REFERENCES mlops.validation_suite (name, version)
);
CREATE INDEX validation_result_newest ON mlops.validation_result (snapshot_id, created_at DESC);
COMMENT ON TABLE mlops.validation_result IS 'Validation reports of snapshots; never updated.';
