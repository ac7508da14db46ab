/**
 * The Node half of the portability tests: vitest.workers.config.ts runs this under Node and provides
 * the result to the suites that run the same code inside workerd.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { toHex } from '../../core/bytes.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import { anyMessage } from '../../core/p2p/message.fixture.ts';
import { tokenChainId } from '../../core/token/genesis.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { chainId, genesisToJson, parseGenesis } from '../../core/token/params.ts';
import { easyParams } from '../gen/chain.ts';
import { randomChain } from '../gen/random-chain.ts';
import { CHAIN_RUNS, digestOf, edgeTestParams, FRAME_SAMPLE, type NodeSide, tipsOf } from './fixtures.ts';

/** Computes every expected value under Node. */
export function nodeSide(): NodeSide {
  const bundled = parseGenesis(
    JSON.parse(readFileSync(new URL('../../edge/genesis.json', import.meta.url), 'utf8')),
  );
  const chains = CHAIN_RUNS.map((run) => {
    const { blocks, dag } = randomChain(easyParams(), run);
    return { seed: run.seed, blocks: blocks.length, digest: digestOf(blocks), tips: tipsOf(dag) };
  });
  return {
    edgeGenesis: JSON.stringify(genesisToJson(edgeTestParams())),
    chainIds: {
      easy: toHex(chainId(easyParams())),
      edgeTest: toHex(chainId(edgeTestParams())),
      bundled: toHex(chainId(bundled)),
    },
    easyGenesisHash: toHex(tokenChainId(easyParams(), blake3Hash)),
    chains,
    frames: fc.sample(anyMessage, FRAME_SAMPLE).map((m) => toHex(encodeMessage(m))),
  };
}
