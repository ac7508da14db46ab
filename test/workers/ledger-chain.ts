/**
 * A real committed ledger chain on the edge's test genesis (edgeTestParams): each block built and
 * applied by core (TestLedger), its commit signed by the four genesis validators (EDGE_VALIDATORS).
 */
import { type Commit, encodeBlock, encodeCommit } from '../../core/ledger/index.ts';
import { TestLedger } from '../../core/ledger/transition/ledger.fixture.ts';
import type { CommittedBlock } from '../../core/p2p/ledger-codec.ts';
import type { NetworkParams } from '../../core/token/params.ts';
import { EDGE_VALIDATORS, edgeTestParams } from './fixtures.ts';

/** Blocks 1..n with their commits, and the ordered validator list of each height (index h - 1). */
export interface CommittedChain {
  blocks: CommittedBlock[];
  commits: Commit[];
  lists: Uint8Array[][];
  ledger: TestLedger;
}

/** `n` committed blocks on `params` (default: the edge's test genesis). */
export function committedChain(n: number, params: NetworkParams = edgeTestParams()): CommittedChain {
  const t = new TestLedger(
    params,
    EDGE_VALIDATORS.map((v) => v.secret),
  );
  const out: CommittedChain = { blocks: [], commits: [], lists: [], ledger: t };
  for (let h = 1; h <= n; h++) {
    const built = t.next();
    const commit = t.commit();
    out.lists.push([...t.state.lastValidators]);
    out.commits.push(commit);
    out.blocks.push({ block: encodeBlock(built.block), commit: encodeCommit(commit) });
  }
  return out;
}
