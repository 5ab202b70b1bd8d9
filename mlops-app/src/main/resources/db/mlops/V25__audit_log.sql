-- The platform's audit log: append-only and hash-chained. Each entry holds the sha256 of the previous one and its own
-- hash over every field (docs/audit.md), so a changed, removed or reordered entry breaks the chain at that point.
CREATE TABLE mlops.audit_entry (
    seq       bigint      PRIMARY KEY CHECK (seq > 0),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    trigger   text        NOT NULL,
    action    text        NOT NULL,
    target    text        NOT NULL,
    reasoning text,
    approver  text,
    outcome   text,
    -- the exact canonical JSON that was hashed (jsonb would renormalise it)
    details   text        NOT NULL CHECK (details::jsonb IS NOT NULL),
    prev_hash char(64)    NOT NULL,
    hash      char(64)    NOT NULL UNIQUE
);
CREATE INDEX audit_entry_target ON mlops.audit_entry (target);
CREATE INDEX audit_entry_at ON mlops.audit_entry (at);
COMMENT ON TABLE mlops.audit_entry IS 'Append-only, sha256-chained audit log; GET /api/audit/verify recomputes the chain.';

-- Nothing updates or deletes an entry, whatever role the app connects with.
CREATE FUNCTION mlops.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'mlops.audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON mlops.audit_entry
    FOR EACH ROW EXECUTE FUNCTION mlops.refuse_audit_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON mlops.audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION mlops.refuse_audit_change();
