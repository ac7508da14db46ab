import type { Context } from 'hono';
import type { ApiFailure, Parsed } from '../../core/api/errors.ts';

/** Sends a failure as its JSON error response. */
export function fail(c: Context, failure: ApiFailure): Response {
  return c.json(failure.body, failure.status);
}

/** A response thrown out of a handler; the app's error handler sends it as is. */
export class FailureResponse extends Error {
  readonly response: Response;
  constructor(response: Response) {
    super('request failed validation');
    this.response = response;
  }
}

/** The parsed value, or a thrown failure response. */
export function need<T>(c: Context, parsed: Parsed<T>): T {
  if (!parsed.ok) throw new FailureResponse(fail(c, parsed.failure));
  return parsed.value;
}

/**
 * True when `e` comes from a client that left before its request was read (a body cut short, a
 * reset connection): the client's doing, answered 400 `aborted` and not logged as a server fault.
 */
export function isClientAbort(c: Context, e: unknown): boolean {
  const incoming = (c.env as { incoming?: { destroyed?: boolean; readableAborted?: boolean } } | undefined)
    ?.incoming;
  const code = (e as { code?: unknown } | null)?.code;
  const gone = incoming?.destroyed === true || incoming?.readableAborted === true;
  return gone && (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR');
}
