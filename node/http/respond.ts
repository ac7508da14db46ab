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
