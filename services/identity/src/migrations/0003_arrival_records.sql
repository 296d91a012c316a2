-- R11, one person, one case: a second Border Force record of a person identity already holds opens no
-- case. Whether a record is a new person is decided under a transaction-scoped advisory lock, so two
-- records of one person screened at the same moment (on two partitions, or by two instances) are
-- decided one after the other; the workflow id cannot decide it, because each record brings its own
-- case id.

-- When identity saw the case's workflow start. Until then a case with a screening is still opening,
-- so a second record screened in that moment is linked to it rather than treated as a case that ended.
ALTER TABLE arrival_screenings ADD COLUMN case_opened_at timestamptz;
UPDATE arrival_screenings SET case_opened_at = screened_at;

-- An earlier case of the same person that ended without a return: the new case is a new crossing, linked to it.
ALTER TABLE arrival_screenings ADD COLUMN earlier_case_id text;

-- Records that opened no case, each linked to the case it belongs to. The record's own template is
-- not enrolled (the case holds the person's enrolment already): only the match that linked it is kept.
CREATE TABLE arrival_record_links (
  record_case_id text PRIMARY KEY,
  event_id text NOT NULL,
  person_id text NOT NULL,
  case_id text NOT NULL REFERENCES arrival_screenings (case_id),
  link text NOT NULL CHECK (link IN ('open-case', 'ended-case')),
  matched_enrolment_reference text NOT NULL REFERENCES enrolments (reference),
  match_score double precision NOT NULL CHECK (match_score >= 0 AND match_score <= 1),
  record_arrived_at timestamptz NOT NULL,
  -- The id of the identity.arrival-record.linked.v1 event, kept so a re-publish is a recognisable copy.
  notice_event_id uuid NOT NULL UNIQUE,
  linked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX arrival_record_links_case ON arrival_record_links (case_id);
