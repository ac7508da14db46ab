import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalBytes, toHex } from '../../bytes.ts';
import { isProtoError } from '../../errors.ts';
import { encodeBlock as encodeTokenBlock } from '../../token/block.ts';
import { decodeBlock, encodeBlock } from './block.ts';
import { type Commit, decodeCommit, encodeCommit } from './commit.ts';
import { TxType } from './constants.ts';
import { decodeHeader, encodeHeader, type Header } from './header.ts';
import { decodeTx, encodeTx, type Tx, txSignBytes } from './tx.ts';
import { proposalSignBytes, voteSignBytes } from './vote.ts';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const u = (bits: number) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
const time = u(63);

const tokenBlock = fc
  .record({ prev: bytes(32), type: fc.constantFrom(1, 2, 3, 4), time, target: u(256), key: bytes(32) })
  .chain((b) => fc.option(bytes(32), { nil: undefined }).map((other) => ({ ...b, other })))
  .map((b) => encodeTokenBlock(b as Parameters<typeof encodeTokenBlock>[0]));

const tx: fc.Arbitrary<Tx> = fc.oneof(
  fc.record({
    type: fc.constant(TxType.transfer),
    from: bytes(32),
    to: bytes(32),
    amount: u(128),
    fee: u(128),
    nonce: u(64),
    signature: bytes(64),
  }),
  fc.record({
    type: fc.constant(TxType.tokenTransfer),
    token: bytes(32),
    newOwner: bytes(32),
    seq: fc.nat({ max: 2 ** 32 - 1 }),
    signature: bytes(64),
  }),
  fc.record({
    type: fc.constant(TxType.announce),
    consensusKey: bytes(32),
    token: tokenBlock,
    signature: bytes(64),
  }),
);

const commit: fc.Arbitrary<Commit> = fc.record({
  height: fc.maxSafeNat(),
  round: fc.nat({ max: 2 ** 32 - 1 }),
  blockHash: bytes(32),
  signatures: fc
    .uniqueArray(fc.nat({ max: 89 }), { maxLength: 12 })
    .chain((ids) =>
      fc.tuple(
        ...ids
          .sort((a, b) => a - b)
          .map((v) => fc.record({ validator: fc.constant(v), timestamp: time, signature: bytes(64) })),
      ),
    ),
});

const header: fc.Arbitrary<Header> = fc
  .record({
    chainId: bytes(32),
    height: fc.maxSafeNat(),
    round: fc.nat({ max: 2 ** 32 - 1 }),
    time,
    lastBlockHash: bytes(32),
    lastCommitHash: bytes(32),
    validatorsHash: bytes(32),
    nextValidatorsHash: bytes(32),
    stateRoot: bytes(32),
    txsHash: bytes(32),
    proposer: bytes(32),
    validator: bytes(32),
    proposal: bytes(32),
    congress: fc.uniqueArray(bytes(32), { maxLength: 3, selector: toHex }),
  })
  .map(({ validator, proposal, congress, ...h }) => ({
    ...h,
    checkpoints: {
      validator,
      proposal,
      congress: congress
        .sort((a, b) => toHex(a).localeCompare(toHex(b)))
        .map((root) => ({ root, tip: root })),
    },
  }));

const block = fc.record({ header, lastCommit: commit, txs: fc.array(tx, { maxLength: 4 }) });

/** Decoding `input` either throws a ProtoError or yields a value that encodes back to `input`. */
function strict<T>(input: Uint8Array, decode: (b: Uint8Array) => T, encode: (v: T) => Uint8Array): void {
  let value: T;
  try {
    value = decode(input);
  } catch (e) {
    if (!isProtoError(e)) throw e;
    return;
  }
  expect(toHex(encode(value))).toBe(toHex(input));
}

const codecs = [
  ['tx', tx, decodeTx, encodeTx],
  ['commit', commit, decodeCommit, encodeCommit],
  ['header', header, decodeHeader, encodeHeader],
  ['block', block, decodeBlock, encodeBlock],
] as const;

