/**
 * An in-process ledger network for host tests: n validators with real stores, WALs, guard files and
 * ledger state, joined by a reliable asynchronous bus instead of sockets. A node can be "killed"
 * (its host stops, nothing is flushed or closed first) and started again from its files.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../core/bytes.ts';
import { type TimeoutParams, votesOf } from '../../core/consensus/index.ts';
import { createLedgerTables } from '../../core/store/ledger-queries.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { chainId, makeGenesis, type NetworkParams, PRESETS } from '../../core/token/params.ts';
import { type TestRng, testRng } from '../../test/seed.ts';
import { nowNs } from '../chain.ts';
import type { Peer } from '../p2p/peer.ts';
import { openStore } from '../store/open.ts';
import { CatchUp } from './catchup.ts';
import { LedgerChain } from './chain.ts';
import type { ConsensusMessage } from './early.ts';
import { ConsensusHost, type HostOutputs } from './host.ts';
import { Inbox } from './inbox.ts';
import { Mempool } from './mempool.ts';
import { PrivValidator } from './privval.ts';
import { buildProposal } from './proposer.ts';
import { Wal } from './wal.ts';

const MS = 1_000_000n;
/** Short timeouts and a 200 ms block interval keep the tests fast. */
export const FAST_TIMEOUTS: TimeoutParams = {
  proposeBase: 400n * MS,
  proposeDelta: 100n * MS,
  prevoteBase: 200n * MS,
  prevoteDelta: 100n * MS,
  precommitBase: 200n * MS,
  precommitDelta: 100n * MS,
};

/** One signed message as it left a node: who, where, and the signature. */
export interface Signed {
  node: number;
  position: string;
  value: string;
  signature: string;
}

export interface TestNode {
  index: number;
  dir: string;
  key: { publicKey: Uint8Array; secretKey: Uint8Array };
  chain: LedgerChain;
  host: ConsensusHost;
  inbox: Inbox;
  alive: boolean;
  close(): void;
}

export class TestCluster {
  readonly params: NetworkParams;
  readonly nodes: TestNode[] = [];
  readonly signed: Signed[] = [];
  readonly evidence: string[] = [];
  private readonly root = mkdtempSync(join(tmpdir(), 'proto-ledger-'));
  private readonly keys: { publicKey: Uint8Array; secretKey: Uint8Array }[];
  /** Keys and message delays; its seed is printed when the test fails. */
  readonly rng: TestRng;

  constructor(n: number) {
    this.rng = testRng('ledger cluster');
    this.keys = Array.from({ length: n }, () => {
      const k = this.rng.keyPair();
      return { publicKey: k.publicKey, secretKey: k.secret };
    });
    this.params = makeGenesis(
      { ...PRESETS.devnet, blockInterval: 200n * MS, timeouts: FAST_TIMEOUTS },
      {
        genesisTime: nowNs(),
        vetoKey: this.keys[0]!.publicKey,
        validators: this.keys.map((k) => ({ key: k.publicKey, uses: 1000 })),
        balances: this.keys.map((k) => ({ key: k.publicKey, amount: 1_000_000n })),
      },
    );
    for (let i = 0; i < n; i++) this.nodes.push(this.open(i, join(this.root, `n${i}`)));
  }

