import { toHex } from '../bytes.ts';
import { isProtoError, ProtoError } from '../errors.ts';
import { BASE_DEPTH, type BaseBlock, type DagBase } from './base.ts';
import { decodeBlock, encodeBlock, TokenType } from './block.ts';
import { FuturePool } from './future.ts';
import { genesisBlock } from './genesis.ts';
import { blake3Hash, type Hasher } from './hash.ts';
import { type Added, type AddOutcome, outcomeError } from './outcome.ts';
import type { MinedParams, NetworkParams } from './params.ts';
import { work } from './pow.ts';
import { Subchain } from './subchain.ts';
import { BlockTable, FLAG_MERGE, FLAG_ROOT, NONE } from './table.ts';
import {
  type CheckedBlock,
  type Parents,
  targetAfter,
  validateBlock,
  validateBlockBasic,
  validateMerge,
} from './validate.ts';

export type { Added } from './outcome.ts';

/** Everything the index knows about one token. */
export interface TokenInfo {
  hash: Uint8Array;
  type: number;
  merge: boolean;
  root: boolean;
  time: bigint;
  target: bigint;
  key: Uint8Array;
  prev: Uint8Array | undefined;
  other: Uint8Array | undefined;
  aw: bigint;
  count: number;
  height: number;
  subchain: string;
  canonical: boolean;
  confirmations: number | undefined;
}

/** What a miner needs to build the next block of a subchain. */
export interface Template {
  prev: Uint8Array;
  other: Uint8Array | undefined;
  type: number;
  target: bigint;
  /** Smallest valid time: one ns after the latest parent. */
  minTime: bigint;
}

export const VALIDATOR = 'validator';
export const PROPOSAL = 'proposal';
export const congressId = (root: Uint8Array) => `congress:${toHex(root)}`;

/**
 * The token chain index: validates blocks against PROTOCOL.md §1 and keeps every subchain's fork
 * choice. Adding a block costs O(log n) (skip-pointer ancestor queries), never a walk of ancestry.
 * Pure: time enters as `now`; hashing is injected.
 */
export class TokenDag {
  readonly params: NetworkParams;
  readonly genesisHash: Uint8Array;
  private readonly hasher: Hasher;
  private readonly t = new BlockTable();
  private readonly subs: Subchain[] = [];
  private readonly byId = new Map<string, Subchain>();
  private readonly future: FuturePool;
  /** Parents of held blocks whose own parents are not held (a based dag's lowest heights). */
  private readonly cut = new Map<number, { prev: Uint8Array; other: Uint8Array | undefined }>();

  constructor(params: NetworkParams, hasher: Hasher = blake3Hash) {
    this.params = params;
    this.hasher = hasher;
    this.future = new FuturePool();
    const g = genesisBlock(params);
    this.genesisHash = hasher(encodeBlock(g));
    const flags = FLAG_ROOT;
    const root = this.t.push({
      ...g,
      hash: this.genesisHash,
      prev: NONE,
      other: NONE,
      flags,
      subchain: NONE,
      aw: 0n,
      count: 0,
    });
    this.newSubchain(
      VALIDATOR,
      TokenType.validator,
      root,
      params.validator.rootTarget,
      Number.POSITIVE_INFINITY,
    );
    this.newSubchain(
      PROPOSAL,
      TokenType.proposal,
      root,
      params.proposal.rootTarget,
      Number.POSITIVE_INFINITY,
    );
  }

  /**
   * A dag started from a checkpointed base (base.ts) instead of genesis: the base's blocks are held as
   * they were accepted (not checked again), each based subchain's fork choice starts at its anchor,
   * and its checkpoint is applied. Deterministic: the same base gives the same dag.
   */
  static fromBase(params: NetworkParams, base: DagBase, hasher: Hasher = blake3Hash): TokenDag {
    const dag = new TokenDag(params, hasher);
    dag.restore(base);
    return dag;
  }

  private restore(base: DagBase): void {
    const ids = base.blocks.map((b) => this.hold(b));
    const based = new Set<number>();
    for (const sb of base.subchains) {
      if (sb.floor <= 1) continue;
      const s = this.sub(sb.id);
      const anchor = this.t.find(sb.anchor);
      if (anchor === NONE || this.t.subchain[anchor] !== s.index || this.t.height[anchor] !== sb.floor)
        throw new ProtoError(
          'bad-base',
          `the anchor of ${sb.id} is not a held block at height ${sb.floor}`,
          'penalize',
        );
      s.rebase(this.t, anchor, sb.floor);
      based.add(anchor);
    }
    for (const id of ids) if (!based.has(id)) this.subs[this.t.subchain[id]!]!.add(this.t, id);
    for (const sb of base.subchains) if (sb.checkpoint) this.setCheckpoint(sb.id, sb.checkpoint);
  }

