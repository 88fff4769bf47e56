// How column values come back from PostgreSQL, the same on both drivers: `int8` as `bigint` (money never passes
// through a float, even above 2^53), `numeric` as its exact decimal text, `date` as its ISO text (a calendar day,
// not an instant in a time zone) and timestamps as their text.
export const PG_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

const asText = (value: string): string => value;

export const TEXT_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [PG_TYPE.INT8]: (value: string) => BigInt(value),
  [PG_TYPE.NUMERIC]: asText,
  [PG_TYPE.DATE]: asText,
  [PG_TYPE.TIMESTAMP]: asText,
  [PG_TYPE.TIMESTAMPTZ]: asText,
};
