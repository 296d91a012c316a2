import { type CustomTypesConfig, types } from 'pg';

/**
 * Both drivers return the same JavaScript types, following node-postgres where it is lossless and
 * using strings where it is not: int8 and numeric stay strings (no silent precision loss), and
 * calendar dates and zone-less timestamps stay strings (node-postgres would read them in the
 * process's local time zone). timestamptz becomes a Date on both.
 */
const OID = {
  bytea: 17,
  int8: 20,
  textArray: 1009,
  date: 1082,
  timestamp: 1114,
  timestampArray: 1115,
  dateArray: 1182,
  interval: 1186,
  intervalArray: 1187,
  numericArray: 1231,
} as const;

const asText = (value: string) => value;

/** pg-types' enum names only scalar types; array OIDs are valid ids all the same. */
type TypeId = Parameters<typeof types.getTypeParser>[0];

/** node-postgres parsers that differ from its defaults, given to each pool rather than set process-wide. */
export function postgresColumnTypes(): CustomTypesConfig {
  const textArray = types.getTypeParser(OID.textArray as TypeId, 'text');
  const overrides = new Map<number, (value: string) => unknown>([
    [OID.date, asText],
    [OID.timestamp, asText],
    [OID.interval, asText],
    [OID.dateArray, textArray],
    [OID.timestampArray, textArray],
    [OID.intervalArray, textArray],
    [OID.numericArray, textArray],
  ]);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => overrides.get(oid) ?? types.getTypeParser(oid as TypeId, format)) as CustomTypesConfig['getTypeParser'],
  };
}

/** PGlite parsers that differ from its defaults; PGlite applies them to array elements too. */
export const pgliteColumnParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: asText,
  [OID.date]: asText,
  [OID.timestamp]: asText,
  // PGlite reads bytea as a Uint8Array; node-postgres gives a Buffer. Text form is \x followed by hex.
  [OID.bytea]: (value: string) => Buffer.from(value.slice(2), 'hex'),
};
