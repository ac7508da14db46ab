import { toHex } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Checkpoints } from '../codec/header.ts';
import type { TxBody } from '../codec/tx.ts';
import { txSignBytes } from '../codec/tx.ts';
import type { GovState } from '../governance/types.ts';
import type { FlatValues, StateWrite } from '../state/flat-values.ts';
import { StateReader } from '../state/reader.ts';
import type { Account, LedgerState, Member, TokenEntry } from '../state/state.ts';
import { accountKey, encodeAccount, encodeTokenEntry, tokenKey } from '../state/state-codec.ts';
import { StateTree } from '../state/state-tree.ts';
import { type StateValues, valueWrites } from '../state/state-write.ts';
import type { Overlay } from '../state/store.ts';
import type { ResolvedEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';

/** An entry held decoded by a draft; `encode` is set once the block wrote it. */
interface DecodedRecord {
  stateKey: Uint8Array;
  value: unknown;
  encode?: (value: unknown) => Uint8Array;
}

/** The block being executed: what its transactions are checked against. */
export interface BlockContext {
  height: Height;
  round: number;
  time: bigint;
  proposer: Uint8Array;
  checkpoints: Checkpoints;
}

/**
 * The working set of one block: reads fall through to the parent state's tree, writes stay here
 * until `finish` stores them in a child overlay, so the parent state is never changed. Each
 * transaction handler checks everything before its first write, so a rejected transaction leaves
 * no trace.
 */
export class Draft {
  readonly parent: LedgerState;
  readonly env: ResolvedEnv;
  readonly events: LedgerEvent[] = [];
  queue: Member[];
  pending: Member[];
  supply: bigint;
  /** Governance bookkeeping, replaced (never mutated in place) by the governance handlers. */
  gov: GovState;
  minFee: bigint;
  private readonly store: Overlay;
  private readonly tree: StateTree;
  /** Reads of the parent state, through its flat cache, walking `tree` (still at the parent's root). */
  private readonly reader: StateReader;
  private readonly accounts = new Map<string, { key: Uint8Array; value: Account }>();
  private readonly tokens = new Map<string, { hash: Uint8Array; value: TokenEntry }>();
  /** Other entries written by this block, by state key. */
  private readonly entries = new Map<string, { stateKey: Uint8Array; value: Uint8Array }>();
  /**
   * Entries this block holds decoded (governance proposals), by state key: each is decoded on its
   * first read and, when written, encoded once by `finish`. PERF: every vote of a block used to decode
   * and re-encode its proposal's whole record (bench:governance).
   */
  private readonly records = new Map<string, DecodedRecord>();
  /** Consensus keys proven to equivocate in this block: they leave the queue (queue.ts). */
  readonly offenders: Uint8Array[] = [];

  constructor(parent: LedgerState, env: ResolvedEnv) {
    this.parent = parent;
    this.env = env;
    this.queue = [...parent.queue];
    this.pending = [...parent.pending];
    this.supply = parent.supply;
    this.gov = parent.gov;
    this.minFee = parent.minFee;
    this.store = parent.store.child();
    this.tree = new StateTree(this.store, parent.root, env.hash);
    this.reader = new StateReader(parent, env.hash, this.tree);
  }

  /** A copy of the account of `key`. */
  account(key: Uint8Array): Account {
    const cached = this.accounts.get(toHex(key));
    if (cached) return { ...cached.value };
    return this.reader.account(key);
  }

  setAccount(key: Uint8Array, value: Account): void {
    this.accounts.set(toHex(key), { key: key.slice(), value: { ...value } });
  }

  credit(key: Uint8Array, amount: bigint): void {
    const a = this.account(key);
    this.setAccount(key, { ...a, balance: a.balance + amount });
  }

  /** A copy of the ledger's record of token `hash`, or undefined. */
  token(hash: Uint8Array): TokenEntry | undefined {
    const cached = this.tokens.get(toHex(hash));
    if (cached) return { ...cached.value };
    return this.reader.token(hash);
  }

  setToken(hash: Uint8Array, value: TokenEntry): void {
    this.tokens.set(toHex(hash), { hash: hash.slice(), value: { ...value } });
  }

  /** The value of `stateKey` as this block leaves it so far (entries other than accounts and tokens). */
  entry(stateKey: Uint8Array): Uint8Array | undefined {
    const id = toHex(stateKey);
    const record = this.records.get(id);
    if (record?.encode) return record.encode(record.value);
    return this.entries.get(id)?.value ?? this.reader.value(stateKey);
  }

  setEntry(stateKey: Uint8Array, value: Uint8Array): void {
    const id = toHex(stateKey);
    this.records.delete(id);
    this.entries.set(id, { stateKey: stateKey.slice(), value: value.slice() });
  }

  /**
   * The entry `stateKey` decoded by `decode`, or undefined when absent. Decoded once per block: later
   * reads return the same object, so callers never change it in place (they save a changed copy).
   */
  record<T>(stateKey: Uint8Array, decode: (bytes: Uint8Array) => T): T | undefined {
    const id = toHex(stateKey);
    const held = this.records.get(id);
    if (held) return held.value as T;
    const bytes = this.entries.get(id)?.value ?? this.reader.value(stateKey);
    if (!bytes) return undefined;
    const value = decode(bytes);
    this.records.set(id, { stateKey: stateKey.slice(), value });
    return value;
  }

  /** Writes `value` under `stateKey`; `finish` encodes it with `encode` (the last value set wins). */
  setRecord<T>(stateKey: Uint8Array, value: T, encode: (value: T) => Uint8Array): void {
    const id = toHex(stateKey);
    this.entries.delete(id);
    this.records.set(id, {
      stateKey: stateKey.slice(),
      value,
      encode: encode as (value: unknown) => Uint8Array,
    });
  }

  /** Throws `bad-signature` unless `key` signed `tx`. */
  checkSignature(tx: TxBody & { signature: Uint8Array }, key: Uint8Array): void {
    const msg = txSignBytes(this.parent.config.chainId, tx);
    if (!this.env.verify(tx.signature, msg, key)) {
      throw new ProtoError('bad-signature', `transaction is not signed by ${toHex(key)}`, 'penalize');
    }
  }

  /** Stores every change and the state values; returns the new root, store and flat cache. */
  finish(values: StateValues): { root: Uint8Array; store: Overlay; flat: FlatValues } {
    const writes: StateWrite[] = [];
    for (const { key, value } of this.accounts.values()) {
      const empty = value.balance === 0n && value.nonce === 0n;
      writes.push({ stateKey: accountKey(key), value: empty ? undefined : encodeAccount(value) });
    }
    for (const { hash, value } of this.tokens.values()) {
      writes.push({ stateKey: tokenKey(hash), value: encodeTokenEntry(value) });
    }
    for (const { stateKey, value } of this.entries.values()) writes.push({ stateKey, value });
    for (const { stateKey, value, encode } of this.records.values()) {
      if (encode) writes.push({ stateKey, value: encode(value) });
    }
    writes.push(...valueWrites(values, this.parent));
    const root = this.tree.write(writes);
    return { root, store: this.store, flat: this.parent.flat.child(writes) };
  }
}
