/** JSON values, as stored in the text columns that keep a record's before and after (the audit log). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** JSON.parse, typed: what JSON.stringify wrote reads back as a JSON value. */
export function parseJson(text: string): JsonValue {
  return JSON.parse(text);
}
