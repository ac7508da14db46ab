/**
 * Large random chains built here from fixed seeds, checked by the independent Python checker: its
 * tips, AW, counts and canonical order must equal the dag's.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../core/bytes.ts';
import { decodeBlock } from '../../../core/token/block.ts';
import type { TokenDag } from '../../../core/token/dag.ts';
import { genesisToJson } from '../../../core/token/params.ts';
import { easyParams } from '../../gen/chain.ts';
import { lazyChain } from '../../gen/lazy-chain.ts';
import { randomChain } from '../../gen/random-chain.ts';
import { summarize } from './builder.ts';
import { runChecker } from './checker.ts';
import { bySubchainId, type CheckerReport, type CongressRootJson } from './format.ts';

const params = easyParams();

/** Merges by depth (1: of a sibling, 2: of a block whose parent is prev's grandparent) and forks. */
function shape(dag: TokenDag, blocks: Uint8Array[]) {
  const decoded = blocks.map(decodeBlock);
  const depths = decoded
    .filter((b) => b.other)
    .map((b) => dag.info(b.prev)!.height - dag.info(b.other!)!.height + 1);
  const forks = blocks.length - new Set(decoded.map((b) => toHex(b.prev))).size;
  const now = decoded.reduce((t, b) => (b.time > t ? b.time : t), 0n);
  return {
    depth1: depths.filter((d) => d === 1).length,
    depth2: depths.filter((d) => d === 2).length,
    forks,
    now,
  };
}

async function agree(
  dag: TokenDag,
  blocks: Uint8Array[],
  now: bigint,
  congressRoots: CongressRootJson[] = [],
) {
  const input = {
    genesis: genesisToJson(params),
    now: now.toString(),
    congressRoots,
    blocks: blocks.map(toHex),
  };
  const r = await runChecker(input);
  expect(r.status, r.stderr).toBe(0);
  const want = Object.fromEntries(dag.subchains().map((id) => [id, summarize(dag, id)]));
  expect(bySubchainId(r.output as CheckerReport)).toEqual(want);
}

describe.concurrent('large random chains against the Python checker', () => {
  it('2000 blocks from randomChain: forks and about 10 % merges', async () => {
    const { blocks, dag } = randomChain(params, { blocks: 2000, seed: 2024 });
    const s = shape(dag, blocks);
    expect(s.depth1).toBeGreaterThan(150);
    expect(s.forks).toBeGreaterThan(s.depth1);
    await agree(dag, blocks, s.now);
  });

  it('2000 blocks from lazyChain: merges of both depths, a congress subchain', async () => {
    const { blocks, dag, root } = lazyChain(params, { blocks: 2000, seed: 77 });
    const s = shape(dag, blocks);
    expect(s.depth1).toBeGreaterThan(50);
    expect(s.depth2).toBeGreaterThan(50);
    const target = root.target.toString(16).padStart(64, '0');
    const congress = { id: toHex(root.id), time: root.time.toString(), target, size: root.size };
    await agree(dag, blocks, s.now, [congress]);
  });
});
