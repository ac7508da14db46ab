/**
 * The token-chain protocol over `Network`: status exchange, gossip of new blocks, answers to
 * requests, fetching missing parents, and sync (sync.ts).
 */
import { toHex } from '../../core/bytes.ts';
import type { Message, Tip } from '../../core/p2p/codec.ts';
import { MAX_GET_BLOCKS, PENALTY } from '../../core/p2p/limits.ts';
import { OFFSET, TOKEN_TYPE_NAMES, type TokenType } from '../../core/token/block.ts';
import type { Accepted, Chain, SubmitResult } from '../chain.ts';
import type { Handler, Network } from './network.ts';
import type { Peer, Pending } from './peer.ts';
import { addressesFor, rawsOf, serveTokens, statusOf } from './serve.ts';
import { Sync } from './sync.ts';

/** Parents being fetched at once (their hashes), so each is asked for once. */
const MAX_WANTED = 256;
const KIND = OFFSET.kind;
/** Least time between two `status` broadcasts. */
const STATUS_INTERVAL_MS = 1000;

export class Protocol implements Handler {
  private readonly chain: Chain;
  private readonly net: Network;
  readonly sync: Sync;
  private readonly wanted = new Set<string>();
  private statusTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(chain: Chain, net: Network, log: (line: string) => void) {
    this.chain = chain;
    this.net = net;
    this.sync = new Sync(chain, (peer, raws) => this.submit(peer, raws, true), log);
    chain.onAccepted((accepted, bulk) => this.announce(accepted, bulk));
  }

  onReady(peer: Peer): void {
    peer.send(statusOf(this.chain));
    peer.send({ type: 'getPeers' });
  }

  onClose(peer: Peer): void {
    this.chain.orphans.dropOrigin(peer.id);
    this.sync.release(peer, this.net.ready());
  }

  onTimeout(peer: Peer, late: Pending[]): void {
    this.net.penalize(peer, PENALTY.timeout * late.length, 'request timed out');
    this.sync.release(peer, this.net.ready());
  }

  onMessage(peer: Peer, m: Message): void {
    const request =
      m.type === 'getTokens' || m.type === 'getBlocks' || m.type === 'getPeers' || m.type === 'status';
    if (request && !peer.allowRequest(Date.now())) {
      this.net.penalize(peer, PENALTY.flood, 'too many requests');
      return;
    }
    switch (m.type) {
      case 'status':
        this.onStatus(peer, m.tips);
        return;
      case 'block':
        this.submit(peer, [m.raw], false);
        return;
      case 'getTokens':
        peer.send(serveTokens(this.chain, m));
        return;
      case 'getBlocks':
        peer.send({ type: 'blocks', id: m.id, raws: rawsOf(this.chain, m.hashes) });
        return;
      case 'tokens':
        this.onTokens(peer, m);
        return;
      case 'blocks':
        this.onBlocks(peer, m);
        return;
      case 'getPeers':
        peer.send({ type: 'peers', addresses: addressesFor(this.net, peer) });
        return;
      case 'peers':
        if (!peer.edge) for (const a of m.addresses) this.net.book.learn(a);
        return;
    }
  }

  private onStatus(peer: Peer, tips: Tip[]): void {
    peer.tips.clear();
    for (const t of tips) peer.tips.set(t.subchain, t);
    this.sync.update(this.net.ready());
  }

  private onTokens(peer: Peer, m: Extract<Message, { type: 'tokens' }>): void {
    const pending = peer.settle(m.id, 'getTokens');
    if (!pending) {
      this.net.penalize(peer, PENALTY.unsolicited, 'unrequested tokens');
      return;
    }
    this.sync.onTokens(peer, pending.window!, pending.subchain!, m, this.net.ready());
  }

  private onBlocks(peer: Peer, m: Extract<Message, { type: 'blocks' }>): void {
    if (!peer.settle(m.id, 'getBlocks')) {
      this.net.penalize(peer, PENALTY.unsolicited, 'unrequested blocks');
      return;
    }
    this.submit(peer, m.raws, false);
  }

  /** Submits blocks from `peer`, penalises rule breakers and asks the peer for missing parents. */
  private submit(peer: Peer, raws: Uint8Array[], bulk: boolean): SubmitResult {
    const result = this.chain.submit(raws, { origin: peer.id, bulk });
    const missing: Uint8Array[] = [];
    result.outcomes.forEach((o, i) => {
      if (o.status === 'invalid' && o.error.action === 'penalize') this.punish(peer, o.error.code);
      // While a subchain syncs, its gaps are filled in bulk rather than parent by parent.
      const syncing = this.sync.active(TOKEN_TYPE_NAMES[(raws[i]![KIND] & 0x7f) as TokenType] ?? '');
      if (o.status === 'orphan' && !bulk && !syncing && this.want(o.missing)) missing.push(o.missing);
    });
    for (const f of result.faults) {
      const origin = this.net.ready().find((p) => p.id === f.origin);
      if (origin && f.error.action === 'penalize') this.punish(origin, f.error.code);
    }
    for (const a of result.accepted) this.wanted.delete(toHex(a.hash));
    if (missing.length > 0) peer.request({ type: 'getBlocks', hashes: missing.slice(0, MAX_GET_BLOCKS) });
    return result;
  }

  private punish(peer: Peer, code: string): void {
    this.chain.orphans.dropOrigin(peer.id);
    this.net.penalize(peer, PENALTY.invalidBlock, `invalid block: ${code}`);
  }

  /** Records `hash` as being fetched; false when it already is or too many are. */
  private want(hash: Uint8Array): boolean {
    const key = toHex(hash);
    if (this.wanted.has(key)) return false;
    if (this.wanted.size >= MAX_WANTED) this.wanted.delete(this.wanted.values().next().value!);
    this.wanted.add(key);
    return true;
  }

  /** Gossips fresh blocks (not bulk sync batches) and schedules a status broadcast when a tip moved. */
  private announce(accepted: Accepted[], bulk: boolean): void {
    if (!bulk) {
      for (const a of accepted) {
        const except = this.net.ready().find((p) => p.id === a.origin);
        this.net.broadcast({ type: 'block', raw: a.raw }, except);
      }
    }
    if (accepted.some((a) => a.tipChanged) && !this.statusTimer) {
      this.statusTimer = setTimeout(() => {
        this.statusTimer = undefined;
        this.net.broadcast(statusOf(this.chain));
      }, STATUS_INTERVAL_MS);
    }
  }

  stop(): void {
    clearTimeout(this.statusTimer);
  }
}
