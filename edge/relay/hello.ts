/** The hub's side of the handshake: its own hello, and judging a peer's. */
import { concatBytes, equalBytes } from '../../core/bytes.ts';
import type { Message } from '../../core/p2p/codec.ts';
import { P2P_VERSION } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';

const EDGE_DOMAIN = new TextEncoder().encode('proto/edge');

/** The edge's node id: fixed per network, so a node given two URLs of one edge keeps one connection. */
export function edgeNodeId(chainId: Uint8Array): Uint8Array {
  return blake3Hash(concatBytes(EDGE_DOMAIN, chainId));
}

/** The hello the hub sends first on every connection; it listens nowhere (port 0). */
export function edgeHello(chainId: Uint8Array): Message {
  return { type: 'hello', version: P2P_VERSION, chainId, nodeId: edgeNodeId(chainId), listenPort: 0 };
}

/** Why a peer's hello is refused, or undefined when it is accepted. */
export function judgeHello(m: Extract<Message, { type: 'hello' }>, chainId: Uint8Array): string | undefined {
  if (m.version !== P2P_VERSION) return `protocol version ${m.version}, not ${P2P_VERSION}`;
  if (!equalBytes(m.chainId, chainId)) return 'wrong-chain: another chain (genesis differs)';
  if (equalBytes(m.nodeId, edgeNodeId(chainId))) return 'the edge node id';
  return undefined;
}
