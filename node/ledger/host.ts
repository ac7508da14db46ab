/**
 * The consensus host loop (docs/node.md, Ledger): the only place where the pure step function of
 * core/consensus meets the clock, the disk and the network. Every input that changes the core's state
 * is appended to the WAL before any of its outputs is performed (and fsynced when an output signs);
 * signatures pass the double-sign guard; timeouts come from timers; a decision is applied by
 * core/ledger, stored with its commit, and the next height starts one block interval after the
 * decided block's commit time. After a crash the WAL of the current height is replayed exactly.
 */
import { equalBytes, toHex } from '../../core/bytes.ts';
import {
  type ConsensusState,
  type Decision,
  type Input,
  initialState,
  type Output,
  type Proposal,
  type SignPosition,
  step,
  type Vote,
  votesFor,
} from '../../core/consensus/index.ts';
import { isProtoError } from '../../core/errors.ts';
import type { Applied, Block, Commit, SignedProposal, SignedVote } from '../../core/ledger/index.ts';
import { probes } from '../metrics/probes.ts';
import { type Candidate, Candidates } from './candidates.ts';
import type { LedgerChain } from './chain.ts';
import { commitOf, nextStartTime, voteTime } from './commit-of.ts';
import type { PrivValidator } from './privval.ts';
import { Timers } from './timers.ts';
import type { Wal, WalContents } from './wal.ts';
import { decodeWalRecord, encodeWalRecord, recordHeight, type WalRecord } from './wal-record.ts';

/** Where the host's messages and findings go: the gossip layer and the evidence store. */
/** An input on its way to the core: the WAL record and, when already judged, the block's candidate. */
export interface Item {
  record: WalRecord;
  candidate?: Candidate;
}

export interface HostOutputs {
  proposal(p: SignedProposal, block: Uint8Array, pol: SignedVote[]): void;
  vote(v: SignedVote): void;
  evidence(kind: 'prevote' | 'precommit' | 'proposal', first: Vote | Proposal, second: Vote | Proposal): void;
}

export interface HostOptions {
  chain: LedgerChain;
  wal: Wal;
  privval: PrivValidator | null;
  blockInterval: bigint;
  /** getValue(): the block this node proposes in `round` of the next height. */
  build(round: number): Candidate;
  outputs: HostOutputs;
  now(): bigint;
  log(line: string): void;
  /** True while peers claim to have committed the height about to start: catch-up will bring it. */
  behind?(): boolean;
}

/**
 * Why the ledger stopped advancing: an error thrown inside the host loop (from a timer or a message).
 * The node keeps serving; the host tries again every FAULT_RETRY_MS and clears this at the next commit.
 */
export interface HostFault {
  /** What the host was doing: 'start', 'timeout', 'input' or 'retry'. */
  where: string;
  code: string;
  message: string;
  height: number;
  /** Wall-clock time of the first occurrence, ns. */
  since: bigint;
}

/** How often a faulted host tries again. */
export const FAULT_RETRY_MS = 5000;

/** How long a start may wait for catch-up, at most (a peer's claim may be false). */
const MAX_HOLD_MS = 5000;
const HOLD_STEP_MS = 250;

type State = ConsensusState<SignedVote, SignedProposal>;

export class ConsensusHost {
  readonly candidates: Candidates;
  private cs: State;
  /** The position of the last `sign` output: the one broadcast it authorises. */
  private authorised: SignPosition | null = null;
  private readonly o: HostOptions;
  private readonly timers: Timers;
  private readonly queue: Item[] = [];
  private draining = false;
  private replaying = false;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the ledger is not advancing, or null. */
  fault: HostFault | null = null;
  /** Ordered validator keys of the current height. */
  private keys: Uint8Array[] = [];
  /** Own signed messages of the current height, re-sent while the height stalls. */
  readonly sent: (
    | { kind: 'vote'; vote: SignedVote }
    | { kind: 'proposal'; proposal: SignedProposal; pol: SignedVote[] }
  )[] = [];

  constructor(o: HostOptions) {
    this.o = o;
    this.cs = initialState(o.chain.state.gov.params.timeouts);
    this.candidates = new Candidates(o.chain);
    this.timers = new Timers((timeout) => this.input({ record: { kind: 'timeout', timeout } }, 'timeout'));
  }

