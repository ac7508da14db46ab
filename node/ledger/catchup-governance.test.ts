/**
 * A node that was offline catches up a ledger and token DAG with several proposals, their congress
 * subchains open and closed, through the node's own parts: the token chain store (node/chain.ts), the
 * ledger store with its token follower, the consensus host and CatchUp. It is stopped without a clean
 * shutdown in the middle, opened again from its files, and must end on the network's state root,
 * block hash and token tips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { congress, publish, text, veto, voteTx } from '../../core/ledger/governance/governance.fixture.ts';
import { Choice, encodeBlock, encodeCommit, PARAM_IDS, ProposalKind } from '../../core/ledger/index.ts';
import { keyPair, TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import { createLedgerTables } from '../../core/store/ledger-queries.ts';
import { congressId, PROPOSAL, VALIDATOR } from '../../core/token/dag.ts';
import { chainId } from '../../core/token/params.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { Chain, nowNs } from '../chain.ts';
import type { Peer } from '../p2p/peer.ts';
import { openStore } from '../store/open.ts';
import { CatchUp } from './catchup.ts';
import { LedgerChain } from './chain.ts';
import { ConsensusHost } from './host.ts';
import { tokenFollower } from './token-follow.ts';
import { Wal } from './wal.ts';

const S = 1_000_000_000n;
const validators = [1, 2, 3, 4].map(keyPair);

/** The network: four validators; every token mined into its DAG is kept, in order, for token sync. */
function network(): { t: TestLedger; tokens: Uint8Array[] } {
  const p = easyParams(nowNs() - 7200n * S);
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.vetoKey = veto.key;
  const t = new TestLedger(
    p,
    validators.map((v) => v.secret),
  );
  const tokens: Uint8Array[] = [];
  const add = t.dag.add.bind(t.dag);
  t.dag.add = (raw, now, origin) => {
    tokens.push(raw.slice());
    return add(raw, now, origin);
  };
  return { t, tokens };
}

/**
 * Four proposals: two tallied (their congress subchains closed), two still open with congress tokens
 * mined, some voted. Returns the committed blocks with their commits, and the state root after each.
 */
function history(t: TestLedger): { blocks: CommittedBlock[]; roots: Uint8Array[] } {
  const blocks: CommittedBlock[] = [];
  const roots: Uint8Array[] = [];
  // every block the fixtures run (publish and congress included) is recorded with its commit
  const next = t.next.bind(t);
  t.next = (opts = {}) => {
    const built = next(opts);
    blocks.push({ block: encodeBlock(built.block), commit: encodeCommit(t.commit()) });
    roots.push(built.state.root);
    return built;
  };
  const fee = {
    ...text('Lower the fee'),
    kind: ProposalKind.parameter,
    changes: [{ id: PARAM_IDS.minFee, value: 0n }],
  };
  for (let i = 0; i < 8; i++) t.next(); // the state written at block 16 falls among the proposals
  const p1 = publish(t, fee);
  const c1 = congress(t, p1, 5);
  const p2 = publish(t, text('Second'));
  const c2 = congress(t, p2, 3);
  t.next();
  t.next({ txs: c1.map((m) => voteTx(t, m.bytes, p1, Choice.yes)) });
  t.next({ txs: c2.slice(0, 2).map((m) => voteTx(t, m.bytes, p2, Choice.no)) });
  const p3 = publish(t, text('Third'));
  const c3 = congress(t, p3, 4);
  t.next();
  t.next({ txs: [voteTx(t, c3[0]!.bytes, p3, Choice.abstain)] });
  const deadline = (id: Uint8Array) => t.state.gov.open.find((o) => toHex(o.id) === toHex(id))!.deadline;
  t.next({ time: deadline(p2) }); // tallies p1 and p2; p3 stays open
  const p4 = publish(t, text('Fourth'));
  congress(t, p4, 2);
  t.next(); // checkpoints p4's congress; p3's period ends two blocks later
  t.next = next;
  return { blocks, roots };
}

/** The catching-up node's parts, opened from `dir` as a node opens them. */
class Follower {
  readonly chain: Chain;
  readonly ledger: LedgerChain;
  readonly host: ConsensusHost;
  readonly catchUp: CatchUp;
  readonly logs: string[] = [];
  private readonly close_: () => void;

