-- What inference pods serve, per model: the stable version and an optional canary with its share of traffic.
-- Rows are never deleted (a retired model keeps its row with no stable version), and every change takes the next
-- value of the single deployment_revision row under its row lock, so revisions commit in order and the published
-- revision (the highest) changes with every change a pod must see.

CREATE TABLE mlops.deployment_revision (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision  bigint  NOT NULL CHECK (revision >= 0)
);
INSERT INTO mlops.deployment_revision (singleton, revision) VALUES (true, 0);
COMMENT ON TABLE mlops.deployment_revision IS 'The revision of the published deployments; grows with every change.';

CREATE TABLE mlops.deployment (
    model          text             PRIMARY KEY REFERENCES mlops.registered_model (name),
    stable_version integer,
    canary_version integer,
    canary_weight  double precision NOT NULL CHECK (canary_weight >= 0 AND canary_weight <= 1),
    revision       bigint           NOT NULL,
    updated_at     timestamptz      NOT NULL,
    FOREIGN KEY (model, stable_version) REFERENCES mlops.model_version (model, version),
    FOREIGN KEY (model, canary_version) REFERENCES mlops.model_version (model, version),
    CHECK (canary_version IS NOT NULL OR canary_weight = 0),
    CHECK (canary_version IS NULL OR (stable_version IS NOT NULL AND canary_version <> stable_version))
);
COMMENT ON TABLE mlops.deployment IS
    'Serving state per model, published on GET /api/deployments; a null stable version means retired (not served).';
