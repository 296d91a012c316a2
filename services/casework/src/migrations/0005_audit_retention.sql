-- S4: retention of the consultation log without breaking its chain (libs/database/src/audit/audit-pruning.ts).
-- A plain DELETE stays refused. A pruning first appends a checkpoint to `prunings` (itself a hash-chained,
-- append-only stream): "consultations pruned up to seq N, whose hash was H, cutoff C, so many rows, why"; the
-- trigger then admits the DELETE of rows that a checkpoint covers, and of rows written before the chain began
-- (no seq) that are older than a checkpoint's cutoff. Verification starts after the latest checkpoint.
CREATE TABLE prunings (
  id            BIGSERIAL PRIMARY KEY,
  at            TIMESTAMPTZ NOT NULL,
  pruned_stream TEXT NOT NULL,
  up_to_seq     BIGINT NOT NULL,
  up_to_hash    TEXT NOT NULL,
  cutoff        TIMESTAMPTZ NOT NULL,
  deleted       BIGINT NOT NULL,
  reason        TEXT NOT NULL,
  seq           BIGINT NOT NULL UNIQUE,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE INDEX prunings_stream ON prunings (pruned_stream, up_to_seq DESC);
CREATE TRIGGER prunings_append_only BEFORE UPDATE OR DELETE ON prunings FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER prunings_no_truncate BEFORE TRUNCATE ON prunings FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE FUNCTION refuse_audit_change_unless_pruned() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  covered_seq BIGINT;
  covered_before TIMESTAMPTZ;
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT max(up_to_seq), max(cutoff) FROM %I.prunings WHERE pruned_stream = $1', TG_TABLE_SCHEMA)
      INTO covered_seq, covered_before USING TG_TABLE_NAME;
    IF (OLD.seq IS NOT NULL AND OLD.seq <= covered_seq) OR (OLD.seq IS NULL AND OLD.at < covered_before) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER consultations_append_only ON consultations;
CREATE TRIGGER consultations_append_only BEFORE UPDATE OR DELETE ON consultations FOR EACH ROW EXECUTE FUNCTION refuse_audit_change_unless_pruned();
