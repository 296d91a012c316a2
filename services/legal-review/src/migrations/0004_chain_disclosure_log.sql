-- S3 (R12): the disclosure log becomes a hash-chained, append-only stream, `disclosures`, like casework's
-- consultations, operations and decisions (libs/database/src/audit). Each row carries its place (seq), the hash
-- of the row before (prev_hash) and the SHA-256 of its own canonical form (hash), so editing, deleting or
-- reordering a disclosure breaks the chain that `npm run ops -- audit verify --stream disclosures` re-computes.
-- Rows written before this migration have no seq and stay outside the chain (it starts at seq 1 after it).
ALTER TABLE disclosure_log ADD COLUMN seq BIGINT UNIQUE, ADD COLUMN prev_hash TEXT, ADD COLUMN hash TEXT;

-- The stream as the chain sees it: the shared append (appendChainedIn) writes through this view and hashes every
-- column but id and the chain's own, so the table keeps the names its readers use (disclosure_id, logged_at).
-- Columns added to disclosure_log later stay out of the view, and so out of the hash of rows already written.
CREATE VIEW disclosures AS
  SELECT disclosure_id AS id, recipient, case_id, fields, purpose, channel, request_reference, event_id, logged_at AS at, seq, prev_hash, hash
  FROM disclosure_log;

-- 0002 let retention (S4) delete rows and refused only UPDATE. That intent changes: a row holds no personal data
-- (an opaque case id, the *names* of the fields disclosed, the recipient, the purpose, the channel, references),
-- so there is nothing in it for retention to remove, and it is the accountability record of what left the UK:
-- it must outlive the cases it records, and a deletion would break the chain anyway. So nothing may change or
-- remove a row, for every role, the owner included (who would have to drop the trigger first, which the
-- published chain head then exposes). On PostgreSQL the service's runtime role should also lack the grants
-- (docs/data-protection.md):
--   REVOKE UPDATE, DELETE, TRUNCATE ON legal_review.disclosure_log FROM <legal-review role>;
DROP TRIGGER disclosure_log_no_update ON disclosure_log;
DROP FUNCTION disclosure_log_is_append_only();

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER disclosure_log_append_only BEFORE UPDATE OR DELETE ON disclosure_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER disclosure_log_no_truncate BEFORE TRUNCATE ON disclosure_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
