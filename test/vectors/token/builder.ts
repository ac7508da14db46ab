import { compareBytes, toHex } from '../../../core/bytes.ts';
import { isProtoError, type ProtoErrorCode } from '../../../core/errors.ts';
import { encodeBlock, type TokenBlock } from '../../../core/token/block.ts';
import { TokenDag, type TokenInfo } from '../../../core/token/dag.ts';
import { blake3Hash } from '../../../core/token/hash.ts';
import { genesisToJson, type NetworkParams } from '../../../core/token/params.ts';
import { blockMeetsTarget } from '../../../core/token/pow.ts';
import { easyParams, type MineSpec, mine, requiredTarget } from '../../gen/chain.ts';
import type { CongressRootJson, InvalidVector, SubchainSummary, ValidVector } from './format.ts';

const S = 1_000_000_000n;

/** A block spec for the builder: the time defaults to the latest parent's time plus `dt` (1 s). */
export type Spec = Omit<MineSpec, 'time'> & { time?: bigint; dt?: bigint };

/**
 * Builds one vector: a dag that accepts every setup block at `now`, the setup blocks in arrival order,
 * then either the expected summary or one invalid block whose rejection code the dag confirms.
 */
export class VectorBuilder {
  readonly name: string;
  readonly params: NetworkParams;
  readonly dag: TokenDag;
  readonly now: bigint;
  readonly blocks: Uint8Array[] = [];
  readonly roots: CongressRootJson[] = [];
  private keys = 0;

  constructor(name: string, params: NetworkParams = easyParams()) {
    this.name = name;
    this.params = params;
    this.dag = new TokenDag(params);
    this.now = params.genesisTime + 3600n * S;
  }

  get genesis(): Uint8Array {
    return this.dag.genesisHash;
  }

  /** Opens a congress subchain whose root `id` is one byte repeated; returns the root hash. */
  root(
    fill: number,
    size: number,
    target = this.params.validator.rootTarget,
    time = this.params.genesisTime + 60n * S,
  ): Uint8Array {
    const id = new Uint8Array(32).fill(fill);
    this.dag.addCongressRoot(id, time, target, size);
    this.roots.push({ id: toHex(id), time: time.toString(), target: hex256(target), size });
    return id;
  }

  /** A block meeting its target (the required one unless `spec.target`), not yet added. */
  mine(spec: Spec): { bytes: Uint8Array; hash: Uint8Array; block: TokenBlock } {
    const { dt, ...rest } = spec;
    const key = spec.key ?? new Uint8Array(32).fill(++this.keys % 256);
    return mine(this.dag, { ...rest, key, time: spec.time ?? this.after(spec) + (dt ?? S) });
  }

  /** Mines a block and adds it as a setup block; returns its hash. */
  add(spec: Spec): Uint8Array {
    return this.accept(this.mine(spec).bytes);
  }

  /** Adds `bytes` as a setup block; returns its hash. */
  accept(bytes: Uint8Array): Uint8Array {
    const added = this.dag.addOrThrow(bytes, this.now);
    this.blocks.push(bytes);
    return added.hash;
  }

  /** A block with the required target whose hash misses it: no proof of work. */
  unmined(spec: Spec): Uint8Array {
    const block = { ...this.mine(spec).block };
    block.target = spec.target ?? requiredTarget(this.dag, spec.prev, spec.type);
    for (;;) {
      const bytes = encodeBlock(block);
      if (!blockMeetsTarget(blake3Hash(bytes), bytes)) return bytes;
      block.time += 1n;
    }
  }

  /** The better of two blocks of equal work (the smaller hash) first. */
  order(a: Uint8Array, b: Uint8Array): [Uint8Array, Uint8Array] {
    return compareBytes(a, b) < 0 ? [a, b] : [b, a];
  }

  info(hash: Uint8Array): TokenInfo {
    return this.dag.info(hash)!;
  }

  time(hash: Uint8Array): bigint {
    return this.info(hash).time;
  }

  /** The vector of a valid chain: tips, AW, counts and canonical order of every subchain. */
  valid(): ValidVector {
    const subchains: Record<string, SubchainSummary> = {};
    for (const id of this.dag.subchains()) subchains[id] = summarize(this.dag, id);
    return { ...this.head(), expect: { subchains } };
  }

  /** The vector of an invalid block; throws unless the dag rejects it with `code`. */
  invalid(block: Uint8Array, code: ProtoErrorCode): InvalidVector {
    try {
      this.dag.addOrThrow(block, this.now);
    } catch (e) {
      if (isProtoError(e, code)) return { ...this.head(), invalid: { block: toHex(block), code } };
      throw new Error(`${this.name}: expected ${code}, got ${String(e)}`);
    }
    throw new Error(`${this.name}: expected ${code}, the block was accepted`);
  }

  private head() {
    const head = { name: this.name, genesis: genesisToJson(this.params), now: this.now.toString() };
    const roots = this.roots.length > 0 ? { congressRoots: this.roots } : {};
    return { ...head, ...roots, blocks: this.blocks.map(toHex) };
  }

  private after(spec: Spec): bigint {
    const prev = this.dag.info(spec.prev);
    const other = spec.other ? this.dag.info(spec.other) : undefined;
    const t = prev?.time ?? this.params.genesisTime;
    return other && other.time > t ? other.time : t;
  }
}

/** What the dag reports for one subchain, in the vector's form. */
export function summarize(dag: TokenDag, id: string): SubchainSummary {
  const tip = dag.tip(id);
  const canonical = dag.canonical(id, 0, Number.MAX_SAFE_INTEGER).map(toHex);
  return { tip: toHex(tip.hash), aw: tip.aw.toString(16), count: tip.count, canonical };
}

function hex256(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}
