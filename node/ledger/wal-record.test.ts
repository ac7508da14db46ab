import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ProtoError } from '../../core/errors.ts';
import { signedProposal, signedVote } from '../../core/ledger/codec/signed.fixture.ts';
import { assertRoundTrips, strictDecoding } from '../../test/fuzz.ts';
import { decodeWalRecord, encodeWalRecord, type WalRecord } from './wal-record.ts';

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const height = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const round = fc.integer({ min: 0, max: 0xffffffff });

const record: fc.Arbitrary<WalRecord> = fc.oneof(
  fc.record({
    kind: fc.constant('proposal' as const),
    proposal: signedProposal,
    valid: fc.boolean(),
    block: fc.uint8Array({ maxLength: 300 }),
  }),
  fc.record({ kind: fc.constant('vote' as const), vote: signedVote }),
  fc.record({
    kind: fc.constant('timeout' as const),
    timeout: fc.record({
      kind: fc.constantFrom('propose' as const, 'prevote' as const, 'precommit' as const),
      height,
      round,
    }),
  }),
  fc.record({
    kind: fc.constant('propose-value' as const),
    height,
    round,
    value: hash,
    block: fc.uint8Array({ maxLength: 300 }),
  }),
);

const checkStrict = strictDecoding(decodeWalRecord, encodeWalRecord, ProtoError);

describe('WAL record codec', () => {
  it('round-trips every record', () => {
    assertRoundTrips(record, decodeWalRecord, encodeWalRecord);
  });

  it('rejects mutated or random bytes, or decodes them to their one encoding (fuzz)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), checkStrict), { numRuns: 3000 });
    fc.assert(
      fc.property(record, fc.nat(), fc.integer({ min: 0, max: 255 }), (r, at, b) => {
        const bytes = encodeWalRecord(r);
        const mutated = bytes.slice();
        mutated[at % bytes.length] = b;
        checkStrict(mutated);
        checkStrict(bytes.subarray(0, bytes.length - 1));
      }),
      { numRuns: 3000 },
    );
  });
});
