/**
 * A 2000-block random chain (forks and about 10 % merges), built here from a fixed seed, checked by the
 * independent Python checker: its tips, AW, counts and canonical order must equal the dag's.
 */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../core/bytes.ts';
import { decodeBlock } from '../../../core/token/block.ts';
import { genesisToJson } from '../../../core/token/params.ts';
import { easyParams } from '../../gen/chain.ts';
import { randomChain } from '../../gen/random-chain.ts';
import { summarize } from './builder.ts';
import { runChecker } from './checker.ts';
import { bySubchainId, type CheckerReport } from './format.ts';

describe('a 2000-block random chain', () => {
  const params = easyParams();
  const { blocks, dag } = randomChain(params, { blocks: 2000, seed: 2024 });
  const decoded = blocks.map(decodeBlock);
  const now = decoded.reduce((t, b) => (b.time > t ? b.time : t), 0n);

  it('has forks and merges', () => {
    const merges = decoded.filter((b) => b.other).length;
    const forks = blocks.length - new Set(decoded.map((b) => toHex(b.prev))).size;
    expect(merges).toBeGreaterThan(100);
    expect(forks).toBeGreaterThan(merges);
  });

  it('gives the Python checker the same tips, AW, counts and canonical order as the dag', async () => {
    const input = { genesis: genesisToJson(params), now: now.toString(), blocks: blocks.map(toHex) };
    const r = await runChecker(input);
    expect(r.status, r.stderr).toBe(0);
    const want = Object.fromEntries(dag.subchains().map((id) => [id, summarize(dag, id)]));
    expect(bySubchainId(r.output as CheckerReport)).toEqual(want);
    expect(want.validator!.count + want.proposal!.count).toBeGreaterThan(1900);
  });
});