  /** Opens node `i` from the files in `dir` (creating them), and starts it. */
  private open(i: number, dir: string): TestNode {
    mkdirSync(dir, { recursive: true });
    const id = chainId(this.params);
    const store = openStore(join(dir, 'chain.db'), toHex(id));
    createLedgerTables(store.db);
    const dag = new TokenDag(this.params);
    const chain = LedgerChain.open({ db: store.db, params: this.params, tokens: dag });
    const { wal, contents } = Wal.open(join(dir, 'consensus.wal'));
    const key = this.keys[i]!;
    const privval = PrivValidator.open(join(dir, 'privval.json'), key, id);
    const mempool = new Mempool();
    const outputs: HostOutputs = {
      proposal: (proposal, block, pol) => {
        this.record(
          i,
          `${proposal.height}/${proposal.round}/propose`,
          toHex(proposal.value),
          proposal.signature,
        );
        this.send(i, { kind: 'proposal', proposal, block, pol });
      },
      vote: (vote) => {
        const value = vote.value ? toHex(vote.value) : 'nil';
        this.record(i, `${vote.height}/${vote.round}/${vote.type}`, value, vote.signature);
        this.send(i, { kind: 'vote', vote });
      },
      evidence: (kind, first) => {
        this.evidence.push(`${kind} ${first.height}/${first.round}`);
      },
    };
    const host = new ConsensusHost({
      chain,
      wal,
      privval,
      blockInterval: this.params.blockInterval,
      build: (round) => buildProposal(chain, mempool, dag, round, nowNs()),
      outputs,
      now: nowNs,
      log: () => {},
    });
    const inbox = new Inbox(host, chain, id, outputs);
    const catchUp = new CatchUp(
      chain,
      host,
      () => {},
      () => {},
    );
    const peers = new Map<number, Peer>();
    const heads = setInterval(() => {
      for (const other of this.nodes) {
        if (other.index === i) continue;
        if (!peers.has(other.index)) peers.set(other.index, this.peer(i, other.index, catchUp));
        catchUp.setHead(peers.get(other.index)!, other.chain.height);
      }
      this.resend(i, host);
    }, 100);
    const node: TestNode = {
      index: i,
      dir,
      key,
      chain,
      host,
      inbox,
      alive: true,
      close: () => {
        clearInterval(heads);
        host.stop();
        wal.close();
        store.close();
      },
    };
    host.start(contents);
    return node;
  }

  /** A stand-in for the p2p peer `to` as node `from` sees it: requests are answered from `to`'s store. */
  private peer(from: number, to: number, catchUp: CatchUp): Peer {
    const peer = {
      request: (m: { from: number; count: number }) => {
        setTimeout(() => {
          const rows = this.nodes[to]!.chain.rows(m.from, m.count);
          if (this.nodes[from]!.alive)
            catchUp.onBlocks(
              peer,
              rows.map((r) => ({ block: r.block, commit: r.commit })),
            );
        }, 2);
        return 1;
      },
    } as unknown as Peer;
    return peer;
  }

  /**
   * The gossip assumption, as LedgerGossip provides it: messages lost while a node was down reach it
   * later, because every node keeps re-sending its own messages and the votes of its current round.
   */
  private resend(i: number, host: ConsensusHost): void {
    if (host.state.decision !== null) return;
    for (const m of host.sent) {
      if (m.kind === 'vote') this.send(i, m);
      else {
        const block = host.candidates.get(m.proposal.value)?.bytes;
        if (block) this.send(i, { kind: 'proposal', proposal: m.proposal, block, pol: m.pol });
      }
    }
    const { round } = host.state;
    for (const vote of [...votesOf(host.state, round, 'prevote'), ...votesOf(host.state, round, 'precommit')])
      this.send(i, { kind: 'vote', vote });
  }

  private record(node: number, position: string, value: string, signature: Uint8Array): void {
    this.signed.push({ node, position, value, signature: toHex(signature) });
  }

  private send(from: number, m: ConsensusMessage): void {
    for (const n of this.nodes) {
      if (n.index === from) continue;
      setTimeout(() => n.alive && n.inbox.receive(m), 1 + this.rng.int(5));
    }
  }

  /** Stops node `i` as a crash would: timers die, nothing else happens. */
  kill(i: number): void {
    const n = this.nodes[i]!;
    n.alive = false;
    n.close();
  }

  /** Starts node `i` again from its files. */
  restart(i: number): TestNode {
    const node = this.open(i, this.nodes[i]!.dir);
    this.nodes[i] = node;
    return node;
  }

  /** Resolves once every live node has committed `height`, or rejects after `ms`. */
  async until(height: number, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (this.nodes.some((n) => n.alive && n.chain.height < height)) {
      if (Date.now() > end)
        throw new Error(`heights ${this.nodes.map((n) => n.chain.height)} after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Positions some node signed twice with different signatures. */
  doubleSigned(): string[] {
    const seen = new Map<string, string>();
    const out: string[] = [];
    for (const s of this.signed) {
      const id = `${s.node} ${s.position}`;
      if (seen.has(id) && seen.get(id) !== s.signature) out.push(id);
      seen.set(id, s.signature);
    }
    return out;
  }

  close(): void {
    for (const n of this.nodes) if (n.alive) this.kill(n.index);
    rmSync(this.root, { recursive: true, force: true });
  }
}
