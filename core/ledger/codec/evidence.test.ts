import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertRoundTrips, strictDecoding } from '../../../test/fuzz.ts';
import { easyParams } from '../../../test/gen/chain.ts';
import { equalBytes, toHex } from '../../bytes.ts';
import { sign } from '../../crypto/ed25519.ts';
import { ProtoError } from '../../errors.ts';
import { blake3Hash } from '../../token/hash.ts';
import { treeOf } from '../state/reader.ts';
import { smtKey, smtValueHash } from '../state/smt-hash.ts';
import { verifyProof } from '../state/smt-proof.ts';
import { decodeEvidenceRecord, evidenceKey } from '../state/state-codec.ts';
import { applyEvidence } from '../transition/apply-evidence.ts';
import { Draft } from '../transition/draft.ts';
import { resolveEnv } from '../transition/env.ts';
import { keyPair, TestLedger } from '../transition/ledger.fixture.ts';
import { nextValidators } from '../transition/validators.ts';
import { EVIDENCE_MAX_AGE, MAX_BLOCK_EVIDENCE, TxType } from './constants.ts';
import {
  type EvidenceBody,
  type EvidenceKind,
  evidenceSignBytes,
  orderParts,
  type SignedPart,
} from './evidence.ts';
import { decodeTx, encodeTx, type Tx } from './tx.ts';

const validators = [1, 2, 3, 4].map(keyPair);
const reporter = keyPair(30);
const hashA = new Uint8Array(32).fill(0xaa);
const hashB = new Uint8Array(32).fill(0xbb);

function ledger(): TestLedger {
  const p = easyParams();
  p.validators = validators.map((v) => ({ key: v.key, uses: 1000 }));
  p.balances = [];
  return new TestLedger(
    p,
    validators.map((v) => v.secret),
  );
}

/** Evidence that validator `who` signed `kind` messages for hashA and hashB (or nil) at (height, round). */
function evidence(
  t: TestLedger,
  who = 0,
  o: {
    kind?: EvidenceKind;
    height?: number;
    round?: number;
    second?: Uint8Array | null;
    signer?: number;
  } = {},
): Tx {
  const kind = o.kind ?? 'prevote';
  const base = { kind, height: o.height ?? 1, round: o.round ?? 0 };
  const part = (value: Uint8Array | null, timestamp: bigint): SignedPart => ({
    value,
    timestamp: kind === 'proposal' ? 0n : timestamp,
    validRound: -1,
    signature: new Uint8Array(64),
  });
  const body = {
    type: TxType.evidence,
    reporter: reporter.key,
    offender: validators[who]!.key,
    ...base,
  } as Omit<EvidenceBody, 'a' | 'b'>;
  const signed = (p: SignedPart) => {
    const e = { ...body, a: p, b: p } as EvidenceBody;
    const secret = validators[o.signer ?? who]!.secret;
    return { ...p, signature: sign(evidenceSignBytes(t.chainId, e, p), secret) };
  };
  const second = o.second === undefined ? hashB : o.second;
  const [a, b] = orderParts(kind, signed(part(hashA, 5n)), signed(part(second, 6n)));
  return t.sign({ ...body, a, b } as EvidenceBody, reporter.secret);
}

const codes = (built: { dropped: { error: { code: string } }[] }) => built.dropped.map((d) => d.error.code);

describe('evidence codec', () => {
  const t = ledger();

  it('round-trips every kind, and each piece has one encoding', () => {
    const kinds = fc.constantFrom<EvidenceKind>('prevote', 'precommit', 'proposal');
    const pieces = fc
      .record({
        kind: kinds,
        height: fc.integer({ min: 1, max: 1000 }),
        round: fc.nat(50),
        who: fc.nat(3),
        nil: fc.boolean(),
      })
      .map(({ kind, height, round, who, nil }) =>
        evidence(t, who, {
          kind,
          height,
          round: round + 1,
          second: nil && kind !== 'proposal' ? null : hashB,
        }),
      );
    assertRoundTrips(pieces, decodeTx, encodeTx);
    fc.assert(
      fc.property(pieces, fc.nat(), fc.nat(255), (tx, at, byte) => {
        const bytes = encodeTx(tx);
        bytes[at % bytes.length] = byte;
        strictDecoding(decodeTx, encodeTx, ProtoError)(bytes);
      }),
    );
  });

  it('refuses two messages for the same block, and parts out of order', () => {
    const same = encodeTx(evidence(t, 0, { second: hashA }));
    expect(() => decodeTx(same)).toThrow(/same block hash/);
    const tx = evidence(t) as EvidenceBody & Tx;
    const swapped = t.sign({ ...tx, a: tx.b, b: tx.a }, reporter.secret);
    expect(() => decodeTx(encodeTx(swapped))).toThrow(/out of order/);
  });
});

