/**
 * API errors: every failure is a 4xx (or, for a fault of the server itself, 500) JSON body
 * `{ "error": { "code", "message", "action" } }`. Bad input never produces a 5xx. `action` tells the
 * client what to do, as a ProtoError's does for a host: `penalize` (the request is wrong as sent: do
 * not send it again unchanged), `ignore` (nothing to do: not found, already known), `retry` (it may
 * succeed later).
 */
import type { ErrorAction, ProtoError, ProtoErrorCode } from '../errors.ts';

/** Codes for requests that are malformed before any protocol rule is checked. */
export type RequestErrorCode =
  | 'bad-hash'
  | 'bad-subchain'
  | 'bad-query'
  | 'bad-body'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'not-found'
  | 'bad-request'
  | 'upgrade-unsupported'
  | 'too-many-connections'
  | 'aborted'
  | 'request-timeout'
  | 'headers-too-large'
  | 'internal'
  /** The edge has no UPSTREAM node to ask (GET /v1/accounts/{key} at the edge). */
  | 'no-upstream'
  /** The UPSTREAM node did not answer, or answered what the edge could not verify. */
  | 'upstream-failed';

/** Any code an API error may carry: request faults, or the protocol's reason for rejecting a block. */
export type ApiErrorCode = RequestErrorCode | ProtoErrorCode;

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; action: ErrorAction };
}

/** An error response: HTTP status and body. */
export interface ApiFailure {
  status: 400 | 404 | 408 | 413 | 415 | 429 | 431 | 500 | 502 | 503;
  body: ApiErrorBody;
}

/** Builds an error response; `action` defaults to `retry` for a 500, `ignore` for a 404, else `penalize`. */
export function apiError(
  status: ApiFailure['status'],
  code: ApiErrorCode,
  message: string,
  action: ErrorAction = status >= 500 ? 'retry' : status === 404 ? 'ignore' : 'penalize',
): ApiFailure {
  return { status, body: { error: { code, message, action } } };
}

/** The 400 answer for a protocol error, with its code and action. */
export function protoApiError(e: ProtoError): ApiFailure {
  return apiError(400, e.code, e.message, e.action);
}

/** Either a parsed value or the error response to send instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** A successful parse. */
export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse answered with 400 and `code`. */
export function bad<T>(code: ApiErrorCode, message: string, action?: ErrorAction): Parsed<T> {
  return { ok: false, failure: apiError(400, code, message, action) };
}
