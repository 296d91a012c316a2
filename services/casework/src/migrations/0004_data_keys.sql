-- S4 crypto-shredding: each workflow's payloads are encrypted with a data key of its own, kept here only
-- wrapped by the codec key ring (TEMPORAL_CODEC_KEYS). Deleting a row shreds every copy of that workflow's
-- history; the tombstone in destroyed_data_keys says when and why, and stops the key ever being made again.
-- Rows hold no personal data: opaque workflow ids and ciphertext. This table is NOT append-only on purpose.
CREATE TABLE data_keys (
  workflow_id     TEXT PRIMARY KEY,
  wrapping_key_id TEXT NOT NULL,
  wrapped_key     TEXT NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  rewrapped_at    TIMESTAMPTZ
);
-- Rotation asks which data keys each key of the ring still wraps.
CREATE INDEX data_keys_by_wrapping_key ON data_keys (wrapping_key_id, workflow_id);

CREATE TABLE destroyed_data_keys (
  workflow_id  TEXT PRIMARY KEY,
  destroyed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  reason       TEXT NOT NULL,
  destroyed_by TEXT NOT NULL
);
