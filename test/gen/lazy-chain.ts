import { congressId, PROPOSAL, TokenDag, type TokenInfo, VALIDATOR } from '../../core/token/dag.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import { mine, rng } from './chain.ts';

export interface LazyChainOptions {
  blocks: number;
  seed: number;
  /** Chance that a block forks off the tip's parent or grandparent instead of extending the tip. */
  forkRate?: number;
  /** Chance that a block ignores the merge its template offers, so forks age into depth-2 merges. */
  skipMerge?: number;
}

export interface LazyChain {
  blocks: Uint8Array[];
  dag: TokenDag;
  /** The one congress root (hex id, decimal time, hex target, size) that congress blocks grow from. */
  root: { id: Uint8Array; time: bigint; target: bigint; size: number };
}

/**
 * A valid random chain over the validator, proposal and one congress subchain whose merges reach
 * both depths of §1.2: forks start from the tip's parent or grandparent, and offered merges are
 * sometimes skipped, so a fork is often merged one block later than it could be.
 */
export function lazyChain(params: NetworkParams, o: LazyChainOptions): LazyChain {
  const dag = new TokenDag(params);
  const rand = rng(o.seed);
  const root = {
    id: new Uint8Array(32).fill(0x5c),
    time: params.genesisTime,
    target: 1n << 255n,
    size: 1 << 20,
  };
  dag.addCongressRoot(root.id, root.time, root.target, root.size);
  const blocks: Uint8Array[] = [];
  for (let i = 0; i < o.blocks; i++) {
    const pick = rand();
    const [sub, type] = pick < 0.5 ? [VALIDATOR, 1] : pick < 0.75 ? [PROPOSAL, 2] : [congressId(root.id), 3];
    const t = dag.template(sub)!;
    const tip = dag.tip(sub);
    let spec = { prev: t.prev, other: rand() < (o.skipMerge ?? 0.5) ? undefined : t.other };
    if (!spec.other && rand() < (o.forkRate ?? 0.2))
      spec = { prev: forkPoint(dag, tip, rand()), other: undefined };
    const parents = [spec.prev, ...(spec.other ? [spec.other] : [])].map((h) => dag.info(h)!.time);
    const latest = parents.reduce((a, b) => (a > b ? a : b));
    // a merged parent counts as two blocks issued (§1.4): a gap of 2T on average keeps targets level
    const spacing = [params.validator, params.proposal, params.congress][type - 1]!.spacing;
    const ideal = Number(spacing) * (dag.info(spec.prev)!.merge ? 2 : 1);
    const jitter = BigInt(Math.floor(rand() * 2 * ideal));
    const m = mine(dag, { ...spec, type, time: latest + 1n + jitter, key: new Uint8Array(32).fill(i % 251) });
    dag.addOrThrow(m.bytes, m.block.time);
    blocks.push(m.bytes);
  }
  return { blocks, dag, root };
}

/** The tip's parent, or its grandparent when `r` < 0.5 and there is one; the tip itself at a root. */
function forkPoint(dag: TokenDag, tip: TokenInfo, r: number): Uint8Array {
  if (tip.root || !tip.prev) return tip.hash;
  const parent = dag.info(tip.prev)!;
  return r < 0.5 && parent.prev ? parent.prev : parent.hash;
}
