/**
 * What the hub keeps per connection, in the socket's attachment (`serializeAttachment`) so it survives
 * hibernation: the handshake, the frame budget (a token bucket) and the requests the hub sent.
 */
import { MAX_INFLIGHT } from '../../core/p2p/limits.ts';

/** Frames a connection may send at once, and frames per second it regains. */
export const FRAME_BURST = 400;
export const FRAMES_PER_SECOND = 200;

/** A request the hub sent on this connection and still awaits. */
export interface Ask {
  id: number;
  kind: 'getTokens' | 'getBlocks' | 'getLedgerBlocks';
  subchain?: string;
}

export interface Session {
  /** The peer's hello arrived and was accepted. */
  ready: boolean;
  /** The peer's node id (hex), once ready. */
  node: string;
  /** Frames left in the bucket, and when it was last refilled (ms). */
  budget: number;
  refilled: number;
  /** Open requests of the hub on this connection, at most MAX_INFLIGHT. */
  asks: Ask[];
  nextId: number;
  /** The highest ledger head the peer announced. */
  ledgerHead: number;
}

export function newSession(now: number): Session {
  return { ready: false, node: '', budget: FRAME_BURST, refilled: now, asks: [], nextId: 1, ledgerHead: 0 };
}

/** Refills the bucket for the time passed and takes one frame; false when it is empty. */
export function takeFrame(s: Session, now: number): boolean {
  const elapsed = Math.max(0, now - s.refilled);
  s.budget = Math.min(FRAME_BURST, s.budget + (elapsed * FRAMES_PER_SECOND) / 1000);
  s.refilled = now;
  if (s.budget < 1) return false;
  s.budget -= 1;
  return true;
}

/** Records a request and returns its id, or undefined when MAX_INFLIGHT are open (or one of `kind` for `subchain`). */
export function openAsk(s: Session, kind: Ask['kind'], subchain?: string): number | undefined {
  if (s.asks.length >= MAX_INFLIGHT) return undefined;
  if (s.asks.some((a) => a.kind === kind && a.subchain === subchain)) return undefined;
  const id = s.nextId++;
  s.asks.push(subchain === undefined ? { id, kind } : { id, kind, subchain });
  return id;
}

/** Closes the request an answer of `kind` with `id` answers; undefined when there is none. */
export function settleAsk(s: Session, kind: Ask['kind'], id: number): Ask | undefined {
  const i = s.asks.findIndex((a) => a.id === id && a.kind === kind);
  if (i < 0) return undefined;
  return s.asks.splice(i, 1)[0];
}
