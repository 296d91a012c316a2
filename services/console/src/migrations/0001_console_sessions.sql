-- Server-side sessions of the console: the signed-in person, their access token for the casework API and
-- the CSRF token. The cookie holds only the signed session id. Expired rows are deleted as they are met
-- and by a sweep.
CREATE TABLE sessions (
  sid text PRIMARY KEY,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
