/**
 * The double-sign guard's file: JSON `{ publicKey, height, round, step, value, timestamp, signature }`,
 * parsed strictly. A file that does not parse is an error, never "nothing signed yet".
 */
import { existsSync, readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../core/bytes.ts';
import type { SignPosition, Step } from '../../core/consensus/index.ts';

/** What the validator signed last. `value` is the vote's valueKey, or for a proposal `valueKey/validRound`. */
export interface LastSign {
  publicKey: Uint8Array;
  position: SignPosition;
  value: string;
  /** The vote's timestamp (0 for a proposal). */
  timestamp: bigint;
  signature: Uint8Array;
}

const STEPS: readonly Step[] = ['propose', 'prevote', 'precommit'];
const VALUE = /^(nil|[0-9a-f]{64})(\/(-1|0|[1-9][0-9]{0,9}))?$/;

/** The file's bytes for `s`. */
export function encodeLastSign(s: LastSign): Uint8Array {
  const { height, round, step } = s.position;
  const json = {
    publicKey: toHex(s.publicKey),
    height,
    round,
    step,
    value: s.value,
    timestamp: s.timestamp.toString(),
    signature: toHex(s.signature),
  };
  return new TextEncoder().encode(`${JSON.stringify(json)}\n`);
}

/** Strict inverse of encodeLastSign; throws on any fault. */
export function decodeLastSign(bytes: Uint8Array): LastSign {
  const j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Record<string, unknown>;
  const publicKey = typeof j.publicKey === 'string' ? fromHex(j.publicKey, 32) : undefined;
  const signature = typeof j.signature === 'string' ? fromHex(j.signature, 64) : undefined;
  const { height, round, step, value, timestamp } = j;
  const ok =
    publicKey &&
    signature &&
    Number.isSafeInteger(height) &&
    (height as number) >= 0 &&
    Number.isSafeInteger(round) &&
    (round as number) >= 0 &&
    STEPS.includes(step as Step) &&
    typeof value === 'string' &&
    VALUE.test(value) &&
    typeof timestamp === 'string' &&
    /^(0|[1-9][0-9]{0,18})$/.test(timestamp) &&
    Object.keys(j).length === 7;
  if (!ok) throw new Error('malformed double-sign guard record');
  const position = { height: height as number, round: round as number, step: step as Step };
  return { publicKey, signature, position, value, timestamp: BigInt(timestamp) };
}

/** The record at `path`, null when there is no file. Throws, naming the file, when it is corrupt. */
export function readLastSign(path: string): LastSign | null {
  if (!existsSync(path)) return null;
  try {
    return decodeLastSign(new Uint8Array(readFileSync(path)));
  } catch (e) {
    throw new Error(
      `${path} is corrupt (${(e as Error).message}): the validator will not sign until it is repaired`,
    );
  }
}
