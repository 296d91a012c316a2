-- S2, S3: the accountable logs become tamper-evident. Each of consultations, operations and decisions is one
-- hash-chained stream (libs/database/src/audit): a row carries its place (seq), the hash of the row before
-- (prev_hash) and the SHA-256 of its own canonical form (hash), so editing, deleting or reordering a row breaks
-- the chain that `npm run ops -- audit verify` re-computes. Rows written before this migration have no seq and
-- stay outside the chain (it starts at seq 1 with the first row written after).
--
-- Append-only is enforced here, not only by use: a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
-- the owner included (who would have to drop the trigger first, which the published chain head then exposes).
-- On PostgreSQL the services' runtime role should also lack the grants (docs/data-protection.md):
--   REVOKE UPDATE, DELETE, TRUNCATE ON casework.consultations, casework.operations, casework.decisions FROM <casework role>;
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

ALTER TABLE consultations ADD COLUMN seq BIGINT UNIQUE, ADD COLUMN prev_hash TEXT, ADD COLUMN hash TEXT;
ALTER TABLE operations ADD COLUMN seq BIGINT UNIQUE, ADD COLUMN prev_hash TEXT, ADD COLUMN hash TEXT;

-- S2: every human step the API ran (who, when, which case, which step, how it ended). Free text (reasons,
-- corrections) can carry personal data and stays in the case's history; this keeps the SHA-256 of the body,
-- which binds the entry to what was decided, with the choices made and the evidence references.
CREATE TABLE decisions (
  id            BIGSERIAL PRIMARY KEY,
  at            TIMESTAMPTZ NOT NULL,
  actor_id      TEXT NOT NULL,
  actor_name    TEXT NOT NULL,
  roles         TEXT[] NOT NULL,
  step          TEXT NOT NULL,
  case_kind     TEXT NOT NULL,
  workflow_id   TEXT NOT NULL,
  command_id    TEXT NOT NULL,
  choices       JSONB NOT NULL,
  evidence      TEXT[] NOT NULL,
  body_sha256   TEXT NOT NULL,
  status        INTEGER NOT NULL,
  outcome       TEXT NOT NULL,
  seq           BIGINT NOT NULL UNIQUE,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE INDEX decisions_case ON decisions (workflow_id, seq DESC);

CREATE TRIGGER consultations_append_only BEFORE UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER consultations_no_truncate BEFORE TRUNCATE ON consultations FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER operations_append_only BEFORE UPDATE OR DELETE ON operations FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER operations_no_truncate BEFORE TRUNCATE ON operations FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
