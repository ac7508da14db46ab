import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { easyParams } from '../../test/gen/chain.ts';
import { type LazyChain, lazyChain } from '../../test/gen/lazy-chain.ts';
import { randomChain } from '../../test/gen/random-chain.ts';
import { toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import { decodeBlock } from './block.ts';
import { TokenDag } from './dag.ts';

const BLOCKS = 150;
const params = easyParams();

/** Feeds blocks in the given order, setting aside those whose parents are unknown and retrying them. */
function feed(blocks: Uint8Array[], now: bigint, root?: LazyChain['root']): TokenDag {
  const dag = new TokenDag(params);
  if (root) dag.addCongressRoot(root.id, root.time, root.target, root.size);
  let pending = blocks;
  while (pending.length > 0) {
    const waiting: Uint8Array[] = [];
    for (const bytes of pending) {
      try {
        dag.addOrThrow(bytes, now);
      } catch (e) {
        if (!isProtoError(e, 'unknown-parent')) throw e;
        waiting.push(bytes);
      }
    }
    expect(waiting.length).toBeLessThan(pending.length);
    pending = waiting;
  }
  return dag;
}

/** Tip and canonical list of every subchain. */
function state(dag: TokenDag) {
  return dag.subchains().map((id) => ({
    id,
    tip: toHex(dag.tip(id).hash),
    canonical: dag.canonical(id, 0, BLOCKS * 2).map(toHex),
  }));
}

const order = fc.shuffledSubarray(
  Array.from({ length: BLOCKS }, (_, i) => i),
  { minLength: BLOCKS, maxLength: BLOCKS },
);
const seed = fc.integer({ min: 1, max: 1 << 30 });

function latest(blocks: Uint8Array[]): bigint {
  return blocks.map((b) => decodeBlock(b).time).reduce((a, b) => (a > b ? a : b));
}

describe('fork choice does not depend on arrival order', () => {
  it('a shuffled random chain gives the same tips and canonical lists', () => {
    fc.assert(
      fc.property(seed, order, (s, perm) => {
        const chain = randomChain(params, { blocks: BLOCKS, seed: s, forkRate: 0.3 });
        const shuffled = feed(
          perm.map((i) => chain.blocks[i]!),
          latest(chain.blocks),
        );
        expect(state(shuffled)).toEqual(state(chain.dag));
      }),
      { numRuns: 15 },
    );
  });

  it('so does a chain with merges of both depths and a congress subchain', () => {
    fc.assert(
      fc.property(seed, order, (s, perm) => {
        const chain = lazyChain(params, { blocks: BLOCKS, seed: s });
        const shuffled = feed(
          perm.map((i) => chain.blocks[i]!),
          latest(chain.blocks),
          chain.root,
        );
        expect(state(shuffled)).toEqual(state(chain.dag));
      }),
      { numRuns: 15 },
    );
  });
});
