-- People known to identity, by the opaque id Border Force (or the EOI portal) gave them. No names: S3.
CREATE TABLE people (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A biometric sample taken from a person for one case. The template is kept for similarity matching
-- (R11, E4); its SHA-256 gives exact matches through an index. `source_key` makes enrolment idempotent
-- (an arrival enrols once per case, whatever the number of copies of its event).
CREATE TABLE enrolments (
  reference text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people (id),
  case_id text NOT NULL,
  context text NOT NULL CHECK (context IN ('arrival', 'eoi')),
  source_key text NOT NULL UNIQUE,
  event_id text,
  template_hash text NOT NULL CHECK (template_hash ~ '^[0-9a-f]{64}$'),
  template text NOT NULL,
  captured_at timestamptz NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enrolments_template_hash ON enrolments (template_hash);
CREATE INDEX enrolments_person ON enrolments (person_id);
CREATE INDEX enrolments_case ON enrolments (case_id);

-- E4: the register of recorded irregular entries. Every small-boat arrival enrolled is one.
CREATE TABLE irregular_entries (
  case_id text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people (id),
  enrolment_reference text NOT NULL REFERENCES enrolments (reference),
  route text NOT NULL,
  arrived_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX irregular_entries_enrolment ON irregular_entries (enrolment_reference);

-- R11: the register of people returned under the scheme, one row per readmission completed. The
-- caller's idempotency key and the case id are both unique, so a retried or repeated call adds nothing.
CREATE TABLE returns_register (
  case_id text PRIMARY KEY,
  person_id text NOT NULL,
  handover_reference text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  registered_at timestamptz NOT NULL DEFAULT now()
);

-- R11: the returned person's biometrics that entered the register with the return.
CREATE TABLE returns_register_enrolments (
  return_case_id text NOT NULL REFERENCES returns_register (case_id),
  enrolment_reference text NOT NULL REFERENCES enrolments (reference),
  PRIMARY KEY (return_case_id, enrolment_reference)
);
CREATE INDEX returns_register_enrolments_enrolment ON returns_register_enrolments (enrolment_reference);

-- R11: what screening found for each arrival, kept so that every copy of the arrival event sends the
-- case the same screening.
CREATE TABLE arrival_screenings (
  case_id text PRIMARY KEY,
  event_id text NOT NULL,
  person_id text NOT NULL REFERENCES people (id),
  enrolment_reference text NOT NULL REFERENCES enrolments (reference),
  re_entry boolean NOT NULL,
  previous_case_id text,
  matched_enrolment_reference text REFERENCES enrolments (reference),
  match_score double precision,
  screened_at timestamptz NOT NULL DEFAULT now(),
  CHECK (re_entry = (previous_case_id IS NOT NULL))
);

-- R2: age assessments by an authorised officer, recorded once (S2: never edited).
CREATE TABLE age_assessments (
  reference text PRIMARY KEY,
  person_id text NOT NULL REFERENCES people (id),
  case_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('adult', 'accompanied-minor', 'unaccompanied-minor')),
  assessed_by text NOT NULL,
  assessed_at timestamptz NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX age_assessments_case ON age_assessments (case_id);
