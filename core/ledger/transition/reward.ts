import type { Height } from '../../height.ts';
import type { Draft } from './draft.ts';
import { mintedAt, splitReward } from './issuance.ts';

/**
 * Block issuance (PROTOCOL.md §3.6): block `height` mints S(height) - S(height - 1), an equal share for
 * each validator whose precommit is in the block's LastCommit and the remainder for the proposer
 * (all of it when the LastCommit is empty, at height 1). The stored supply grows by exactly the
 * minted amount, so balances keep summing to it.
 */
export function payIssuance(d: Draft, height: Height, signers: Uint8Array[], proposer: Uint8Array): void {
  const minted = mintedAt(d.parent.genesisSupply, height);
  const { each, remainder } =
    signers.length > 0 ? splitReward(minted, signers.length) : { each: 0n, remainder: minted };
  for (const key of signers) d.credit(key, each);
  d.credit(proposer, remainder);
  d.supply += minted;
  d.events.push({ kind: 'issuance', minted, each, signers, remainder, proposer });
}
