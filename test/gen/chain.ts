import { nextTarget } from '../../core/token/asert.ts';
import { encodeBlock, type TokenBlock } from '../../core/token/block.ts';
import type { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { makeGenesis, type NetworkParams, PRESETS, type Preset } from '../../core/token/params.ts';
import { blockMeetsTarget, MAX_U256 } from '../../core/token/pow.ts';

const S = 1_000_000_000n;

/** Devnet-shaped parameters with targets so easy that a block needs a few hashes at most. */
export function easyParams(genesisTime = 1_700_000_000n * S): NetworkParams {
  return makeGenesis(easyPreset(), {
    genesisTime,
    vetoKey: new Uint8Array(32).fill(7),
    validators: [{ key: new Uint8Array(32).fill(1), uses: 60 }],
    balances: [],
  });
}

/** The devnet preset with targets any hash meets (root targets: half of them). */
export function easyPreset(): Preset {
  const easy = { maxTarget: MAX_U256, rootTarget: MAX_U256 >> 1n };
  const p = PRESETS.devnet;
  return {
    ...p,
    validator: { ...p.validator, ...easy },
    proposal: { ...p.proposal, ...easy },
    congress: { ...p.congress, maxTarget: MAX_U256 },
  };
}

export interface MineSpec {
  prev: Uint8Array;
  other?: Uint8Array;
  type: number;
  /** Earliest time to try; the miner steps time by 1 ns until the hash meets the target. */
  time: bigint;
  key?: Uint8Array;
  /** Override the computed target (to build invalid blocks). */
  target?: bigint;
}

/** Target the protocol requires after `prev`, computed from what the dag reports about it. */
export function requiredTarget(dag: TokenDag, prev: Uint8Array, type: number): bigint {
  const P = dag.info(prev)!;
  const p = dag.params;
  if (P.root) return type === 1 ? p.validator.rootTarget : type === 2 ? p.proposal.rootTarget : P.target;
  const params = type === 1 ? p.validator : type === 2 ? p.proposal : p.congress;
  const parentTime = dag.info(P.prev!)!.time;
  const asP = { isRoot: false, target: P.target, time: P.time, parentTime, merge: P.merge };
  return nextTarget(asP, params.spacing, params.halfLife, params.maxTarget);
}

/** A block on the given parents whose hash meets its target (searching over time). */
export function mine(
  dag: TokenDag,
  spec: MineSpec,
): { bytes: Uint8Array; hash: Uint8Array; block: TokenBlock } {
  const target = spec.target ?? requiredTarget(dag, spec.prev, spec.type);
  const block: TokenBlock = {
    prev: spec.prev,
    type: spec.type as 1,
    time: spec.time,
    target,
    key: spec.key ?? new Uint8Array(32).fill(9),
  };
  if (spec.other) block.other = spec.other;
  for (;;) {
    const bytes = encodeBlock(block);
    const hash = blake3Hash(bytes);
    if (blockMeetsTarget(hash, bytes) || target === 0n) return { bytes, hash, block };
    block.time += 1n;
  }
}

/** Deterministic PRNG for tests and generators (xorshift32); never used by product code. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
