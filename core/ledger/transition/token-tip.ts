import { toHex } from '../../bytes.ts';
import { PROPOSAL, VALIDATOR } from '../../token/dag.ts';
import type { Checkpoints } from '../codec/header.ts';

/** The checkpointed tip of `subchain` ('validator', 'proposal' or 'congress:<root hex>'), if any. */
export function checkpointOf(c: Checkpoints, subchain: string): Uint8Array | undefined {
  if (subchain === VALIDATOR) return c.validator;
  if (subchain === PROPOSAL) return c.proposal;
  return c.congress.find((t) => `congress:${toHex(t.root)}` === subchain)?.tip;
}
