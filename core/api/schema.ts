/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses) building blocks for the v1 API: the path and query
 * parameters the validators in validate.ts check against, and helpers for response bodies.
 */

/** A JSON Schema object. */
export type Schema = { [key: string]: unknown };

/** Lowercase hex of exactly `bytes` bytes. */
export function hex(bytes: number, description?: string): Schema {
  return { type: 'string', pattern: `^[0-9a-f]{${2 * bytes}}$`, ...(description ? { description } : {}) };
}

/** Lowercase hex of any even length. */
export const HEX: Schema = { type: 'string', pattern: '^([0-9a-f]{2})*$' };

/** A decimal integer as a string (values that may pass 2^53). */
export const DECIMAL: Schema = { type: 'string', pattern: '^(0|[1-9][0-9]*)$' };

/** A safe JSON integer >= 0. */
export const UINT: Schema = { type: 'integer', minimum: 0 };

/** An object whose listed properties are all required and no others allowed. */
export function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', properties, required, additionalProperties: false };
}

/** `schema` or null. */
export function nullable(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** An array of `items`. */
export function array(items: Schema): Schema {
  return { type: 'array', items };
}

/** Path parameter: a 32-byte hash or key, 64 lowercase hex digits. */
export const HASH_PARAM = hex(32);
/** Path parameter: a subchain id. */
export const SUBCHAIN_PARAM: Schema = {
  type: 'string',
  pattern: '^(validator|proposal|congress:[0-9a-f]{64})$',
};
/** Path parameter: a ledger height >= 1. */
export const HEIGHT_PARAM: Schema = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' };
/** Query parameter `after` of a token page. */
export const AFTER_QUERY: Schema = { type: 'string', pattern: '^(0|[1-9][0-9]{0,15})$' };
/** Query parameter `limit` of a token page (1 to MAX_PAGE, checked as a number too). */
export const LIMIT_QUERY: Schema = { type: 'string', pattern: '^[1-9][0-9]{0,3}$' };

/** True when `text` matches the `pattern` of a string schema. */
export function matches(schema: Schema, text: string): boolean {
  return new RegExp(schema.pattern as string).test(text);
}
