-- Every action of `npm run ops` (stuck cases, dead letters, bulk operations, replays): who (the verified
-- caller), when (this server's clock), what, why and how it ended. Append-only by use, like consultations.
CREATE TABLE operations (
  id            BIGSERIAL PRIMARY KEY,
  at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor_id      TEXT NOT NULL,
  actor_name    TEXT NOT NULL,
  roles         TEXT[] NOT NULL,
  verb          TEXT NOT NULL,
  arguments     JSONB NOT NULL,
  targets       TEXT[] NOT NULL,
  reason        TEXT,
  outcome       TEXT NOT NULL,
  detail        TEXT,
  operation_id  BIGINT REFERENCES operations (id)
);
CREATE INDEX operations_verb ON operations (verb, id DESC);
CREATE INDEX operations_targets ON operations USING GIN (targets);