  /** Holds one base block without checking it: its parents are linked when held. */
  private hold(b: BaseBlock): number {
    const d = decodeBlock(b.raw);
    const prev = this.t.find(d.prev);
    const other = d.other ? this.t.find(d.other) : NONE;
    const sub =
      prev !== NONE
        ? this.subchainOf(prev, d.type)
        : this.sub(
            d.type === TokenType.validator ? VALIDATOR : d.type === TokenType.proposal ? PROPOSAL : '',
          );
    const id = this.t.push({
      hash: b.hash,
      key: d.key,
      prev,
      other,
      flags: d.other ? FLAG_MERGE : 0,
      subchain: sub.index,
      time: d.time,
      target: d.target,
      aw: b.aw,
      count: b.count,
      height: b.height,
    });
    if (this.t.height[id] !== b.height)
      throw new ProtoError('bad-base', 'a base block has the wrong height', 'penalize');
    if (prev === NONE || (d.other && other === NONE)) this.cut.set(id, { prev: d.prev, other: d.other });
    return id;
  }

  /** Canonical positions of `subchain` at or below this one are not held (0 unless based). */
  heldAfter(subchain: string): number {
    return this.sub(subchain).heldAfter;
  }

  /** Blocks from the future held until they are due. */
  get heldFuture(): number {
    return this.future.size;
  }

  /** Number of blocks held, roots included. */
  get size(): number {
    return this.t.size;
  }

  /**
   * Validates `bytes` and inserts the block; returns what became of it (outcome.ts) and throws only
   * on a fault of its own. A future block is held (see retryFuture) once it passes every check that
   * does not depend on time, within `origin`'s share of the pool; an orphan is not kept.
   */
  add(bytes: Uint8Array, now: bigint, origin?: string): AddOutcome {
    const hash = this.hasher(bytes);
    if (this.t.find(hash) !== NONE) return { status: 'known', hash };
    try {
      return this.admit(bytes, hash, now, origin);
    } catch (e) {
      if (isProtoError(e)) return { status: 'refused', hash, error: e };
      throw e;
    }
  }

  /** `add` for a block the caller holds valid (generated chains, tools): throws its outcome otherwise. */
  addOrThrow(bytes: Uint8Array, now: bigint, origin?: string): Added {
    const o = this.add(bytes, now, origin);
    if (o.status === 'added') return o.added;
    throw outcomeError(o);
  }

  private admit(bytes: Uint8Array, hash: Uint8Array, now: bigint, origin?: string): AddOutcome {
    const b = validateBlockBasic(bytes, hash);
    if (b.time > now + this.params.futureLimit) {
      this.checkEarly(b);
      if (!this.future.hold(bytes, hash, b.time, origin))
        throw new ProtoError('future-full', 'no room to hold this block from the future', 'ignore');
      return { status: 'future', hash, time: b.time, now };
    }
    const missing =
      this.t.find(b.prev) === NONE ? b.prev : b.other && this.t.find(b.other) === NONE ? b.other : null;
    if (missing) return { status: 'orphan', hash, missing };
    const p = this.resolveParents(b);
    validateBlock(this.t, b, p, this.minedParams(p.sub.type));
    return { status: 'added', hash, added: this.insert(bytes, b, p) };
  }

  /**
   * Adds the held future blocks that are now due; returns those accepted. An invalid or still-orphaned
   * held block is dropped: its sender was not at fault when it sent it.
   */
  retryFuture(now: bigint): Added[] {
    const added: Added[] = [];
    for (const bytes of this.future.due(now + this.params.futureLimit)) {
      const o = this.add(bytes, now);
      if (o.status === 'added') added.push(o.added);
    }
    return added;
  }

  has(hash: Uint8Array): boolean {
    return this.t.find(hash) !== NONE;
  }

  info(hash: Uint8Array): TokenInfo | undefined {
    const id = this.t.find(hash);
    return id === NONE ? undefined : this.describe(id);
  }

  /**
   * Confirmations of `token` on the chain ending at `tip` (count(tip) - count(token)), or undefined
   * when the token is not in past(tip) ∪ {tip}. The ledger asks this against the tips in its header,
   * so the answer does not depend on this node's own fork choice (§3.3).
   */
  confirmationsAt(token: Uint8Array, tip: Uint8Array): number | undefined {
    const a = this.t.find(token);
    const b = this.t.find(tip);
    if (a === NONE || b === NONE || this.t.isRoot(a) || !this.t.inPastOrSelf(a, b)) return undefined;
    return this.t.count[b]! - this.t.count[a]!;
  }

