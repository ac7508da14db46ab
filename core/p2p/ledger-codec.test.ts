import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRoundTrips, strictDecoding } from '../../test/fuzz.ts';
import { ProtoError } from '../errors.ts';
import { signedProposal, signedVote } from '../ledger/codec/signed.fixture.ts';
import { decodeMessage, encodeMessage } from './codec.ts';
import {
  LEDGER_BATCH_BYTES,
  MAX_FRAME,
  MAX_LEDGER_BATCH,
  MAX_LEDGER_BLOCK,
  MAX_LEDGER_COMMIT,
  MAX_POL_VOTES,
  MAX_TX_BATCH,
  MAX_TX_BYTES,
} from './limits.ts';
import { ledgerMessage } from './message.fixture.ts';

const bytes = (max: number) => fc.uint8Array({ maxLength: max });

const checkStrict = strictDecoding(decodeMessage, encodeMessage, ProtoError);

describe('p2p ledger frames', () => {
  it('round-trip', () => {
    assertRoundTrips(ledgerMessage, decodeMessage, encodeMessage);
  });

  it('reject mutated, cut or grown frames, or decode them to their one encoding (fuzz)', () => {
    const mutation = fc.record({
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
      cut: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(ledgerMessage, mutation, (m, mu) => {
        const frame = encodeMessage(m);
        const mutated = frame.slice();
        mutated[mu.at % frame.length] = mu.value;
        checkStrict(mutated);
        checkStrict(frame.subarray(0, Math.max(0, frame.length - mu.cut)));
        checkStrict(new Uint8Array([...frame, mu.value]));
      }),
      { numRuns: 5000 },
    );
  });

  it('reject random frames of every ledger type, or decode them to their one encoding (fuzz)', () => {
    const frame = fc
      .tuple(fc.integer({ min: 10, max: 16 }), bytes(300))
      .map(([t, b]) => new Uint8Array([t, ...b]));
    fc.assert(fc.property(frame, checkStrict), { numRuns: 5000 });
  });

  it('reject what no peer may send', () => {
    const vote = encodeMessage({ type: 'ledgerVote', vote: fc.sample(signedVote, 1)[0]! });
    const badType = vote.slice();
    badType[1] = 3;
    const badIndex = vote.slice();
    badIndex[vote.length - 64 - 8 - 1] = 90;
    const hugeHeight = encodeMessage({ type: 'ledgerStatus', head: 0 }).fill(0xff, 1);
    const zeroFrom = encodeMessage({ type: 'getLedgerBlocks', id: 1, from: 1, count: 1 });
    zeroFrom[12] = 0;
    const tooMany = encodeMessage({ type: 'getLedgerBlocks', id: 1, from: 1, count: 1 });
    tooMany[13] = MAX_LEDGER_BATCH + 1;
    const noTxs = new Uint8Array([15, 0]);
    const bigBlock = new Uint8Array([11, ...new Uint8Array(112), 0, 1, 0x80, 0x01]);
    for (const f of [badType, badIndex, hugeHeight, zeroFrom, tooMany, noTxs, bigBlock])
      expect(() => decodeMessage(f)).toThrow(ProtoError);
  });

  it('keep the largest messages under the frame cap', () => {
    const vote = fc.sample(signedVote, 1)[0]!;
    const proposal = fc.sample(signedProposal, 1)[0]!;
    const pol = Array.from({ length: MAX_POL_VOTES }, () => ({ ...vote, value: new Uint8Array(32) }));
    const block = new Uint8Array(MAX_LEDGER_BLOCK);
    expect(encodeMessage({ type: 'ledgerProposal', proposal, block, pol }).length).toBeLessThan(MAX_FRAME);
    const blocks = [{ block, commit: new Uint8Array(MAX_LEDGER_COMMIT) }];
    expect(encodeMessage({ type: 'ledgerBlocks', id: 1, blocks }).length).toBeLessThan(MAX_FRAME);
    // An answer holds one block of any size, or more blocks while they total at most LEDGER_BATCH_BYTES.
    expect(LEDGER_BATCH_BYTES + 1024).toBeLessThan(MAX_FRAME);
    const txs = Array.from({ length: MAX_TX_BATCH }, () => new Uint8Array(MAX_TX_BYTES));
    expect(encodeMessage({ type: 'ledgerTxs', txs }).length).toBeLessThan(MAX_FRAME);
  });
});
