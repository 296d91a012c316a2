-- E7: the security and suitability checks legal-review asked for. One row per request, keyed by the
-- opaque check reference (sec_...) the security services quote in each result; the EOI and the people
-- are opaque ids only (S3). requested_at is when the request was recorded (the time the event states);
-- published_at stays null until a publish succeeds, and a retry with the same idempotency key publishes
-- it again, with the same event id.
CREATE TABLE security_check_requests (
  check_reference text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  eoi_id text NOT NULL,
  person_ids text[] NOT NULL CHECK (cardinality(person_ids) BETWEEN 1 AND 12),
  event_id uuid NOT NULL UNIQUE,
  requested_at timestamptz NOT NULL,
  published_at timestamptz
);

CREATE INDEX security_check_requests_by_eoi ON security_check_requests (eoi_id, requested_at);

-- E7: the result for each person of a request, as forwarded to the EOI case workflow, keyed by the
-- result event's id (a redelivery finds the row). One result per person and request: a copy under
-- another event id is recognised, a contradicting one is refused.
CREATE TABLE security_check_results (
  event_id uuid PRIMARY KEY,
  check_reference text NOT NULL REFERENCES security_check_requests (check_reference),
  eoi_id text NOT NULL,
  person_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('clear', 'refuse')),
  ground text CHECK (ground IN ('security', 'criminality', 'suitability', 'deception')),
  completed_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- A refusal always names its ground; a clear result never carries one.
  CONSTRAINT security_check_results_ground_iff_refused CHECK ((outcome = 'refuse') = (ground IS NOT NULL)),
  CONSTRAINT security_check_results_one_per_person UNIQUE (check_reference, person_id)
);