  /** The core's state (read only). */
  get state(): State {
    return this.cs;
  }

  /** Ordered validator keys of the current height. */
  get validators(): readonly Uint8Array[] {
    return this.keys;
  }

  /** Replays the WAL of the height being decided (starting it at once), or schedules the next height. */
  start(contents: WalContents): void {
    const height = this.o.chain.height + 1;
    const records = contents.records.map(decodeWalRecord).filter((r) => recordHeight(r) === height);
    if (records.length === 0) {
      this.scheduleStart();
      return;
    }
    this.o.log(`ledger: replaying ${records.length} WAL records of height ${height}`);
    this.replaying = true;
    try {
      this.startHeight();
      for (const record of records) this.feed({ record });
    } finally {
      this.replaying = false;
    }
    this.drain();
  }

  stop(): void {
    clearTimeout(this.startTimer);
    clearTimeout(this.retryTimer);
    this.timers.clear();
  }

  /** Called after a height starts, with the height (the inbox feeds the messages that waited for it). */
  onStarted: (height: number) => void = () => {};

  /**
   * Feeds an input now (after any queued ones); returns whether it changed the core's state. An error
   * inside becomes the host's `fault` instead of reaching the caller (a socket handler or a timer).
   */
  input(item: Item, where = 'input'): boolean {
    return (
      this.guard(where, () => {
        const changed = this.feed(item);
        this.drain();
        return changed;
      }) ?? false
    );
  }

  /**
   * valid(v) once more for the blocks of this height that waited for a token (call when tokens
   * arrive): each proposal of a block now valid is fed again as valid, so a validator that lagged
   * behind the token chain can still lock on, precommit and decide the block (L36, L49).
   */
  rejudge(): void {
    if (!this.candidates.waiting) return;
    for (const { value, c } of this.candidates.rejudge()) {
      for (const entry of this.cs.log.values()) {
        for (const p of entry.proposals) {
          if (p.valid || !equalBytes(p.proposal.value, value)) continue;
          // The core keeps the proposal object the host fed it: a SignedProposal.
          const proposal = p.proposal as SignedProposal;
          this.queue.push({
            record: { kind: 'proposal', proposal, valid: true, block: c.bytes },
            candidate: c,
          });
        }
      }
    }
    this.drain();
  }

  /** Commits a block decided elsewhere (catch-up) at the next height; false when it is not the next. */
  commitExternal(bytes: Uint8Array, block: Block, applied: Applied, commit: Commit): boolean {
    if (block.header.height !== this.o.chain.height + 1) return false;
    this.commitBlock(bytes, block, applied, commit);
    return true;
  }

