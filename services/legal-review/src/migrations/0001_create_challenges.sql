-- R7 and R5: the register of legal challenges. A challenge stays 'lodged' (it holds the case and bars
-- transfer) until its decision arrives; then it is 'decided' with the outcome. Keyed by the court's or
-- the NRM's opaque challenge id, so a redelivered event finds the row it already wrote.
CREATE TABLE challenges (
  challenge_id text PRIMARY KEY,
  case_id text NOT NULL,
  person_id text NOT NULL,
  kind text NOT NULL,
  lodged_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'lodged' CHECK (status IN ('lodged', 'decided')),
  outcome text CHECK (outcome IN ('dismissed', 'withdrawn', 'upheld')),
  decided_at timestamptz,
  lodged_event_id uuid NOT NULL,
  decided_event_id uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT challenges_decision_complete CHECK ((status = 'decided') = (outcome IS NOT NULL AND decided_at IS NOT NULL AND decided_event_id IS NOT NULL))
);

-- R5's last-moment check reads the challenges of one case still pending.
CREATE INDEX challenges_pending_by_case ON challenges (case_id, lodged_at) WHERE status = 'lodged';
