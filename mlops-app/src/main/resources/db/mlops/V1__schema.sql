COMMENT ON SCHEMA mlops IS 'Owned by mlops-app: datasets, registry, jobs, rollouts, alerts, audit.';
