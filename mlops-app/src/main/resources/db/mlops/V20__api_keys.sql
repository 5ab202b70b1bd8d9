-- API keys of the inference endpoints. Only the SHA-256 of a key is stored; the key is shown once, at creation.
CREATE TABLE mlops.api_key (
    id                     uuid PRIMARY KEY,
    name                   text             NOT NULL,
    prefix                 text             NOT NULL,
    hash                   char(64)         NOT NULL UNIQUE,
    role                   text             NOT NULL CHECK (role IN ('viewer', 'operator', 'approver', 'admin')),
    requests_per_second    double precision NOT NULL CHECK (requests_per_second >= 0),
    daily_token_budget     bigint           NOT NULL CHECK (daily_token_budget >= 0),
    max_tokens_per_request integer          NOT NULL CHECK (max_tokens_per_request >= 0),
    created_at             timestamptz      NOT NULL DEFAULT now(),
    revoked_at             timestamptz
);
-- a name identifies one live key; a revoked key's name may be reused
CREATE UNIQUE INDEX api_key_live_name ON mlops.api_key (name) WHERE revoked_at IS NULL;
COMMENT ON TABLE mlops.api_key IS 'API keys (hashed) and their limits; inference pods poll the live ones from /internal/keys.';
