-- The model registry (MLflow's vocabulary): models, their immutable versions, artifact bytes (kept in a table of
-- their own so that listing versions never reads them), aliases, and the registry's history of changes.

CREATE TABLE mlops.registered_model (
    name        text        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
    kind        text        NOT NULL CHECK (kind IN ('tabular-classifier', 'rag-index', 'assistant-config')),
    description text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL
);
COMMENT ON TABLE mlops.registered_model IS 'Registered models: a name and a kind; versions hang off them.';

CREATE TABLE mlops.model_version (
    id                uuid        PRIMARY KEY,
    model             text        NOT NULL REFERENCES mlops.registered_model (name),
    version           integer     NOT NULL CHECK (version > 0),
    description       text        NOT NULL,
    sha256            char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes        bigint      NOT NULL CHECK (size_bytes > 0),
    metrics           jsonb       NOT NULL,
    params            jsonb       NOT NULL,
    details           jsonb,
    dataset_sha256    text,
    code_version      text        NOT NULL,
    created_by        text        NOT NULL,
    created_through   text        NOT NULL,
    run_id            uuid,
    parent_version    integer,
    previous_version  integer,
    created_at        timestamptz NOT NULL,
    stage             text        NOT NULL CHECK (stage IN ('None', 'Staging', 'Production', 'Archived')),
    stage_changed_at  timestamptz NOT NULL,
    evaluation        jsonb,
    evaluation_passed boolean,
    UNIQUE (model, version),
    CHECK ((evaluation IS NULL) = (evaluation_passed IS NULL))
);
-- One Production version per model, whatever races between callers.
CREATE UNIQUE INDEX model_version_one_production ON mlops.model_version (model) WHERE stage = 'Production';
COMMENT ON TABLE mlops.model_version IS
    'Model versions. Immutable once created except stage and evaluation, which change through recorded transitions.';

CREATE TABLE mlops.model_artifact (
    version_id uuid  PRIMARY KEY REFERENCES mlops.model_version (id),
    bytes      bytea NOT NULL
);
COMMENT ON TABLE mlops.model_artifact IS 'Artifact bytes of each version; their sha256 is on model_version.';

CREATE TABLE mlops.model_alias (
    model      text        NOT NULL,
    alias      text        NOT NULL CHECK (alias ~ '^[a-z][a-z0-9_-]{0,63}$'),
    version    integer     NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (model, alias),
    FOREIGN KEY (model, version) REFERENCES mlops.model_version (model, version)
);
COMMENT ON TABLE mlops.model_alias IS 'Named pointers to versions (champion follows Production; others are set by users).';

CREATE TABLE mlops.registry_event (
    id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model   text        NOT NULL REFERENCES mlops.registered_model (name),
    version integer,
    action  text        NOT NULL,
    actor   text        NOT NULL,
    trigger text        NOT NULL,
    reason  text,
    details jsonb       NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX registry_event_by_model ON mlops.registry_event (model, id DESC);
COMMENT ON TABLE mlops.registry_event IS 'Every change of the registry and of deployments: who, what, why. Append-only.';

-- What makes "immutable" true whatever the code does: only stage and evaluation of a version may change, artifacts
-- and history never change, and nothing of the registry is deleted.
CREATE FUNCTION mlops.refuse_registry_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- nested, not AND-ed: PL/pgSQL would resolve NEW.description on tables that have no such column
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'model_version' THEN
        IF (NEW.id, NEW.model, NEW.version, NEW.description, NEW.sha256, NEW.size_bytes, NEW.metrics, NEW.params,
            NEW.details, NEW.dataset_sha256, NEW.code_version, NEW.created_by, NEW.created_through, NEW.run_id,
            NEW.parent_version, NEW.previous_version, NEW.created_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.model, OLD.version, OLD.description, OLD.sha256, OLD.size_bytes, OLD.metrics, OLD.params,
            OLD.details, OLD.dataset_sha256, OLD.code_version, OLD.created_by, OLD.created_through, OLD.run_id,
            OLD.parent_version, OLD.previous_version, OLD.created_at) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'registry %: % refused; versions, artifacts and history are immutable (only stage and evaluation change)',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER model_version_immutable BEFORE UPDATE OR DELETE ON mlops.model_version
    FOR EACH ROW EXECUTE FUNCTION mlops.refuse_registry_rewrite();
CREATE TRIGGER model_artifact_immutable BEFORE UPDATE OR DELETE ON mlops.model_artifact
    FOR EACH ROW EXECUTE FUNCTION mlops.refuse_registry_rewrite();
CREATE TRIGGER registry_event_immutable BEFORE UPDATE OR DELETE ON mlops.registry_event
    FOR EACH ROW EXECUTE FUNCTION mlops.refuse_registry_rewrite();
CREATE TRIGGER registered_model_kept BEFORE DELETE ON mlops.registered_model
    FOR EACH ROW EXECUTE FUNCTION mlops.refuse_registry_rewrite();
