/**
 * One validator's consensus host (real store, WAL, guard file, inbox) at height 1 of a four-validator
 * network whose other three validators are played by the test: it hands the host proposals and votes
 * signed with their keys, and reads what the host signed. The network's view of the ledger is a
 * `TestLedger` with its own token DAG, so a test can build blocks on tokens the host does not hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equalBytes, toHex } from '../../core/bytes.ts';
import { proposerOf, type Value } from '../../core/consensus/index.ts';
import { keyPair, TestLedger } from '../../core/ledger/ledger.fixture.ts';
import { createLedgerTables } from '../../core/store/ledger-queries.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { chainId } from '../../core/token/params.ts';
import { easyParams } from '../../test/gen/chain.ts';
import { nowNs } from '../chain.ts';
import { openStore } from '../store/open.ts';
import { LedgerChain } from './chain.ts';
import { ConsensusHost } from './host.ts';
import { Inbox, type Verdict } from './inbox.ts';
import { PrivValidator } from './privval.ts';
import { type SignedVote, signProposal, signVote } from './signed.ts';
import { Wal } from './wal.ts';

const MS = 1_000_000n;
/** Timeouts long enough that none fires during a test: every step is driven by the messages. */
const STILL = {
  proposeBase: 60_000n * MS,
  proposeDelta: MS,
  prevoteBase: 60_000n * MS,
  prevoteDelta: MS,
  precommitBase: 60_000n * MS,
  precommitDelta: MS,
};

export class LoneHost {
  readonly t: TestLedger;
  readonly dag: TokenDag;
  readonly chain: LedgerChain;
  readonly host: ConsensusHost;
  readonly inbox: Inbox;
  /** Votes the host signed. */
  readonly signed: SignedVote[] = [];
  readonly logs: string[] = [];
  /** Ordered validator keys of height 1, and the index of the host's own. */
  readonly keys: Uint8Array[];
  readonly self: number;
  private readonly secrets: Uint8Array[];
  private readonly dir = mkdtempSync(join(tmpdir(), 'proto-lone-'));
  private readonly close_: () => void;

  private constructor() {
    const pairs = [1, 2, 3, 4].map(keyPair);
    const params = easyParams();
    params.validators = pairs.map((p) => ({ key: p.key, uses: 1000 }));
    params.balances = pairs.map((p) => ({ key: p.key, amount: 1_000_000n }));
    this.t = new TestLedger(
      params,
      pairs.map((p) => p.secret),
    );
    const id = chainId(params);
    const store = openStore(join(this.dir, 'chain.db'), toHex(id));
    createLedgerTables(store.db);
    this.dag = new TokenDag(params);
    this.chain = LedgerChain.open({ db: store.db, params, tokens: this.dag });
    this.keys = this.chain.validators();
    this.secrets = this.keys.map((k) => pairs.find((p) => equalBytes(p.key, k))!.secret);
    this.self = (proposerOf(4, 0) + 1) % 4;
    const { wal, contents } = Wal.open(join(this.dir, 'consensus.wal'));
    const key = { publicKey: this.keys[this.self]!, secretKey: this.secrets[this.self]! };
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
      timeouts: STILL,
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
  static async open(): Promise<LoneHost> {
    const h = new LoneHost();
    for (let i = 0; i < 100 && h.host.state.height < 1; i++) await new Promise((r) => setTimeout(r, 5));
    return h;
  }

  get chainId(): Uint8Array {
    return this.t.chainId;
  }

  /** Validator `i` (by position) proposes `block` as `value` in `round`. */
  propose(block: Uint8Array, value: Value, round = 0, from = proposerOf(4, round)): Verdict {
    const proposal = signProposal(
      this.chainId,
      { height: 1, round, value, validRound: -1 },
      this.secrets[from]!,
    );
    return this.inbox.receive({ kind: 'proposal', proposal, block, pol: [] });
  }

  /** Every other validator sends a vote of `type` for `value` (null: nil) in `round`. */
  votes(type: 'prevote' | 'precommit', value: Value | null, round = 0): void {
    for (let i = 0; i < 4; i++) {
      if (i === this.self) continue;
      const vote = signVote(
        this.chainId,
        { type, height: 1, round, value, validator: i },
        nowNs(),
        this.secrets[i]!,
      );
      this.inbox.receive({ kind: 'vote', vote });
    }
  }

  /** What the host signed of `type`: 'nil', the value's hex, or nothing. */
  own(type: 'prevote' | 'precommit', round = 0): string[] {
    return this.signed
      .filter((v) => v.type === type && v.round === round)
      .map((v) => (v.value ? toHex(v.value) : 'nil'));
  }

  close(): void {
    this.close_();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
