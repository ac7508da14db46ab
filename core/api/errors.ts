/**
 * API errors: every failure is a 4xx (or, for a fault of the server itself, 500) JSON body
 * `{ "error": { "code", "message" } }`. Bad input never produces a 5xx.
 */
import type { ProtoErrorCode } from '../errors.ts';

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
  | 'internal';

/** Any code an API error may carry: request faults, or the protocol's reason for rejecting a block. */
export type ApiErrorCode = RequestErrorCode | ProtoErrorCode;

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

/** An error response: HTTP status and body. */
export interface ApiFailure {
  status: 400 | 404 | 408 | 413 | 415 | 429 | 431 | 500;
  body: ApiErrorBody;
}

/** Builds an error response. */
export function apiError(status: ApiFailure['status'], code: ApiErrorCode, message: string): ApiFailure {
  return { status, body: { error: { code, message } } };
}

/** Either a parsed value or the error response to send instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** A successful parse. */
export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse answered with 400 and `code`. */
export function bad<T>(code: ApiErrorCode, message: string): Parsed<T> {
  return { ok: false, failure: apiError(400, code, message) };
}
