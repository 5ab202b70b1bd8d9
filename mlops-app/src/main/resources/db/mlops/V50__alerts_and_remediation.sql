-- Governance: alerts received (Alertmanager webhooks and the platform's own), the signatures seen (replay defence),
-- and the remediation agent's actions with their tier, decision, execution and outcome (docs/governance.md).

CREATE TABLE mlops.alert (
    id                 uuid        PRIMARY KEY,
    received_at        timestamptz NOT NULL,
    source             text        NOT NULL,
    name               text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('firing', 'resolved')),
    severity           text        NOT NULL,
    subject            text,
    summary            text,
    fingerprint        text,
    category           text        NOT NULL,
    severity_score     double precision NOT NULL CHECK (severity_score BETWEEN 0 AND 1),
    diagnosis          text        NOT NULL,
    -- the alert as received (labels, annotations, values); NULL once purged by a delete-data action
    payload            text,
    payload_deleted_at timestamptz
);
CREATE INDEX alert_received_at ON mlops.alert (received_at);
COMMENT ON TABLE mlops.alert IS 'Alerts received by the remediation agent, with its diagnosis.';

-- One row per signed delivery accepted: a second delivery with the same signature is a replay (409). Rows older than
-- twice the timestamp tolerance are pruned: such a delivery is refused as stale anyway.
CREATE TABLE mlops.alert_delivery (
    signature   text        PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX alert_delivery_received_at ON mlops.alert_delivery (received_at);

CREATE TABLE mlops.remediation_action (
    id               uuid        PRIMARY KEY,
    alert_id         uuid        REFERENCES mlops.alert (id),
    created_at       timestamptz NOT NULL,
    type             text        NOT NULL,
    tier             text        NOT NULL CHECK (tier IN ('auto', 'approval', 'human-only')),
    status           text        NOT NULL,
    target           text        NOT NULL,
    parameters       text        NOT NULL DEFAULT '{}',
    reasoning        text        NOT NULL,
    predicted_impact text        NOT NULL,
    proposed_by      text        NOT NULL,
    decided_by       text,
    decided_at       timestamptz,
    decision_note    text,
    started_at       timestamptz,
    finished_at      timestamptz,
    before_metrics   text,
    after_metrics    text,
    outcome          text,
    version          integer     NOT NULL DEFAULT 0
);
CREATE INDEX remediation_action_status ON mlops.remediation_action (status);
CREATE INDEX remediation_action_alert ON mlops.remediation_action (alert_id);
COMMENT ON TABLE mlops.remediation_action IS 'What the remediation agent (or a person) proposed, who decided, what ran and how it ended.';
