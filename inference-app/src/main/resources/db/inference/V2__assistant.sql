-- The assistant: answered requests (pseudonymised), the encrypted pseudonym vault, feedback, audit events.

CREATE TABLE inference.interaction (
    answer_id         uuid PRIMARY KEY,
    created_at        timestamptz      NOT NULL,
    key_id            text             NOT NULL,
    assistant         text             NOT NULL,
    config_version    text             NOT NULL,
    index_name        text,
    index_version     integer,
    route             text             NOT NULL,
    provider          text             NOT NULL,
    model             text,
    degraded          boolean          NOT NULL,
    degraded_reason   text,
    refused           boolean          NOT NULL,
    groundedness      double precision,
    question          text             NOT NULL,
    answer            text             NOT NULL,
    sources           jsonb            NOT NULL,
    findings          jsonb            NOT NULL,
    prompt_tokens     integer          NOT NULL,
    completion_tokens integer          NOT NULL,
    latency_ms        double precision NOT NULL,
    trace_id          text
);
CREATE INDEX interaction_created_at ON inference.interaction (created_at);
COMMENT ON TABLE inference.interaction IS 'One row per assistant answer; question and answer are pseudonymised. Read by mlops-app (golden set, evaluation).';

-- AES-256-GCM: a random 96-bit IV per row, the answer id as associated data, key_id for rotation.
CREATE TABLE inference.pseudonym_vault (
    answer_id  uuid PRIMARY KEY,
    key_id     text        NOT NULL,
    iv         bytea       NOT NULL,
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE inference.pseudonym_vault IS 'Pseudonym -> value mapping of an answer, encrypted; read only through the audited re-personalisation.';

-- One row per answer or per prediction (the serving work adds predictions); a repeat replaces it.
CREATE TABLE inference.feedback (
    id            bigserial PRIMARY KEY,
    answer_id     uuid UNIQUE,
    prediction_id text UNIQUE,
    rating        smallint CHECK (rating BETWEEN 1 AND 5),
    comment       text,
    label         text,
    key_id        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((answer_id IS NULL) <> (prediction_id IS NULL))
);

-- Append-only: the app only inserts. Governance chains these into the hash-chained audit log.
CREATE TABLE inference.audit_event (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    subject text        NOT NULL,
    details jsonb       NOT NULL DEFAULT '{}'
);