  constructor(dir: string, t: TestLedger) {
    const path = join(dir, 'chain.db');
    const id = toHex(chainId(t.params));
    this.chain = Chain.open({ params: t.params, path, chainId: id });
    const store = openStore(path, id);
    createLedgerTables(store.db);
    const log = (line: string) => this.logs.push(line);
    const follow = tokenFollower(this.chain, log);
    this.ledger = LedgerChain.open({ db: store.db, params: t.params, tokens: this.chain.dag, log, follow });
    this.chain.dropDeferred();
    this.ledger.onCommit((c) => follow.events(c.events));
    const { wal, contents } = Wal.open(join(dir, 'consensus.wal'));
    this.host = new ConsensusHost({
      chain: this.ledger,
      wal,
      privval: null,
      blockInterval: t.params.blockInterval,
      build: () => {
        throw new Error('a follower does not propose');
      },
      outputs: { proposal: () => {}, vote: () => {}, evidence: () => {} },
      now: nowNs,
      log,
    });
    this.catchUp = new CatchUp(this.ledger, this.host, () => {}, log);
    this.host.start(contents);
    this.close_ = () => {
      this.host.stop();
      wal.close();
      store.close();
      this.chain.close();
    };
  }

  close(): void {
    this.close_();
  }
}

/** Token sync as far as this test needs it: every token the network holds, oldest first. */
function syncTokens(f: Follower, tokens: Uint8Array[]): void {
  f.chain.submit(tokens, { origin: 'peer', bulk: true });
}

/** Catch-up from a peer that serves `blocks`: answers each request until `until` blocks are committed. */
function catchUpTo(f: Follower, blocks: CommittedBlock[], until: number, tokens: Uint8Array[]): void {
  let requested: { from: number; count: number } | undefined;
  const peer = {
    request: (m: { from: number; count: number }) => {
      requested = m;
      return 1;
    },
  } as unknown as Peer;
  for (let rounds = 0; f.ledger.height < until && rounds < 100; rounds++) {
    requested = undefined;
    f.catchUp.setHead(peer, until);
    if (!requested) {
      // CatchUp holds back: a block waits for a token (token sync brings what is missing), or the
      // peer is one block ahead (a grace period). Both delays are wall-clock; the test skips them.
      syncTokens(f, tokens);
      Object.assign(f.catchUp, { retryAt: 0, progressAt: 0 });
      continue;
    }
    const { from, count } = requested as { from: number; count: number };
    f.catchUp.onBlocks(peer, blocks.slice(from - 1, from - 1 + count));
  }
}

let dir: string | undefined;
let follower: Follower | undefined;
afterEach(() => {
  follower?.close();
  follower = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** What the follower must agree on with the network: ledger head, state root, token tips. */
function summary(ledger: { state: TestLedger['state'] }, dag: TestLedger['dag']) {
  const s = ledger.state;
  return {
    height: s.height,
    blockHash: toHex(s.blockHash),
    root: toHex(s.root),
    minFee: s.minFee,
    open: s.gov.open.map((o) => toHex(o.id)),
    // closed congress subchains are not compared: a node forgets their stored blocks at restart
    tips: [VALIDATOR, PROPOSAL, ...s.gov.open.map((o) => congressId(o.id))].map(
      (id) => `${id} ${toHex(dag.tip(id).hash)} ${dag.tip(id).count}`,
    ),
  };
}

describe('catch-up with many congresses', () => {
  it('an offline node catches up four proposals, restarting in the middle, to the same root and tips', () => {
    const { t, tokens } = network();
    const { blocks, roots } = history(t);
    expect(blocks).toHaveLength(23);
    expect(t.state.gov.count).toBe(4n);
    expect(t.state.gov.open).toHaveLength(2);
    const want = summary(t, t.dag);
    expect(want.tips.map((x) => Number(x.split(' ')[2]))).toEqual([0, 8, 4, 2]);
    dir = mkdtempSync(join(tmpdir(), 'proto-catchup-gov-'));

    // Token sync first: congress tokens wait in the orphan pool for their proposals' roots.
    follower = new Follower(dir, t);
    syncTokens(follower, tokens);
    // Stopped without writing its state at each of these heights, and opened again from its files
    // (its orphan pool lost): before, at and after the state written at 16, across the tally at 20.
    const stops = [6, 12, 17, 19, 21];
    for (const height of stops) {
      catchUpTo(follower, blocks, height, tokens);
      expect(follower.ledger.height).toBe(height);
      follower.close();
      follower = new Follower(dir, t);
      expect(follower.ledger.height).toBe(height);
      expect(toHex(follower.ledger.state.root)).toBe(toHex(roots[height - 1]!));
    }
    catchUpTo(follower, blocks, blocks.length, tokens);
    expect(summary(follower.ledger, follower.chain.dag)).toEqual(want);
    expect(follower.logs.filter((l) => / closed, status /.test(l)).length).toBeGreaterThanOrEqual(2);

    // And once more from the files at the head.
    follower.close();
    follower = new Follower(dir, t);
    expect(summary(follower.ledger, follower.chain.dag)).toEqual(want);
  });
});