describe.each(codecs)('%s codec', (_name, arb, decode, encode) => {
  const enc = encode as (v: unknown) => Uint8Array;
  const dec = decode as (b: Uint8Array) => unknown;

  it('round-trips every value', () => {
    fc.assert(
      fc.property(arb as fc.Arbitrary<unknown>, (v) => {
        expect(toHex(enc(dec(enc(v))))).toBe(toHex(enc(v)));
      }),
    );
  });

  it('rejects a trailing byte and a missing byte', () => {
    fc.assert(
      fc.property(arb as fc.Arbitrary<unknown>, (v) => {
        const b = enc(v);
        for (const bad of [new Uint8Array([...b, 0]), b.subarray(0, b.length - 1)]) {
          expect(() => dec(bad)).toThrow();
          strict(bad, dec, enc);
        }
      }),
    );
  });

  it('mutated bytes throw only ProtoError, or decode to a value with exactly those bytes', () => {
    const mutation = fc.tuple(arb as fc.Arbitrary<unknown>, fc.nat(), fc.integer({ min: 1, max: 255 }));
    fc.assert(
      fc.property(mutation, ([v, at, xor]) => {
        const b = enc(v).slice();
        b[at % b.length]! ^= xor;
        strict(b, dec, enc);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes throw only ProtoError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => {
        strict(b, dec, enc);
      }),
      { numRuns: 300 },
    );
  });
});

describe('strict values', () => {
  const sig = new Uint8Array(64);
  const transfer = encodeTx({
    type: TxType.transfer,
    from: new Uint8Array(32),
    to: new Uint8Array(32),
    amount: 5n,
    fee: 1n,
    nonce: 0n,
    signature: sig,
  });

  it('freezes a decoded transaction, which re-encodes to its bytes even after the input changes', () => {
    const input = transfer.slice();
    const tx = decodeTx(input);
    expect(() => {
      (tx as { fee: bigint }).fee = 2n;
    }).toThrow(TypeError);
    input.fill(0);
    expect(encodeTx(tx)).toEqual(transfer);
    const sign = txSignBytes(new Uint8Array(32), tx);
    expect(sign).toEqual(txSignBytes(new Uint8Array(32), { ...tx }));
    encodeTx(tx).fill(9);
    expect(encodeTx(tx)).toEqual(transfer);
  });

  it('rejects unknown transaction types', () => {
    for (const type of [0, 9, 255]) {
      const b = transfer.slice();
      b[0] = type;
      expect(() => decodeTx(b)).toThrow(/bad-encoding/);
    }
  });

  it('rejects a time of 2^63 or more and unsorted commit signatures', () => {
    const c: Commit = { height: 1, round: 0, blockHash: new Uint8Array(32), signatures: [] };
    const one = (validator: number, timestamp = 1n) => ({ validator, timestamp, signature: sig });
    expect(() => encodeCommit({ ...c, signatures: [one(0, 1n << 63n)] })).toThrow(/bad-encoding/);
    expect(() => encodeCommit({ ...c, signatures: [one(2), one(1)] })).toThrow(/bad-encoding/);
    expect(() => encodeCommit({ ...c, signatures: [one(1), one(1)] })).toThrow(/bad-encoding/);
    const good = encodeCommit({ ...c, signatures: [one(1)] });
    const late = good.slice();
    late[46] = 0x80; // first byte of the timestamp
    expect(() => decodeCommit(late)).toThrow(/bad-encoding/);
    const far = good.slice();
    far[45] = 90; // validator index 90 is beyond the queue
    expect(() => decodeCommit(far)).toThrow(/bad-encoding/);
  });

  it('rejects an announce whose token block is not canonical', () => {
    const token = encodeTokenBlock({
      prev: sig.subarray(0, 32),
      type: 1,
      time: 1n,
      target: 1n,
      key: sig.subarray(0, 32),
    });
    const announce = {
      type: TxType.announce,
      consensusKey: sig.subarray(0, 32),
      token,
      signature: sig,
    } as const;
    const b = encodeTx(announce);
    expect(decodeTx(b).type).toBe(TxType.announce);
    const merged = b.slice();
    merged[1 + 32 + 32] = 0x81; // merge flag on a 105-byte block
    expect(() => decodeTx(merged)).toThrow(/bad-kind/);
  });
});

describe('signed bytes', () => {
  const chain = new Uint8Array(32).fill(3);
  const hash = new Uint8Array(32).fill(4);

  it('separate domains, vote types, nil and block votes, and chains', () => {
    const vote = { type: 'precommit' as const, height: 7, round: 1, value: hash, timestamp: 9n };
    const all = [
      voteSignBytes(chain, vote),
      voteSignBytes(chain, { ...vote, type: 'prevote' }),
      voteSignBytes(chain, { ...vote, value: null }),
      voteSignBytes(new Uint8Array(32), vote),
      proposalSignBytes(chain, { height: 7, round: 1, validRound: -1, value: hash }),
      proposalSignBytes(chain, { height: 7, round: 1, validRound: 0, value: hash }),
    ];
    const hexes = new Set(all.map(toHex));
    expect(hexes.size).toBe(all.length);
    expect(new TextDecoder().decode(all[0]!.subarray(0, 10))).toBe('proto/vote');
  });

  it('a transaction signs the domain, the chain, its type and its body', () => {
    const t = { type: TxType.tokenTransfer, token: hash, newOwner: hash, seq: 2 } as const;
    const signed = txSignBytes(chain, t);
    expect(new TextDecoder().decode(signed.subarray(0, 8))).toBe('proto/tx');
    expect(equalBytes(signed.subarray(8, 40), chain)).toBe(true);
    expect(signed[40]).toBe(TxType.tokenTransfer);
    expect(signed.length).toBe(8 + 32 + 1 + 68);
  });
});
