-- E7: journeys to the UK booked for the people of an EOI granted entry clearance. The caller's
-- idempotency key is unique, so a repeat finds the first answer; request_hash notices a key reused for
-- another request. People and the EOI are opaque ids only (S3). published_at stays null until the
-- travel-booked event is published; a retry with the same key publishes it again, with the same event id.
CREATE TABLE travel_bookings (
  travel_reference text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  request_hash text NOT NULL,
  eoi_id text NOT NULL,
  person_ids text[] NOT NULL CHECK (cardinality(person_ids) BETWEEN 1 AND 12),
  not_before timestamptz NOT NULL,
  departs_at timestamptz NOT NULL,
  arrival_port text NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  booked_at timestamptz NOT NULL,
  published_at timestamptz
);

CREATE INDEX travel_bookings_by_eoi ON travel_bookings (eoi_id, booked_at);

-- E8, Q1: Border Force's entry records forwarded to the EOI case workflows, keyed by the event id, so a
-- redelivery (also one arriving after the last arrival ended the case) is recognised without asking the case.
CREATE TABLE entry_records (
  event_id text PRIMARY KEY,
  eoi_id text NOT NULL,
  person_id text NOT NULL,
  travel_reference text,
  arrived_at timestamptz NOT NULL,
  port text NOT NULL,
  -- The state the EOI case was left in (or had ended in, for an arrival it took before).
  case_state text NOT NULL,
  forwarded_at timestamptz NOT NULL
);

CREATE INDEX entry_records_by_eoi ON entry_records (eoi_id, arrived_at);
