/** Judging a peer's `hello`. */
import { equalBytes, toHex } from '../../core/bytes.ts';
import type { Message } from '../../core/p2p/codec.ts';
import { P2P_VERSION } from '../../core/p2p/limits.ts';
import type { Peer } from './peer.ts';

/** Why a hello is refused, 'self' for a connection to this very node, or 'ok'. */
export type HelloVerdict = { refuse: string } | 'self' | 'ok';

/** Checks version, chain, self-connection and bans. */
export function judgeHello(
  m: Extract<Message, { type: 'hello' }>,
  ours: { chainId: Uint8Array; nodeId: Uint8Array },
  banned: (id: string) => boolean,
): HelloVerdict {
  if (m.version !== P2P_VERSION) return { refuse: `protocol version ${m.version}, not ${P2P_VERSION}` };
  if (!equalBytes(m.chainId, ours.chainId)) return { refuse: 'another chain (genesis differs)' };
  if (equalBytes(m.nodeId, ours.nodeId)) return 'self';
  if (banned(toHex(m.nodeId))) return { refuse: 'banned' };
  return 'ok';
}

/**
 * Two nodes that dial each other at once end up with two connections to the same node id. Both keep
 * the one dialled by the node with the smaller id, so they agree which to close. Returns whether the
 * new connection `peer` stays (when it does, the caller closes `other`).
 */
export function keepsNewConnection(ourId: string, peer: Peer, other: Peer): boolean {
  const keepOutbound = ourId < peer.id;
  return peer.inbound !== other.inbound && peer.inbound !== keepOutbound;
}
