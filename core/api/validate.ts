/**
 * Strict validators of path parameters, query strings and bodies, shared by every server and client
 * of the API. Each returns the parsed value or the 400 response to send; none throws.
 */
import { fromHex } from '../bytes.ts';
import { bad, ok, type Parsed } from './errors.ts';
import { AFTER_QUERY, HASH_PARAM, LIMIT_QUERY, matches, type Schema, SUBCHAIN_PARAM } from './schema.ts';

/** Largest page of tokens a client may ask for. */
export const MAX_PAGE = 1000;
/** Page size when `limit` is absent. */
export const DEFAULT_PAGE = 100;
/** Largest accepted body of `POST /v1/tokens`: a merge block as hex, with room for a JSON wrapper. */
export const MAX_SUBMIT_BODY = 1024;

/** A token hash in a path: exactly 64 lowercase hex digits. */
export function parseHash(text: string): Parsed<Uint8Array> {
  const hash = matches(HASH_PARAM, text) ? fromHex(text, 32) : undefined;
  return hash ? ok(hash) : bad('bad-hash', 'a token hash is 64 lowercase hex digits');
}

/** A subchain id in a path: `validator`, `proposal` or `congress:<64 lowercase hex digits>`. */
export function parseSubchain(text: string): Parsed<string> {
  if (matches(SUBCHAIN_PARAM, text)) return ok(text);
  return bad('bad-subchain', 'a subchain is validator, proposal or congress:<proposal id as 64 hex digits>');
}

/** A page request: `after` (a canonical position, default 0) and `limit` (1 to 1000, default 100). */
export interface PageQuery {
  after: number;
  limit: number;
}

/** Parses the query of a page request; unknown or repeated parameters are errors. */
export function parsePageQuery(query: Record<string, string[]>): Parsed<PageQuery> {
  for (const [key, values] of Object.entries(query)) {
    if (key !== 'after' && key !== 'limit') return bad('bad-query', `unknown query parameter "${key}"`);
    if (values.length !== 1) return bad('bad-query', `query parameter "${key}" is repeated`);
  }
  const after = decimal(query.after?.[0], AFTER_QUERY, 0, Number.MAX_SAFE_INTEGER, 0);
  if (after === undefined) return bad('bad-query', '"after" must be a decimal integer >= 0');
  const limit = decimal(query.limit?.[0], LIMIT_QUERY, 1, MAX_PAGE, DEFAULT_PAGE);
  if (limit === undefined) return bad('bad-query', `"limit" must be a decimal integer from 1 to ${MAX_PAGE}`);
  return ok({ after, limit });
}

function decimal(
  text: string | undefined,
  schema: Schema,
  min: number,
  max: number,
  absent: number,
): number | undefined {
  if (text === undefined) return absent;
  if (!matches(schema, text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The block in a `POST /v1/tokens` body, by content type: `application/octet-stream` carries the
 * bytes, `text/plain` carries lowercase hex (surrounding white space allowed), `application/json`
 * carries `{"raw": "<hex>"}`. Only the encoding is checked here; the node validates the block.
 */
export function parseSubmitBody(mediaType: string, body: Uint8Array): Parsed<Uint8Array> {
  if (body.length > MAX_SUBMIT_BODY)
    return bad('body-too-large', `the body is over ${MAX_SUBMIT_BODY} bytes`);
  if (mediaType === 'application/octet-stream') return ok(body);
  const text = new TextDecoder().decode(body);
  if (mediaType === 'text/plain') return hexBlock(text.trim());
  if (mediaType === 'application/json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return bad('bad-body', 'the body is not valid JSON');
    }
    const keys = json !== null && typeof json === 'object' ? Object.keys(json) : [];
    const raw = (json as { raw?: unknown } | null)?.raw;
    if (keys.length !== 1 || typeof raw !== 'string')
      return bad('bad-body', 'the JSON body must be {"raw": "<hex>"}');
    return hexBlock(raw);
  }
  return {
    ok: false,
    failure: {
      status: 415,
      body: {
        error: {
          code: 'unsupported-media-type',
          message: 'send application/octet-stream, text/plain (hex) or application/json {"raw": "<hex>"}',
        },
      },
    },
  };
}

function hexBlock(text: string): Parsed<Uint8Array> {
  const bytes = fromHex(text);
  return bytes ? ok(bytes) : bad('bad-body', 'the block must be an even number of lowercase hex digits');
}
