/**
 * The checks every incoming frame passes, in order, before the hub acts on it: binary, at most
 * MAX_FRAME bytes (checked before decoding), within the connection's frame budget, and a strict
 * decode. A failure names the close code and reason the connection is closed with.
 */
import { isProtoError } from '../../core/errors.ts';
import { decodeMessage, type Message } from '../../core/p2p/codec.ts';
import { MAX_FRAME } from '../../core/p2p/limits.ts';
import { type Session, takeFrame } from './session.ts';

/** Close codes (RFC 6455 §7.4.1). */
export const CLOSE = {
  protocol: 1002,
  unsupported: 1003,
  invalidData: 1007,
  policy: 1008,
  tooBig: 1009,
} as const;

export type Refusal = { code: number; reason: string };
export type Gated = { ok: true; frame: Uint8Array; message: Message } | ({ ok: false } & Refusal);

/** Runs the checks on `data`; spends one frame of `session`'s budget (the caller saves it). */
export function gate(data: string | ArrayBuffer, session: Session, now: number): Gated {
  if (typeof data === 'string')
    return refuse(CLOSE.unsupported, 'text frame: the relay speaks binary p2p frames');
  if (data.byteLength > MAX_FRAME)
    return refuse(CLOSE.tooBig, `frame of ${data.byteLength} bytes, more than ${MAX_FRAME}`);
  if (!takeFrame(session, now)) return refuse(CLOSE.policy, 'rate-limited: too many frames');
  const frame = new Uint8Array(data);
  try {
    return { ok: true, frame, message: decodeMessage(frame) };
  } catch (e) {
    if (!isProtoError(e)) throw e;
    return refuse(CLOSE.invalidData, `malformed frame: ${e.message}`);
  }
}

export function refuse(code: number, reason: string): { ok: false } & Refusal {
  // A close reason is at most 123 bytes of UTF-8.
  return { ok: false, code, reason: reason.slice(0, 120) };
}
