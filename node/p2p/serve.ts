/** Answers to peers' requests, read from the chain. */
import { equalBytes } from '../../core/bytes.ts';
import { isAddress, type Message } from '../../core/p2p/codec.ts';
import { MAX_PEER_ADDRESSES, MAX_STATUS_TIPS } from '../../core/p2p/limits.ts';
import type { Chain } from '../chain.ts';
import type { Network } from './network.ts';
import type { Peer } from './peer.ts';

/** Our best tips (subchains with blocks only), for `status`. */
export function statusOf(chain: Chain): Extract<Message, { type: 'status' }> {
  const dag = chain.dag;
  const tips = dag
    .subchains()
    .map((id) => ({ id, tip: dag.tip(id) }))
    .filter(({ tip }) => !tip.root)
    .slice(0, MAX_STATUS_TIPS)
    .map(({ id, tip }) => ({ subchain: id, hash: tip.hash, aw: tip.aw, count: tip.count }));
  return { type: 'status', tips };
}

/**
 * Canonical tokens after the fork point the locator reveals: the first locator hash that is on our
 * selected chain (its canonical position is then its count). Without a locator, after `m.after`.
 */
export function serveTokens(chain: Chain, m: Extract<Message, { type: 'getTokens' }>): Message {
  const dag = chain.dag;
  if (!dag.subchains().includes(m.subchain)) return { type: 'tokens', id: m.id, start: 1, raws: [] };
  let after = m.locator.length > 0 ? 0 : m.after;
  for (const hash of m.locator) {
    const info = dag.info(hash);
    if (!info?.canonical || info.subchain !== m.subchain) continue;
    const atCount = dag.canonical(m.subchain, info.count - 1, 1)[0];
    if (atCount && equalBytes(atCount, hash)) {
      after = info.count;
      break;
    }
  }
  const raws = rawsOf(chain, dag.canonical(m.subchain, after, m.limit));
  return { type: 'tokens', id: m.id, start: after + 1, raws };
}

/** The stored bytes of the blocks we hold among `hashes`. */
export function rawsOf(chain: Chain, hashes: Uint8Array[]): Uint8Array[] {
  return hashes.map((h) => chain.raw(h)).filter((r) => r !== undefined);
}

/** Listen addresses of our peers and address book, for `peers`, without the asking peer's own. */
export function addressesFor(net: Network, peer: Peer): string[] {
  const live = net
    .ready()
    .filter((p) => !p.edge)
    .map((p) => p.address);
  const known = [...new Set([...live, ...net.book.all()])];
  return known.filter((a) => a !== peer.address && isAddress(a)).slice(0, MAX_PEER_ADDRESSES);
}
