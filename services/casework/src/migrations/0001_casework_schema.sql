-- S3: every read that returned personal data. Append-only by use: the service never updates or deletes a row.
CREATE TABLE consultations (
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  roles       TEXT[] NOT NULL,
  case_kind   TEXT NOT NULL,
  case_id     TEXT NOT NULL,
  operation   TEXT NOT NULL,
  purpose     TEXT NOT NULL
);
CREATE INDEX consultations_case ON consultations (case_id, id DESC);
CREATE INDEX consultations_actor ON consultations (actor_id, id DESC);

-- One row per Idempotency-Key a person used: what it was for, and the first definitive answer.
CREATE TABLE idempotency_keys (
  actor_id        TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  operation_id    TEXT NOT NULL,
  target_id       TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  command_id      TEXT NOT NULL,
  response_status INTEGER,
  response_body   JSONB,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, idempotency_key)
);

-- Display names of the people who acted, so timelines can show a name beside the opaque actor id.
CREATE TABLE staff (
  actor_id   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  last_seen  TIMESTAMPTZ NOT NULL DEFAULT now()
);
