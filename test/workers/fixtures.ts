/**
 * What the workerd suites and the Node side (test/workers/node-side.ts, run by the vitest config)
 * both build: the same parameters and seeded chains, summarised the same way, so the two runtimes
 * can be compared value for value.
 */
import { concatBytes, toHex } from '../../core/bytes.ts';
import { keyPair } from '../../core/ledger/transition/ledger.fixture.ts';
import type { TokenDag } from '../../core/token/dag.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import { MAX_U256 } from '../../core/token/pow.ts';
import { easyParams } from '../gen/chain.ts';

/** Random chains built on both sides (test/gen/random-chain.ts on easyParams()). */
export const CHAIN_RUNS = [
  { seed: 1, blocks: 150 },
  { seed: 0x5eed, blocks: 150, forkRate: 0.35 },
] as const;

/** The genesis validators of the edge's test network: keyPair(1..4), so tests can sign commits. */
export const EDGE_VALIDATORS = [1, 2, 3, 4].map(keyPair);

/**
 * The genesis the edge serves in tests: easyParams() with the validator maxTarget halved, so blocks
 * still need about two hashes while a block claiming the easiest target breaks the maxTarget rule,
 * and four genesis validators whose secrets EDGE_VALIDATORS holds.
 */
export function edgeTestParams(): NetworkParams {
  const p = easyParams();
  const validators = EDGE_VALIDATORS.map((v) => ({ key: v.key, uses: 1000 }));
  return { ...p, network: 'edge-test', validator: { ...p.validator, maxTarget: MAX_U256 >> 1n }, validators };
}

/** A subchain tip as both sides report it. */
export interface TipSummary {
  hash: string;
  count: number;
  aw: string;
}

/** One random chain: a digest of its blocks in creation order and the dag's tips. */
export interface ChainSummary {
  seed: number;
  blocks: number;
  digest: string;
  tips: Record<string, TipSummary>;
}

/** Tips of every subchain of `dag`. */
export function tipsOf(dag: TokenDag): Record<string, TipSummary> {
  const tips: Record<string, TipSummary> = {};
  for (const id of dag.subchains()) {
    const t = dag.tip(id);
    tips[id] = { hash: toHex(t.hash), count: t.count, aw: t.aw.toString() };
  }
  return tips;
}

/** BLAKE3 of the blocks' bytes, concatenated in order. */
export function digestOf(blocks: readonly Uint8Array[]): string {
  return toHex(blake3Hash(concatBytes(...blocks)));
}

/** The p2p messages both sides sample (fc.sample of core/p2p/message.fixture.ts `anyMessage`). */
export const FRAME_SAMPLE = { seed: 0xf4a3e, numRuns: 80 } as const;

/** Values computed under Node, handed to the workerd suites through vitest's `provide`. */
export interface NodeSide {
  /** genesisToJson(edgeTestParams()) as a string: the Worker's GENESIS binding in tests. */
  edgeGenesis: string;
  /** chainId (hex) of each named genesis: `easy`, `edgeTest`, `bundled` (edge/genesis.json). */
  chainIds: Record<'easy' | 'edgeTest' | 'bundled', string>;
  /** Token-chain id (genesis token hash, hex) of easyParams(). */
  easyGenesisHash: string;
  chains: ChainSummary[];
  /** The frames (hex) of the FRAME_SAMPLE messages, encoded by Node. */
  frames: string[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    nodeSide: NodeSide;
  }
}
