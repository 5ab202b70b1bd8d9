-- How far the platform's audit chain has taken in the audit events other components write (inference-app's
-- inference.audit_event: re-personalisations, ...). Advanced in the same transaction as the entries it produced.
CREATE TABLE mlops.audit_import (
    source  text   PRIMARY KEY,
    last_id bigint NOT NULL CHECK (last_id >= 0)
);
INSERT INTO mlops.audit_import (source, last_id) VALUES ('inference.audit_event', 0);
