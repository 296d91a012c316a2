-- R9: scheduled movements to the French entry point, created lazily as bookings need their departures.
CREATE TABLE movements (
  movement_id text PRIMARY KEY,
  departs_at timestamptz NOT NULL,
  entry_point text NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 200),
  -- Seats held by bookings (booked or boarded), kept by the transaction that changes them.
  seats_taken integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'departed', 'cancelled')),
  -- R9: when France was last sent the manifest, what it listed (a hash of the passengers) and how many were sent.
  manifest_sent_at timestamptz,
  manifest_hash text,
  manifest_version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- R9: the last line of defence; a full movement never takes one more, whatever the code does.
  CONSTRAINT movements_seats_within_capacity CHECK (seats_taken BETWEEN 0 AND capacity),
  CONSTRAINT movements_one_per_departure UNIQUE (departs_at, entry_point)
);

CREATE INDEX movements_scheduled_by_departure ON movements (departs_at) WHERE status = 'scheduled';

-- A seat on a movement for one case. The caller's idempotency key is unique: a repeat finds the first answer.
CREATE TABLE bookings (
  booking_id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  request_hash text NOT NULL,
  case_id text NOT NULL,
  person_id text,
  booking_number integer NOT NULL CHECK (booking_number >= 1),
  movement_id text NOT NULL REFERENCES movements (movement_id),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'boarded', 'no-show', 'cancelled')),
  booked_at timestamptz NOT NULL,
  released_at timestamptz,
  release_reason text,
  release_idempotency_key text,
  CONSTRAINT bookings_released_when_not_holding CHECK ((status IN ('booked', 'boarded')) = (released_at IS NULL))
);

-- A case never holds two seats at once.
CREATE UNIQUE INDEX bookings_one_active_per_case ON bookings (case_id) WHERE status IN ('booked', 'boarded');
CREATE INDEX bookings_by_movement ON bookings (movement_id, status);

-- Escorts' boarding records, one per booking; forwarded_at is set once the case workflow accepted it.
CREATE TABLE boarding_records (
  booking_id text PRIMARY KEY REFERENCES bookings (booking_id),
  event_id text NOT NULL UNIQUE,
  outcome text NOT NULL CHECK (outcome IN ('boarded', 'no-show')),
  recorded_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  forwarded_at timestamptz
);

-- R9, Q1: France's handover confirmations, one per reference and one per case.
CREATE TABLE handovers (
  handover_reference text PRIMARY KEY,
  event_id text NOT NULL,
  case_id text NOT NULL,
  movement_id text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  forwarded_at timestamptz
);

CREATE UNIQUE INDEX handovers_one_per_case ON handovers (case_id);
