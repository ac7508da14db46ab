/**
 * One validator's consensus host (real store, WAL, guard file, inbox) in a four-validator network
 * whose other three validators are played by the test: it hands the host proposals and votes signed
 * with their keys, and reads what the host signed. The network's view of the ledger is a `TestLedger`
 * with its own token DAG, so a test can build blocks on tokens the host does not hold. The validator list
 * rotates every height, so tests pick rounds another validator proposes (`othersRounds`); blocks are
 * 20 ms apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equalBytes, toHex } from '../../core/bytes.ts';
import { proposerOf, type Value } from '../../core/consensus/index.ts';
import { encodeBlock, type SignedVote, signProposal, signVote } from '../../core/ledger/index.ts';
import { keyPair, type NextBlock, TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import { createLedgerTables } from '../../core/store/ledger-queries.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { chainId } from '../../core/token/params.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { nowNs } from '../chain.ts';
import { nodeSign } from '../crypto/ed25519-native.ts';
import { openStore } from '../store/open.ts';
import { LedgerChain } from './chain.ts';
import { ConsensusHost } from './host.ts';
import { Inbox, type Verdict } from './inbox.ts';
import { PrivValidator } from './privval.ts';
import { Wal } from './wal.ts';

const MS = 1_000_000n;
/** Genesis timeouts long enough that none fires during a test: every step is driven by the messages. */
export const STILL = {
  proposeBase: 60_000n * MS,
  proposeDelta: MS,
  prevoteBase: 60_000n * MS,
  prevoteDelta: MS,
  precommitBase: 60_000n * MS,
  precommitDelta: MS,
};

export interface LoneHostOptions {
  /** The host's chain reads the network's token DAG (so governance tokens the network mines are the host's too). */
  sharedTokens?: boolean;
}

export class LoneHost {
  readonly t: TestLedger;
  readonly dag: TokenDag;
  readonly chain: LedgerChain;
  readonly host: ConsensusHost;
  readonly inbox: Inbox;
  /** Votes the host signed. */
  readonly signed: SignedVote[] = [];
  readonly logs: string[] = [];
  /** The host's own validator key. */
  readonly ownKey: Uint8Array;
  private readonly pairs: { key: Uint8Array; secret: Uint8Array }[];
  private readonly dir = mkdtempSync(join(tmpdir(), 'proto-lone-'));
  private readonly close_: () => void;

  private constructor(o: LoneHostOptions) {
    const pairs = [1, 2, 3, 4].map(keyPair);
    const params = easyParams();
    params.validators = pairs.map((p) => ({ key: p.key, uses: 1000 }));
    params.balances = pairs.map((p) => ({ key: p.key, amount: 1_000_000n }));
    params.blockInterval = 20n * MS;
    params.timeouts = STILL;
    this.t = new TestLedger(
      params,
      pairs.map((p) => p.secret),
    );
    const id = chainId(params);
    const store = openStore(join(this.dir, 'chain.db'), toHex(id));
    createLedgerTables(store.db);
    this.dag = o.sharedTokens ? this.t.dag : new TokenDag(params);
    this.chain = LedgerChain.open({ db: store.db, params, tokens: this.dag });
    this.pairs = pairs;
    this.ownKey = this.chain.validators()[proposerOf(4, 2)]!;
    const { wal, contents } = Wal.open(join(this.dir, 'consensus.wal'));
    const key = { publicKey: this.ownKey, secretKey: this.secretOf(this.ownKey) };
    const privval = PrivValidator.open(join(this.dir, 'privval.json'), key, id);
    const outputs = {
      proposal: () => {},
      vote: (v: SignedVote) => this.signed.push(v),
      evidence: () => {},
    };
    this.host = new ConsensusHost({
      chain: this.chain,
      wal,
      privval,
      blockInterval: params.blockInterval,
      build: () => {
        throw new Error('the lone host never proposes in these tests');
      },
      outputs,
      now: nowNs,
      log: (line) => this.logs.push(line),
    });
    this.inbox = new Inbox(this.host, this.chain, id, outputs);
    this.host.start(contents);
    this.close_ = () => {
      this.host.stop();
      wal.close();
      store.close();
    };
  }

  /** A host that has started height 1. */
  static async open(o: LoneHostOptions = {}): Promise<LoneHost> {
    const h = new LoneHost(o);
    await h.started(1);
    return h;
  }

  get chainId(): Uint8Array {
    return this.t.chainId;
  }

  /** Ordered validator keys of the height being decided (they rotate every height). */
  get keys(): readonly Uint8Array[] {
    return this.host.validators;
  }

  /** The host's position in the height's list. */
  get self(): number {
    return this.keys.findIndex((k) => equalBytes(k, this.ownKey));
  }

  /** The first `count` rounds of the height that another validator proposes. */
  othersRounds(count = 2): number[] {
    const out: number[] = [];
    for (let r = 0; out.length < count; r++) if (proposerOf(4, r) !== this.self) out.push(r);
    return out;
  }

  private secretOf(key: Uint8Array): Uint8Array {
    return this.pairs.find((p) => equalBytes(p.key, key))!.secret;
  }

  /** The height being decided. */
  get height(): number {
    return this.chain.height + 1;
  }

  /** The round's proposer (by position) proposes `block` as `value` in `round` of the current height. */
  propose(block: Uint8Array, value: Value, round = 0): Verdict {
    const p = { height: this.height, round, value, validRound: -1 };
    const proposal = signProposal(this.chainId, p, this.secretOf(this.keys[proposerOf(4, round)]!), nodeSign);
    return this.inbox.receive({ kind: 'proposal', proposal, block, pol: [] });
  }

  /** Every other validator sends a vote of `type` for `value` (null: nil) in `round`. */
  votes(type: 'prevote' | 'precommit', value: Value | null, round = 0): void {
    for (let i = 0; i < 4; i++) {
      if (i === this.self) continue;
      const secret = this.secretOf(this.keys[i]!);
      const v = { type, height: this.height, round, value, validator: i };
      this.inbox.receive({ kind: 'vote', vote: signVote(this.chainId, v, nowNs(), secret, nodeSign) });
    }
  }

  /** What the host signed of `type` at the current height: 'nil', the value's hex, or nothing. */
  own(type: 'prevote' | 'precommit', round = 0): string[] {
    return this.signed
      .filter((v) => v.type === type && v.round === round && v.height === this.height)
      .map((v) => (v.value ? toHex(v.value) : 'nil'));
  }

  /**
   * The network commits its next block (built by `t` with `opts`) in `round` with the host's help;
   * resolves once the host has started the height after it.
   */
  async commitNext(opts: NextBlock = {}, round = this.othersRounds(1)[0]!): Promise<void> {
    const height = this.height;
    const built = this.t.next({ ...opts, round });
    const value = built.state.blockHash;
    this.propose(encodeBlock(built.block), value, round);
    this.votes('prevote', value, round);
    this.votes('precommit', value, round);
    if (this.chain.height !== height)
      throw new Error(`height ${height} not committed: ${this.logs.join('; ')}`);
    await this.started(height + 1);
  }

  /** Resolves once the host runs `height` (or after one second). */
  async started(height: number): Promise<void> {
    for (let i = 0; i < 200 && this.host.state.height < height; i++)
      await new Promise((r) => setTimeout(r, 5));
  }

  close(): void {
    this.close_();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
