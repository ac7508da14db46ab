/** fast-check arbitraries of signed votes and proposals, for codec tests of WAL records and p2p frames. */
import fc from 'fast-check';

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const sig = fc.uint8Array({ minLength: 64, maxLength: 64 });
const height = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const round = fc.integer({ min: 0, max: 0xffffffff });

export const signedVote = fc.record({
  type: fc.constantFrom('prevote' as const, 'precommit' as const),
  height,
  round,
  value: fc.option(hash),
  validator: fc.integer({ min: 0, max: 89 }),
  timestamp: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
  signature: sig,
});

export const signedProposal = fc
  .record({
    height,
    round: fc.integer({ min: 0, max: 0xfffffffe }),
    value: hash,
    signature: sig,
    vr: fc.nat(),
  })
  .map(({ vr, ...p }) => ({ ...p, validRound: (vr % (p.round + 1)) - 1 }));
