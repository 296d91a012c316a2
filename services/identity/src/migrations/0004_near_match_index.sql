-- R11, E4: the near-match pass asks a trigram index (pg_trgm) for candidates and scores only those, instead
-- of reading every template of a register under the screening lock. The matcher keeps its own score
-- (template-similarity.ts) and threshold; the index only rules out templates that provably cannot reach
-- it (near-match-candidates.ts says why the bound holds).

-- pg_trgm ships with PostgreSQL (contrib, trusted since PostgreSQL 13) and with PGlite (@oioo/database
-- gives every instance its bundle). A database holds it once, in one schema: this one when it is new
-- here; otherwise (a DBA created it, or another schema of the same database did) its operator class and
-- operator are named through its schema below, which this schema's search_path does not reach.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The template normalised as the score normalises it (NFKC, lower case, no whitespace), written by
-- EnrolmentsRepository with the same TypeScript function. NULL when the index cannot stand in for the
-- score: a normalised template with a character outside ASCII (pg_trgm's idea of a letter then depends
-- on the server's locale, and it hashes such trigrams) or shorter than 3 characters. Enrolments without
-- one are compared in full on every near pass, so none is ever missed. Personal data (S3) like the
-- template itself: it goes when the enrolment row is deleted.
ALTER TABLE enrolments ADD COLUMN indexed_template text;

-- The existing rows, in SQL, because NFKC is not available here: on ASCII, NFKC changes nothing, lower
-- case is A-Z to a-z (translate, whatever the locale) and JavaScript's \s is these six characters. A
-- template with any other character is left NULL, which is always safe (see above), even when the
-- TypeScript function would have given it a key.
UPDATE enrolments
SET indexed_template = regexp_replace(translate(template, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '[\t\n\v\f\r ]', '', 'g')
WHERE template ~ '^[\x01-\x7F]*$';
UPDATE enrolments SET indexed_template = NULL WHERE length(indexed_template) < 3;

-- The enrolments the index cannot answer for, read in full by every near pass (normally none).
CREATE INDEX enrolments_not_indexed ON enrolments (reference) WHERE indexed_template IS NULL;

-- The trigram index, and near_match_candidates(probe, threshold): the enrolments whose indexed template
-- pg_trgm finds at least `threshold` similar to `probe`.
-- * fastupdate off: otherwise new entries wait in a pending list that every search reads in full and that
--   a later insert, under the screening lock, has to merge; PGlite has no autovacuum to merge it earlier.
-- * `%` is the operator the GIN index answers, and its threshold is a setting. The function's SET clauses
--   restore every setting when it returns, so nothing set here outlives the call on a pooled connection,
--   in or out of a transaction.
-- * enable_seqscan off: without statistics (PGlite never runs autovacuum, and a fresh PostgreSQL table
--   has none) the planner reads every row through `%` instead: 2 to 3 s at 40,000 enrolments, where the
--   index takes a tenth of that or less.
-- * EXECUTE plans the query for each probe.
DO $migration$
DECLARE
  trgm text := (SELECT quote_ident(n.nspname) FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'pg_trgm');
BEGIN
  EXECUTE format('CREATE INDEX enrolments_indexed_template ON enrolments USING gin (indexed_template %s.gin_trgm_ops) WITH (fastupdate = off)', trgm);
  EXECUTE format($function$
    CREATE FUNCTION near_match_candidates(probe text, threshold real) RETURNS SETOF text
    LANGUAGE plpgsql
    ROWS 10
    SET search_path = %s, %s
    SET pg_trgm.similarity_threshold = 0.3
    SET enable_seqscan = off
    AS $body$
    BEGIN
      PERFORM set_config('pg_trgm.similarity_threshold', threshold::text, true);
      RETURN QUERY EXECUTE 'SELECT reference FROM enrolments WHERE indexed_template %% $1' USING probe;
    END
    $body$
  $function$, quote_ident(current_schema()), trgm);
END
$migration$;
