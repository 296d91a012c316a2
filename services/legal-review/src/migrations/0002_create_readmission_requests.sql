-- R12: the readmission requests sent to France. Only references and a fingerprint of the content are
-- kept, never the disclosed values. published_at is when the request event was published, i.e. when it
-- reached France (the sentAt answered); it stays null until a publish succeeds, and a retry with the same
-- idempotency key publishes it again, with the same event id.
CREATE TABLE readmission_requests (
  request_reference text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  case_id text NOT NULL,
  request_number integer NOT NULL CHECK (request_number >= 1),
  content_sha256 text NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  -- R10: one request per number and case; a corrected request has the next number.
  CONSTRAINT readmission_requests_one_per_number UNIQUE (case_id, request_number)
);

-- S3: every disclosure outside the UK: to whom, which fields (never their values), for which case,
-- why and through which channel. Written in the same transaction as the request, before anything is
-- sent, so no disclosure can happen without its row; readmission_requests.published_at says when it left.
CREATE TABLE disclosure_log (
  disclosure_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient text NOT NULL,
  case_id text NOT NULL,
  fields text[] NOT NULL,
  purpose text NOT NULL,
  channel text NOT NULL,
  request_reference text NOT NULL REFERENCES readmission_requests (request_reference),
  event_id uuid NOT NULL UNIQUE,
  logged_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX disclosure_log_by_case ON disclosure_log (case_id, logged_at);

-- The log is append-only: a row may be deleted by retention (S4) but never rewritten.
CREATE FUNCTION disclosure_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'disclosure_log is append-only (S3): rows cannot be updated';
END;
$$;

CREATE TRIGGER disclosure_log_no_update BEFORE UPDATE ON disclosure_log
  FOR EACH ROW EXECUTE FUNCTION disclosure_log_is_append_only();

-- R4 and R10: France's replies, as forwarded to the case workflow, keyed by the reply event's id.
CREATE TABLE france_replies (
  event_id uuid PRIMARY KEY,
  request_reference text NOT NULL REFERENCES readmission_requests (request_reference),
  case_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('accepted', 'refused', 'extended')),
  ground text,
  replied_at timestamptz NOT NULL,
  case_state text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX france_replies_by_request ON france_replies (request_reference);