  /** Runs `fn`; an error it throws becomes the host's fault (logged once) and a retry is armed. */
  guard<T>(where: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      this.noteFault(where, e);
      return undefined;
    }
  }

  private noteFault(where: string, e: unknown): void {
    const code = isProtoError(e) ? e.code : 'internal';
    const message = e instanceof Error ? e.message : String(e);
    const height = this.o.chain.height + 1;
    const prev = this.fault;
    if (!prev || prev.code !== code || prev.message !== message || prev.height !== height) {
      this.fault = { where, code, message, height, since: this.o.now() };
      this.o.log(
        `ledger: stalled at height ${height} (${where}): ${code}: ${message}. The node keeps serving its ` +
          `API and tries again every ${FAULT_RETRY_MS / 1000} s; GET /v1/status shows this until a block ` +
          'commits. If it persists, restart the node, and report the log above if that does not help.',
      );
      if (!isProtoError(e) && e instanceof Error && e.stack) this.o.log(e.stack);
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.retry(), FAULT_RETRY_MS);
  }

  /**
   * After a fault: start the height if it never started, else time out the current round (L65),
   * which is always safe, so the next proposer gets a turn.
   */
  private retry(): void {
    const cs = this.cs;
    if (cs.height < this.o.chain.height + 1) {
      this.guard('retry', () => this.startHeight());
      return;
    }
    const timeout = { kind: 'precommit' as const, height: cs.height, round: cs.round };
    this.input({ record: { kind: 'timeout', timeout } }, 'retry');
  }

  private scheduleStart(): void {
    clearTimeout(this.startTimer);
    const at = nextStartTime(this.o.chain, this.o.blockInterval);
    const ms = Number((at - this.o.now()) / 1_000_000n);
    this.startTimer = setTimeout(() => this.guard('start', () => this.startWhenCaughtUp(0)), Math.max(0, ms));
  }

  /** Starts the next height unless catch-up is about to commit it (waiting MAX_HOLD_MS at most). */
  private startWhenCaughtUp(waited: number): void {
    if (waited < MAX_HOLD_MS && this.o.behind?.()) {
      const next = () => this.guard('start', () => this.startWhenCaughtUp(waited + HOLD_STEP_MS));
      this.startTimer = setTimeout(next, HOLD_STEP_MS);
      return;
    }
    this.startHeight();
  }

  /**
   * L10 / L54: the next height with its validator set and the consensus timeouts in force after the
   * last committed block (a passed `parameter` proposal changes them), then the messages that waited.
   */
  private startHeight(): void {
    clearTimeout(this.startTimer);
    const height = this.o.chain.height + 1;
    if (this.cs.height >= height) return;
    this.keys = this.o.chain.validators();
    const own = this.o.privval?.publicKey;
    const index = own ? this.keys.findIndex((k) => equalBytes(k, own)) : -1;
    this.sent.length = 0;
    const self = index < 0 ? null : index;
    const timeouts = this.o.chain.state.gov.params.timeouts;
    this.apply({ kind: 'start-height', height, validators: this.keys.length, self, timeouts });
    this.onStarted(height);
    this.drain();
  }

  /** Steps the core with the input of `item`, logging it first when it changes anything. */
  private feed(item: Item): boolean {
    const candidate = this.candidateFor(item);
    if (candidate === null) return false;
    return this.apply(toInput(item.record), item.record, candidate);
  }

  private apply(
    input: Input<SignedVote, SignedProposal>,
    record?: WalRecord,
    candidate?: { value: Uint8Array; c: Candidate },
  ): boolean {
    const { state, outputs } = step(this.cs, input);
    if (state === this.cs && outputs.length === 0) return false;
    if (record && !this.replaying) {
      const sync = outputs.some((o) => o.kind === 'sign' || o.kind === 'decide');
      this.o.wal.append(encodeWalRecord(record), sync);
    }
    if (candidate) this.keep(candidate.value, candidate.c);
    this.cs = state;
    probes.consensus(state);
    for (const o of outputs) this.perform(o);
    return true;
  }

  /** Keeps a judged block; a newly kept invalid one is logged with the rule it breaks. */
  private keep(value: Uint8Array, c: Candidate): void {
    const fresh = !this.candidates.get(value);
    this.candidates.keep(value, c);
    if (fresh && !c.valid) this.o.log(`ledger: block ${hex8(value)} refused: ${c.refusal} ${c.reason}`);
  }

  /** The block carried by a proposal or propose-value record, judged (null: not a block of its value). */
  private candidateFor(item: Item): { value: Uint8Array; c: Candidate } | undefined | null {
    const r = item.record;
    if (r.kind !== 'proposal' && r.kind !== 'propose-value') return undefined;
    const value = r.kind === 'proposal' ? r.proposal.value : r.value;
    const c = item.candidate ?? this.candidates.judge(value, r.block);
    return c ? { value, c } : null;
  }

  private drain(): void {
    if (this.draining || this.replaying) return;
    this.draining = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) this.feed(item);
    } finally {
      this.draining = false;
    }
  }

  private perform(o: Output<SignedVote>): void {
    switch (o.kind) {
      case 'propose-request':
        this.propose(o.round);
        break;
      case 'sign':
        // The guard (privval) runs on the broadcast this authorises, which follows at once.
        this.authorised = o.position;
        break;
      case 'broadcast-proposal':
        this.sendProposal(o.proposal);
        break;
      case 'broadcast-vote':
        this.sendVote(o.vote);
        break;
      case 'schedule-timeout':
        this.timers.schedule(o.timeout, o.durationNs);
        break;
      case 'decide':
        this.decide(o.decision);
        break;
      case 'evidence':
        this.o.outputs.evidence(o.first.type, o.first, o.second);
        break;
      default:
        unreachable(o);
    }
  }

  /** True when the last `sign` output named this position; the authorisation is used up. */
  private takeAuthorised(height: number, round: number, step: SignPosition['step']): boolean {
    const a = this.authorised;
    this.authorised = null;
    return a !== null && a.height === height && a.round === round && a.step === step;
  }

  /** L18: builds a block and answers with propose-value (logged like any input). */
  private propose(round: number): void {
    let c: Candidate;
    try {
      c = this.o.build(round);
    } catch (e) {
      this.o.log(`ledger: cannot build a block for round ${round}: ${(e as Error).message}`);
      return;
    }
    const value = c.applied!.state.blockHash;
    const record: WalRecord = { kind: 'propose-value', height: this.cs.height, round, value, block: c.bytes };
    this.queue.push({ record, candidate: c });
  }

  /** L19: signs (through the guard) and sends the proposal, with the proof of lock of its validRound. */
  private sendProposal(p: Proposal): void {
    const c = this.candidates.get(p.value);
    const signed = c && this.takeAuthorised(p.height, p.round, 'propose') && this.o.privval?.signProposal(p);
    if (!c || !signed) {
      this.o.log(`ledger: refused to sign proposal ${p.height}/${p.round}`);
      return;
    }
    const pol = this.proofOfLock(signed);
    this.sent.push({ kind: 'proposal', proposal: signed, pol });
    this.o.outputs.proposal(signed, c.bytes, pol);
    this.o.log(
      `ledger: signed proposal ${p.height}/${p.round} ${hex8(p.value)} sig ${hex8(signed.signature)}`,
    );
    this.queue.push({
      record: { kind: 'proposal', proposal: signed, valid: c.valid, block: c.bytes },
      candidate: c,
    });
  }

  /** Signs (through the guard, timestamp after the voted block's time) and sends a vote. */
  private sendVote(v: Vote): void {
    const c = v.value && this.candidates.get(v.value);
    const authorised = this.takeAuthorised(v.height, v.round, v.type);
    const signed = authorised && this.o.privval?.signVote(v, voteTime(this.o.now(), c ? c.block : undefined));
    if (!signed) {
      this.o.log(`ledger: refused to sign ${v.type} ${v.height}/${v.round}`);
      return;
    }
    this.sent.push({ kind: 'vote', vote: signed });
    this.o.outputs.vote(signed);
    const value = v.value ? hex8(v.value) : 'nil';
    this.o.log(`ledger: signed ${v.type} ${v.height}/${v.round} ${value} sig ${hex8(signed.signature)}`);
    this.queue.push({ record: { kind: 'vote', vote: signed } });
  }

  private proofOfLock(p: Proposal): SignedVote[] {
    return p.validRound < 0 ? [] : votesFor(this.cs, p.validRound, 'prevote', p.value);
  }

  private decide(d: Decision<SignedVote>): void {
    const c = this.candidates.get(d.value)!;
    this.commitBlock(c.bytes, c.block, c.applied!, commitOf(d));
  }

  private commitBlock(bytes: Uint8Array, block: Block, applied: Applied, commit: Commit): void {
    const committed = this.o.chain.commit(bytes, block, applied, commit);
    this.o.wal.reset();
    this.timers.clear();
    this.candidates.clear();
    if (this.fault) this.o.log(`ledger: advancing again (stalled since height ${this.fault.height})`);
    this.fault = null;
    clearTimeout(this.retryTimer);
    this.o.log(
      `ledger: committed ${committed.height} ${hex8(committed.hash)} (round ${commit.round}, ${block.txs.length} txs)`,
    );
    this.scheduleStart();
  }
}

function toInput(r: WalRecord): Input<SignedVote, SignedProposal> {
  switch (r.kind) {
    case 'proposal':
      return { kind: 'proposal', proposal: r.proposal, valid: r.valid };
    case 'vote':
      return { kind: 'vote', vote: r.vote };
    case 'timeout':
      return { kind: 'timeout', timeout: r.timeout };
    case 'propose-value':
      return { kind: 'propose-value', height: r.height, round: r.round, value: r.value };
  }
}

function unreachable(o: never): never {
  throw new Error(`unknown consensus output ${JSON.stringify(o)}`);
}

function hex8(b: Uint8Array): string {
  return toHex(b.subarray(0, 8));
}
