-- The legal route (treaty chapter III). Identity keeps the applicants' personal data here, so the EOI
-- workflow, topic keys and logs carry opaque ids only (S3). Retention of these rows (S4) is policy still
-- to be set; the tables keep nothing the EOI case itself needs beyond what it is sent.

-- E1, E5: each EOI identity received from the portal, once per EOI. The first submission stands: a
-- redelivered or re-sent copy finds it and the case gets the same submission again.
CREATE TABLE eoi_submissions (
  eoi_id text PRIMARY KEY,
  -- The portal event that brought it first; the case dedupes on it.
  event_id text NOT NULL,
  family_reference text,
  submitted_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- E3, E5: the people in each EOI, with the personal data the portal captured (names, date of birth,
-- identity document). Keyed by EOI and person: the same person may appear in a later EOI.
CREATE TABLE eoi_applicants (
  eoi_id text NOT NULL REFERENCES eoi_submissions (eoi_id),
  person_id text NOT NULL REFERENCES people (id),
  -- Order in the submission, so every copy sends the case the applicants in the same order.
  position integer NOT NULL CHECK (position >= 0),
  role text NOT NULL CHECK (role IN ('main', 'partner', 'adult-dependant', 'child')),
  given_names text NOT NULL,
  family_name text NOT NULL,
  date_of_birth date NOT NULL,
  nationalities text[] NOT NULL,
  document_kind text NOT NULL,
  document_number text NOT NULL,
  document_issuing_country text NOT NULL,
  document_nationality_shown text,
  document_expires_on date NOT NULL,
  eea_family_member boolean NOT NULL,
  protection_elsewhere boolean NOT NULL,
  french_residence_permission boolean NOT NULL,
  uk_link_within_5_years boolean NOT NULL,
  PRIMARY KEY (eoi_id, person_id),
  UNIQUE (eoi_id, position)
);
CREATE INDEX eoi_applicants_person ON eoi_applicants (person_id);

-- E2: the requests to confirm presence in France, one per idempotency key. asked_at and confirm_by are
-- set when the request event is published (the hours count from when people are actually asked); until
-- then they are null, and a retry with the same key publishes it again, with the same event id.
CREATE TABLE presence_requests (
  idempotency_key text PRIMARY KEY,
  eoi_id text NOT NULL REFERENCES eoi_submissions (eoi_id),
  person_ids text[] NOT NULL,
  confirm_within_ms bigint NOT NULL CHECK (confirm_within_ms > 0),
  event_id uuid NOT NULL UNIQUE,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  asked_at timestamptz,
  confirm_by timestamptz,
  CHECK ((asked_at IS NULL) = (confirm_by IS NULL))
);
CREATE INDEX presence_requests_eoi ON presence_requests (eoi_id);

-- E7: appointments at the visa application centre, one per idempotency key. The reference and time are
-- fixed when booked; published_at stays null until the booking event is out, and a retry publishes it.
CREATE TABLE vac_appointments (
  appointment_reference text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  eoi_id text NOT NULL REFERENCES eoi_submissions (eoi_id),
  person_ids text[] NOT NULL,
  centre text NOT NULL,
  at timestamptz NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  booked_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX vac_appointments_eoi ON vac_appointments (eoi_id);

-- E4, E7: the biometrics captured at an appointment, one enrolment per person and appointment whichever
-- copy of the capture event comes first. The template itself is in enrolments (context 'eoi'), never here.
CREATE TABLE eoi_biometric_captures (
  appointment_reference text NOT NULL REFERENCES vac_appointments (appointment_reference),
  person_id text NOT NULL,
  eoi_id text NOT NULL,
  event_id text NOT NULL,
  enrolment_reference text NOT NULL UNIQUE REFERENCES enrolments (reference),
  captured_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (appointment_reference, person_id),
  FOREIGN KEY (eoi_id, person_id) REFERENCES eoi_applicants (eoi_id, person_id)
);