  /** The selected-chain ancestor of held block `hash` at `height`, when held. */
  ancestorAt(hash: Uint8Array, height: number): Uint8Array | undefined {
    const id = this.t.find(hash);
    if (id === NONE || height < 0 || height > this.t.height[id]!) return undefined;
    const at = this.t.ancestor(id, height);
    return this.t.height[at] === height ? this.t.hash(at).slice() : undefined;
  }

  /** The best tip of a subchain (its root while it has no blocks). */
  tip(subchain: string): TokenInfo {
    return this.describe(this.sub(subchain).best);
  }

  /**
   * The best tip's hash of the subchain whose root is `root` (a congress's proposal id), or undefined
   * when no subchain has that root. PERF: `tip(congressId(root))` without the subchain id's hex string
   * and a full TokenInfo; a block builder asks it for every open congress (bench:governance).
   */
  bestTipOf(root: Uint8Array): Uint8Array | undefined {
    const id = this.t.find(root);
    if (id === NONE || !this.t.isRoot(id)) return undefined;
    const s = this.subs[this.t.subchain[id]!];
    return s && this.t.hash(s.best).slice();
  }

  /** Hashes of canonical tokens at positions after+1 .. after+limit (all above heldAfter). */
  canonical(subchain: string, after: number, limit: number): Uint8Array[] {
    const s = this.sub(subchain);
    if (after < s.heldAfter && after < s.length)
      throw new ProtoError(
        'below-window',
        `positions up to ${s.heldAfter} of ${subchain} are not held`,
        'ignore',
      );
    const out: Uint8Array[] = [];
    for (let pos = after + 1; pos <= s.length && out.length < limit; pos++)
      out.push(this.t.hash(s.at(pos)).slice());
    return out;
  }

  /** Subchain ids: 'validator', 'proposal', 'congress:<root hex>'. */
  subchains(): string[] {
    return this.subs.map((s) => s.id);
  }

  /**
   * Opens the congress subchain of a published proposal (§1.1): a virtual root whose hash is the
   * proposal id, with the publication time, a fixed root target and the congress size Q.
   */
  addCongressRoot(id: Uint8Array, time: bigint, target: bigint, size: number): string {
    if (this.t.find(id) !== NONE) throw new ProtoError('duplicate', 'congress root already exists', 'ignore');
    const key = new Uint8Array(32);
    const root = this.t.push({
      hash: id,
      key,
      prev: NONE,
      other: NONE,
      flags: FLAG_ROOT,
      subchain: this.subs.length,
      time,
      target,
      aw: 0n,
      count: 0,
    });
    return this.newSubchain(congressId(id), TokenType.congress, root, target, size).id;
  }

  /** Closes a congress subchain: further blocks for it are invalid. */
  closeSubchain(subchain: string): void {
    this.sub(subchain).closed = true;
  }

  /**
   * Records a ledger checkpoint (§3.3): fork choice never again leaves `hash`. It must descend from
   * (or equal) the previous checkpoint. Returns true when the best tip moved.
   */
  setCheckpoint(subchain: string, hash: Uint8Array): boolean {
    const s = this.sub(subchain);
    const id = this.t.find(hash);
    if (id === NONE) throw new ProtoError('unknown-parent', 'checkpoint block is unknown', 'retry');
    if (id !== s.root && (this.t.subchain[id] !== s.index || !this.t.inPastOrSelf(s.checkpoint, id))) {
      throw new ProtoError(
        'checkpoint-not-descendant',
        'checkpoint does not descend from the previous one',
        'penalize',
      );
    }
    return s.setCheckpoint(this.t, id);
  }

  /** The next block's parents, target and earliest time for a miner building on the best tip. */
  template(subchain: string): Template | undefined {
    const s = this.sub(subchain);
    if (s.closed || this.t.count[s.best]! >= s.cap) return undefined;
    const other = this.mergeCandidate(s);
    const prevTime = this.t.time[s.best]!;
    const otherTime = other === NONE ? prevTime : this.t.time[other]!;
    return {
      prev: this.t.hash(s.best).slice(),
      other: other === NONE ? undefined : this.t.hash(other).slice(),
      type: s.type,
      target: targetAfter(this.t, s.best, s, this.minedParams(s.type)),
      minTime: (prevTime > otherTime ? prevTime : otherTime) + 1n,
    };
  }