describe('evidence in blocks', () => {
  it('records the offence with a proof, and the offender leaves the queue after one more height', () => {
    const t = ledger();
    t.next();
    const offender = validators[1]!.key;
    const built = t.next({ txs: [evidence(t, 1, { kind: 'precommit' })] });
    expect(codes(built)).toEqual([]);
    const h = t.state.height;
    expect(built.events.map((e) => e.kind)).toContain('evidence');
    const leave = built.events.find((e) => e.kind === 'validator-leave');
    expect(leave).toMatchObject({ reason: 'evidence', until: h + 1 });
    expect(nextValidators(t.state).some((k) => equalBytes(k, offender))).toBe(true); // h + 1
    t.next();
    expect(nextValidators(t.state).some((k) => equalBytes(k, offender))).toBe(false); // h + 2
    expect(nextValidators(t.state)).toHaveLength(3);

    const key = evidenceKey(offender, 2, 1, 0);
    const tree = treeOf(t.state, blake3Hash);
    const value = tree.get(key)!;
    expect(decodeEvidenceRecord(value)).toEqual({ recordedAt: h, reporter: reporter.key });
    const proof = tree.prove(key);
    expect(verifyProof(t.state.root, smtKey(key, blake3Hash), smtValueHash(value, blake3Hash), proof)).toBe(
      true,
    );
    const other = smtKey(evidenceKey(offender, 1, 1, 0), blake3Hash);
    expect(verifyProof(t.state.root, other, undefined, tree.prove(evidenceKey(offender, 1, 1, 0)))).toBe(
      true,
    );
  });

  it('refuses: the same offence twice, a forged signature, a future height, past the block cap, too old', () => {
    const t = ledger();
    t.next();
    t.next({ txs: [evidence(t, 0)] });
    const forged = evidence(t, 2, { signer: 3 });
    const cases: [string, Tx][] = [
      ['evidence-known', evidence(t, 0)],
      ['bad-signature', forged],
      ['bad-encoding', evidence(t, 2, { height: t.state.height + 2 })],
    ];
    for (const [code, tx] of cases) expect(codes(t.build({ txs: [tx] }))).toEqual([code]);
    const wrongReporter = { ...(evidence(t, 3) as EvidenceBody & Tx), signature: new Uint8Array(64) };
    expect(codes(t.build({ txs: [wrongReporter] }))).toEqual(['bad-signature']);
    const many = Array.from({ length: MAX_BLOCK_EVIDENCE + 1 }, (_, i) => evidence(t, 2, { round: i }));
    expect(codes(t.build({ txs: many }))).toEqual(['too-much-evidence']);
    const ctx = { height: 1 + EVIDENCE_MAX_AGE, round: 0, time: t.state.time, proposer: reporter.key };
    const draft = new Draft(t.state, resolveEnv(t.env));
    const old = evidence(t, 2) as EvidenceBody & Tx;
    expect(() => applyEvidence(draft, old, { ...ctx, checkpoints: t.state.checkpoints })).toThrow(
      /evidence-too-old/,
    );
  });

  it('does not empty the queue: a lone offender stays until someone joins (§3.2)', () => {
    const p = easyParams();
    p.validators = [{ key: validators[0]!.key, uses: 1000 }];
    p.balances = [];
    const t = new TestLedger(p, [validators[0]!.secret]);
    t.next();
    const built = t.next({ txs: [evidence(t, 0)] });
    expect(codes(built)).toEqual([]);
    expect(toHex(nextValidators(t.state)[0]!)).toBe(toHex(validators[0]!.key));
    t.next();
    expect(nextValidators(t.state)).toHaveLength(1);
  });
});
