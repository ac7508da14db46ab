/**
 * The ledger over the p2p transport: consensus messages in and out, relaying what moved the core,
 * head announcements, answers to catch-up requests, transaction gossip, and the paper's gossip
 * assumption: while a height stalls, the node re-sends its own messages and relays the votes of its
 * current and previous rounds (test/sim/host.ts does the same).
 */
import { toHex } from '../../core/bytes.ts';
import { votesOf } from '../../core/consensus/index.ts';
import type { LedgerMessage } from '../../core/p2p/ledger-codec.ts';
import { LEDGER_BATCH_BYTES, PENALTY } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { Handler, Network } from '../p2p/network.ts';
import type { Peer, Pending } from '../p2p/peer.ts';
import type { CatchUp } from './catchup.ts';
import type { LedgerChain } from './chain.ts';
import type { ConsensusMessage } from './early.ts';
import type { ConsensusHost } from './host.ts';
import type { Inbox } from './inbox.ts';
import type { Mempool } from './mempool.ts';
import { TxRelay } from './tx-relay.ts';

/** How often a stalled height re-sends, and how many random peers get the relayed votes. */
export const GOSSIP_INTERVAL_MS = 1000;
export const RELAY_FANOUT = 2;
/** Least time between two heads sent to one lagging peer. */
const STATUS_REPLY_MS = 1000;

export interface GossipParts {
  net: Network;
  chain: LedgerChain;
  host: ConsensusHost;
  inbox: Inbox;
  catchUp: CatchUp;
  mempool: Mempool;
  log(line: string): void;
}

export class LedgerGossip implements Handler {
  private readonly p: GossipParts;
  private readonly replied = new WeakMap<Peer, number>();
  private readonly relay: TxRelay;
  private progress = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(parts: GossipParts) {
    this.p = parts;
    this.relay = new TxRelay(parts.net);
    parts.chain.onCommit((c) => parts.net.broadcast({ type: 'ledgerStatus', head: c.height }));
  }

  start(): void {
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (e) {
        this.p.log(`ledger: gossip tick failed: ${(e as Error).message ?? e}`);
      }
    }, GOSSIP_INTERVAL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.relay.stop();
  }

  onReady(peer: Peer): void {
    peer.send({ type: 'ledgerStatus', head: this.p.chain.height });
  }

  onClose(peer: Peer): void {
    this.p.catchUp.release(peer, true);
  }

  onTimeout(peer: Peer, late: Pending[]): void {
    this.p.net.penalize(peer, PENALTY.timeout * late.length, 'ledger request timed out');
    this.p.catchUp.release(peer, true);
  }

  onMessage(peer: Peer, m: LedgerMessage): void {
    if (m.type === 'ledgerStatus') this.p.catchUp.setHead(peer, m.head);
    else if (m.type === 'ledgerProposal') {
      const { proposal, block, pol } = m;
      this.consensus(peer, m, { kind: 'proposal', proposal, block, pol });
    } else if (m.type === 'ledgerVote') this.consensus(peer, m, { kind: 'vote', vote: m.vote });
    else if (m.type === 'getLedgerBlocks') {
      if (peer.allowRequest(Date.now()))
        peer.send({ type: 'ledgerBlocks', id: m.id, blocks: this.serve(m.from, m.count) });
      else this.p.net.penalize(peer, PENALTY.flood, 'too many requests');
    } else if (m.type === 'ledgerBlocks') {
      if (peer.settle(m.id, 'getLedgerBlocks')) this.p.catchUp.onBlocks(peer, m.blocks);
      else this.p.net.penalize(peer, PENALTY.unsolicited, 'unrequested ledger blocks');
    } else this.txs(peer, m.txs);
  }

  /** Sends a transaction this node admitted from a client to every peer (batched, tx-relay.ts). */
  announceTx(raw: Uint8Array): void {
    this.relay.add(toHex((this.p.chain.env.hash ?? blake3Hash)(raw)), raw);
  }

  private consensus(peer: Peer, m: LedgerMessage, msg: ConsensusMessage): void {
    const verdict = this.p.inbox.receive(msg);
    if (verdict === 'bad') this.p.net.penalize(peer, PENALTY.invalidBlock, `invalid ${m.type}`);
    else if (verdict === 'changed') this.p.net.broadcast(m, peer);
    else if (verdict === 'old') this.replyHead(peer);
    else if (verdict === 'ahead') this.p.catchUp.update();
  }

  /** Tells a lagging peer our head, at most once per STATUS_REPLY_MS, so it catches up. */
  private replyHead(peer: Peer): void {
    const now = Date.now();
    if ((this.replied.get(peer) ?? 0) + STATUS_REPLY_MS > now) return;
    this.replied.set(peer, now);
    peer.send({ type: 'ledgerStatus', head: this.p.chain.height });
  }

  /** Committed blocks from `from`: one of any size, more while they total at most LEDGER_BATCH_BYTES. */
  private serve(from: number, count: number): { block: Uint8Array; commit: Uint8Array }[] {
    const out: { block: Uint8Array; commit: Uint8Array }[] = [];
    let bytes = 0;
    for (const row of this.p.chain.rows(from, count)) {
      const size = row.block.length + row.commit.length;
      if (out.length > 0 && bytes + size > LEDGER_BATCH_BYTES) break;
      out.push({ block: row.block, commit: row.commit });
      bytes += size;
    }
    return out;
  }

  /**
   * Admits a peer's transactions; fresh ones are relayed to the other peers. A refusal with action
   * `penalize` (provably invalid on any state: malformed, badly signed) penalises the peer and drops
   * the rest of its batch; others (used nonce, not confirmed yet) are the peer's state, not its fault.
   */
  private txs(peer: Peer, txs: Uint8Array[]): void {
    for (const raw of txs) {
      const a = this.p.mempool.add(raw, this.p.chain.state, this.p.chain.env);
      if (a.ok && a.fresh) this.relay.add(a.hash, raw, peer);
      else if (a.ok) this.relay.heldBy(a.hash, peer);
      else if (a.error.action === 'penalize') {
        this.p.net.penalize(peer, PENALTY.invalidBlock, `invalid transaction: ${a.error.code}`);
        return;
      }
    }
  }

  /** Re-sends and relays while the current height makes no progress; retries catch-up. */
  private tick(): void {
    this.p.catchUp.update();
    const s = this.p.host.state;
    const progress = `${s.height}/${s.round}/${s.step}/${s.decision !== null}`;
    const stalled = progress === this.progress && s.decision === null && s.height === this.p.chain.height + 1;
    this.progress = progress;
    if (!stalled) return;
    for (const m of this.p.host.sent) {
      if (m.kind === 'vote') this.p.net.broadcast({ type: 'ledgerVote', vote: m.vote });
      else {
        const block = this.p.host.candidates.get(m.proposal.value)?.bytes;
        if (block) this.p.net.broadcast({ type: 'ledgerProposal', proposal: m.proposal, block, pol: m.pol });
      }
    }
    const peers = this.p.net.ready();
    const votes = [s.round - 1, s.round].flatMap((r) => [
      ...votesOf(s, r, 'prevote'),
      ...votesOf(s, r, 'precommit'),
    ]);
    for (let i = 0; i < Math.min(RELAY_FANOUT, peers.length); i++) {
      const peer = peers[Math.floor(Math.random() * peers.length)]!;
      for (const vote of votes) peer.send({ type: 'ledgerVote', vote });
    }
  }
}