  private mergeCandidate(s: Subchain): number {
    let pick = NONE;
    for (const leaf of s.leaves) {
      if (leaf === s.best || !this.canMerge(s, leaf)) continue;
      if (pick === NONE || this.t.aw[leaf]! > this.t.aw[pick]!) pick = leaf;
    }
    return pick;
  }

  private canMerge(s: Subchain, other: number): boolean {
    try {
      validateMerge(this.t, { prev: s.best, other, sub: s });
      return true;
    } catch {
      return false;
    }
  }

  /** A block from the future whose parents are known must already meet their rules (target, merge, time). */
  private checkEarly(b: CheckedBlock): void {
    let p: Parents;
    try {
      p = this.resolveParents(b);
    } catch (e) {
      if (isProtoError(e, 'unknown-parent')) return;
      throw e;
    }
    validateBlock(this.t, b, p, this.minedParams(p.sub.type));
  }

  private resolveParents(b: CheckedBlock): Parents {
    const prev = this.t.find(b.prev);
    if (prev === NONE) throw new ProtoError('unknown-parent', `parent ${toHex(b.prev)} is unknown`, 'retry');
    const other = b.other ? this.t.find(b.other) : NONE;
    if (b.other && other === NONE) {
      throw new ProtoError('unknown-parent', `merged parent ${toHex(b.other)} is unknown`, 'retry');
    }
    const sub = this.subchainOf(prev, b.type);
    if (sub.closed) throw new ProtoError('unknown-subchain', `${sub.id} is closed`, 'ignore');
    if (sub.floor > 0 && this.t.height[prev]! < sub.floor + BASE_DEPTH)
      throw new ProtoError('below-window', 'the block builds below the checkpointed window', 'ignore');
    return { prev, other, sub };
  }

  private subchainOf(prev: number, type: number): Subchain {
    const index = this.t.subchain[prev]!;
    const sub = index === NONE ? this.subs.find((s) => s.root === prev && s.type === type) : this.subs[index];
    if (!sub || sub.type !== type)
      throw new ProtoError('wrong-subchain', `a type ${type} token cannot follow this parent`, 'penalize');
    return sub;
  }

  private insert(raw: Uint8Array, b: CheckedBlock, p: Parents): Added {
    const merge = p.other !== NONE;
    const aw = this.t.aw[p.prev]! + work(b.target) + (merge ? work(this.t.target[p.other]!) : 0n);
    const count = this.t.count[p.prev]! + (merge ? 2 : 1);
    const flags = merge ? FLAG_MERGE : 0;
    const id = this.t.push({
      hash: b.hash,
      key: b.key,
      prev: p.prev,
      other: p.other,
      flags,
      subchain: p.sub.index,
      time: b.time,
      target: b.target,
      aw,
      count,
    });
    const tipChanged = p.sub.add(this.t, id);
    return { hash: b.hash, raw, type: b.type, subchain: p.sub.id, tipChanged };
  }

  private newSubchain(id: string, type: number, root: number, rootTarget: bigint, cap: number): Subchain {
    const s = new Subchain(id, this.subs.length, type, root, rootTarget, cap);
    this.subs.push(s);
    this.byId.set(id, s);
    return s;
  }

  private sub(id: string): Subchain {
    const s = this.byId.get(id);
    if (!s) throw new ProtoError('unknown-subchain', `no subchain ${id}`, 'ignore');
    return s;
  }

  private minedParams(type: number): MinedParams {
    if (type === TokenType.validator) return this.params.validator;
    if (type === TokenType.proposal) return this.params.proposal;
    return this.params.congress;
  }

  private describe(id: number): TokenInfo {
    const t = this.t;
    const root = t.isRoot(id);
    const index = t.subchain[id]!;
    const sub = index === NONE ? undefined : this.subs[index];
    const canonical = !root && sub !== undefined && t.inPastOrSelf(id, sub.best);
    const cut = this.cut.get(id);
    return {
      hash: t.hash(id).slice(),
      type: sub?.type ?? TokenType.veto,
      merge: t.isMerge(id),
      root,
      time: t.time[id]!,
      target: t.target[id]!,
      key: t.key(id).slice(),
      prev: t.prev[id] === NONE ? cut?.prev.slice() : t.hash(t.prev[id]!).slice(),
      other: t.other[id] === NONE ? cut?.other?.slice() : t.hash(t.other[id]!).slice(),
      aw: t.aw[id]!,
      count: t.count[id]!,
      height: t.height[id]!,
      subchain: sub?.id ?? 'genesis',
      canonical,
      confirmations: canonical ? t.count[sub!.best]! - t.count[id]! : undefined,
    };
  }
}
