COMMENT ON SCHEMA inference IS 'Owned by inference-app: prediction and interaction logs, feedback, quota usage. mlops-app reads it.';
