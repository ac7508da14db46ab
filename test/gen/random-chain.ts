import { PROPOSAL, TokenDag, VALIDATOR } from '../../core/token/dag.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import { mine, rng } from './chain.ts';

export interface RandomChainOptions {
  blocks: number;
  seed: number;
  /** Chance that a block forks off the tip's parent instead of extending the tip. */
  forkRate?: number;
}

/**
 * A valid random token chain (validator and proposal subchains) with forks and merges: a block forks
 * with `forkRate`, and every block whose template offers a competing leaf merges it. Returns the
 * blocks in creation order (a valid arrival order) and the dag that built them.
 */
export function randomChain(
  params: NetworkParams,
  o: RandomChainOptions,
): { blocks: Uint8Array[]; dag: TokenDag } {
  const dag = new TokenDag(params);
  const rand = rng(o.seed);
  const blocks: Uint8Array[] = [];
  const forkRate = o.forkRate ?? 0.12;
  for (let i = 0; i < o.blocks; i++) {
    const sub = rand() < 0.7 ? VALIDATOR : PROPOSAL;
    const type = sub === VALIDATOR ? 1 : 2;
    const spacing = sub === VALIDATOR ? params.validator.spacing : params.proposal.spacing;
    const tip = dag.tip(sub);
    const t = dag.template(sub)!;
    let spec = { prev: t.prev, other: t.other, type, time: t.minTime };
    if (!t.other && !tip.root && tip.prev && rand() < forkRate) {
      const parent = dag.info(tip.prev)!;
      spec = { prev: parent.hash, other: undefined, type, time: parent.time + 1n };
    }
    // a merged parent counts as two blocks issued (§1.4), so the gap after it averages 2T: targets stay level
    const ideal = Number(spacing) * (dag.info(spec.prev)!.merge ? 2 : 1);
    const jitter = BigInt(Math.floor(rand() * 2 * ideal));
    const key = new Uint8Array(32).fill(i % 251);
    const m = mine(dag, { ...spec, time: spec.time + jitter, key });
    dag.addOrThrow(m.bytes, m.block.time);
    blocks.push(m.bytes);
  }
  return { blocks, dag };
}
