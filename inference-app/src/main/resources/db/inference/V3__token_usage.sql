-- Daily token budgets per API key, shared by every inference pod: leases are taken with one capped, atomic update.
CREATE TABLE inference.token_usage (
    key_id     text        NOT NULL,
    day        date        NOT NULL,
    used       bigint      NOT NULL CHECK (used >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (key_id, day)
);
COMMENT ON TABLE inference.token_usage IS 'Tokens taken from each key''s daily budget (UTC day), including leases held by pods.';
