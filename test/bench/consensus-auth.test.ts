/**
 * The bench's signatures: every receiver verifies each message once, tampered or misattributed
 * messages fail, and a signed network stays safe and live, with and without a verification worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Vote } from '../../core/consensus/index.ts';
import { minHeights, safetyFaults } from '../sim/check.ts';
import { runSim, SMALL_NETWORK } from '../sim/sim.ts';
import { signedAuth } from './consensus-auth.ts';
import { publicKeys } from './consensus-keys.ts';
import { startPool, type VerifyPool } from './verify-pool.ts';

const CHAIN_ID = new Uint8Array(32).fill(9);
const N = 4;
const pools: VerifyPool[] = [];

async function setup(threads: number) {
  const keys = publicKeys(N);
  const pool = startPool(N, CHAIN_ID, keys, threads);
  pools.push(pool);
  await pool.ready();
  const auth = signedAuth(CHAIN_ID, keys, pool, () => 1_700_000_000_000_000_000n);
  const verified = () => auth.counts.verifiedHere + pool.workerVerifications();
  return { auth, verified };
}

const VOTE: Vote = { type: 'prevote', height: 3, round: 1, value: new Uint8Array(32).fill(5), validator: 2 };

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('signed simulator messages', () => {
  for (const threads of [0, 1]) {
    it(`each receiver verifies a message once (${threads} workers)`, async () => {
      const { auth, verified } = await setup(threads);
      const vote = auth.signVote(VOTE);
      for (let r = 0; r < N; r++) expect(auth.verifyVote(vote, r)).toBe(true);
      expect(verified()).toBe(N);
      expect(auth.verifyVote(vote, 1)).toBe(true);
      expect(verified()).toBe(N);
    });
  }

  it('rejects a changed value, another voter and the wrong proposer', async () => {
    const { auth } = await setup(0);
    const vote = auth.signVote(VOTE);
    expect(auth.verifyVote({ ...vote, value: null }, 0)).toBe(false);
    expect(auth.verifyVote({ ...vote, validator: 1 }, 0)).toBe(false);
    expect(auth.verifyVote(VOTE, 0)).toBe(false);
    const proposal = auth.signProposal({ height: 3, round: 1, value: VOTE.value!, validRound: -1 }, 1);
    expect(auth.verifyProposal(proposal, 1, 0)).toBe(true);
    expect(auth.verifyProposal(proposal, 2, 0)).toBe(false);
  });

  it('a signed network decides safely', async () => {
    const { auth, verified } = await setup(1);
    const world = runSim({ ...SMALL_NETWORK, heights: 3, auth });
    expect(safetyFaults(world)).toEqual([]);
    expect(minHeights(world)).toBe(3);
    expect(verified()).toBeGreaterThan(0);
  });
});
