/**
 * The light-client suite: property tests (fast-check) that every lie of a server is caught with its
 * own error code, and that honest answers verify. Plain cases with no test-runner import, so the same
 * cases run under Node and workerd (vitest) and in a browser page (test/light/browser).
 */
import fc from 'fast-check';
import { toHex } from '../../core/bytes.ts';
import { checkAccount } from '../../core/client/answers.ts';
import { HeaderChain } from '../../core/client/header-chain.ts';
import { decodeLightBlock, encodeLightBlock, type LightBlock } from '../../core/client/light-block.ts';
import { LightChainFixture } from '../../core/client/light-chain.fixture.ts';
import { DEFAULT_TRUST } from '../../core/client/options.ts';
import { entryBytes, type StateEntry, verifyStateValue } from '../../core/client/state-proof.ts';
import type { TrustedPoint } from '../../core/client/trusted.ts';
import { checkLightBlock, verifyAdjacent, verifyNonAdjacent } from '../../core/client/verify-light.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { isProtoError, type ProtoErrorCode } from '../../core/errors.ts';
import { accountKey, encodeProof, memoryBackend, Overlay, StateTree } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';

export interface LightCase {
  name: string;
  run: () => void | Promise<void>;
}

/** Throws unless `fn` throws a ProtoError with `code`. */
export async function rejects(fn: () => unknown, code: ProtoErrorCode): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (isProtoError(e, code)) return;
    throw new Error(`expected ${code}, got ${isProtoError(e) ? e.code : String(e)}`);
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

const RUNS = 12;
const fixtures = new Map<string, LightChainFixture>();

/** A small chain, made once per shape (signing is the slow part). */
function chain(n: number, churnEvery = 0, heights = 12): LightChainFixture {
  const id = `${n}/${churnEvery}/${heights}`;
  let f = fixtures.get(id);
  if (!f) {
    f = new LightChainFixture({ heights, n, churnEvery });
    fixtures.set(id, f);
  }
  return f;
}

const ctxAt = (f: LightChainFixture, h: number) => ({
  verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k),
  hash: blake3Hash,
  now: f.timeOf(h) + 1_000_000_000n,
  trust: DEFAULT_TRUST,
});

/** The trusted point of height h of `f`, as adjacent verification leaves it. */
function pointAt(f: LightChainFixture, h: number): TrustedPoint {
  return h === 0 ? f.genesis() : checkLightBlock(f.chainId, f.lightBlockAt(h), ctxAt(f, h));
}

const shape = fc.record({ n: fc.integer({ min: 1, max: 7 }), h: fc.integer({ min: 1, max: 11 }) });

function withCommit(b: LightBlock, signatures: LightBlock['commit']['signatures']): LightBlock {
  return { ...b, commit: { ...b.commit, signatures } };
}

export const LIGHT_CASES: LightCase[] = [
  {
    name: 'an honest chain verifies adjacent, skipping and backwards, and the light block codec round-trips',
    run: async () => {
      await fc.assert(
        fc.asyncProperty(shape, async ({ n, h }) => {
          const f = chain(n);
          const b = f.lightBlockAt(h);
          check(
            toHex(encodeLightBlock(decodeLightBlock(encodeLightBlock(b)))) === toHex(encodeLightBlock(b)),
            'codec',
          );
          const p = verifyAdjacent(pointAt(f, h - 1), b, ctxAt(f, h));
          check(p.height === h, 'adjacent height');
          const c = new HeaderChain(f.genesis(), f, { now: () => f.timeOf(11) });
          check((await c.at(h)).height === h, 'skipping');
          check((await c.at(11)).height === 11 && (await c.at(h)).height === h, 'backwards');
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'a forged precommit signature is caught (bad-signature), adjacent and skipping',
    run: async () => {
      await fc.assert(
        fc.asyncProperty(shape, fc.nat(), fc.integer({ min: 0, max: 511 }), async ({ n, h }, v, bit) => {
          const f = chain(n);
          const b = f.lightBlockAt(h);
          const signatures = b.commit.signatures.map((s) => ({ ...s, signature: s.signature.slice() }));
          const forged = signatures[v % signatures.length]!;
          forged.signature[bit >> 3]! ^= 1 << (bit & 7);
          const bad = withCommit(b, signatures);
          await rejects(() => verifyAdjacent(pointAt(f, h - 1), bad, ctxAt(f, h)), 'bad-signature');
          if (h > 1) await rejects(() => verifyNonAdjacent(f.genesis(), bad, ctxAt(f, h)), 'bad-signature');
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'a commit one precommit short of a quorum is caught (no-quorum)',
    run: async () => {
      await fc.assert(
        fc.asyncProperty(shape, fc.nat(), async ({ n, h }, seed) => {
          const f = chain(n);
          const quorum = Math.floor((2 * n) / 3) + 1;
          const all = f.commit(h).signatures;
          const kept = all.filter((_, i) => (i + seed) % n < quorum - 1);
          check(kept.length === quorum - 1, 'one short');
          await rejects(
            () => verifyAdjacent(pointAt(f, h - 1), withCommit(f.lightBlockAt(h), kept), ctxAt(f, h)),
            'no-quorum',
          );
          const exact = all.filter((_, i) => (i + seed) % n < quorum);
          verifyAdjacent(pointAt(f, h - 1), withCommit(f.lightBlockAt(h), exact), ctxAt(f, h));
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'a validator list reordered, padded or of another height is caught (bad-validators)',
    run: async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ n: fc.integer({ min: 2, max: 7 }), h: fc.integer({ min: 1, max: 11 }) }),
          fc.nat(),
          fc.integer({ min: 1, max: 10 }),
          async ({ n, h }, i, other) => {
            const f = chain(n);
            const b = f.lightBlockAt(h);
            const swapped = b.validators.slice();
            const [a, c] = [i % n, (i + 1 + (i % (n - 1))) % n];
            [swapped[a], swapped[c]] = [swapped[c]!, swapped[a]!];
            const padded = [...b.validators, b.validators[i % n]!];
            const height = ((h - 1 + other) % 11) + 1;
            const lists = [swapped, padded];
            if (toHex(f.validators(height)[0]!) !== toHex(b.validators[0]!)) lists.push(f.validators(height));
            for (const validators of lists) {
              const bad = { ...b, validators };
              await rejects(() => verifyAdjacent(pointAt(f, h - 1), bad, ctxAt(f, h)), 'bad-validators');
              await rejects(() => checkLightBlock(f.chainId, bad, ctxAt(f, h)), 'bad-validators');
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'an answer of another chain id is caught (wrong-chain)',
    run: async () => {
      const f = chain(4);
      const other = new LightChainFixture({ heights: 12, n: 4, chainId: blake3Hash(new Uint8Array([7])) });
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 11 }), async (h) => {
          const b = other.lightBlockAt(h);
          await rejects(
            () =>
              verifyAdjacent(
                pointAt(f, h - 1),
                { ...b, header: { ...b.header, lastBlockHash: pointAt(f, h - 1).hash } },
                ctxAt(f, h),
              ),
            'wrong-chain',
          );
          await rejects(
            () => new HeaderChain(f.genesis(), other, { now: () => f.timeOf(h) }).at(h),
            'wrong-chain',
          );
        }),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'a trusted header older than the trusting period is refused (header-expired)',
    run: async () => {
      const f = chain(4);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 10 }),
          fc.bigInt({ min: 0n, max: 1n << 40n }),
          async (h, late) => {
            const trusted = pointAt(f, h);
            const now = trusted.time + DEFAULT_TRUST.trustingPeriod + late;
            const ctx = { ...ctxAt(f, h), now };
            await rejects(() => verifyAdjacent(trusted, f.lightBlockAt(h + 1), ctx), 'header-expired');
            await rejects(() => new HeaderChain(trusted, f, { now: () => now }).at(11), 'header-expired');
          },
        ),
        { numRuns: RUNS },
      );
    },
  },
  {
    name: 'skipping verification bisects when too little of the trusted list signed, and refuses a lone jump',
    run: async () => {
      const f = chain(4, 1, 40);
      const ctx = ctxAt(f, 40);
      await rejects(() => verifyNonAdjacent(f.genesis(), f.lightBlockAt(40), ctx), 'not-enough-trust');
      const c = new HeaderChain(f.genesis(), f, { now: () => f.timeOf(40) });
      const p = await c.at(40);
      check(p.height === 40 && c.fetched > 2, `bisection fetched ${c.fetched}`);
    },
  },
  {
    name: 'state proofs of every kind (accounts, tokens, queue, pending, chain values, evidence): a changed bit or value is caught (bad-proof), a changed answer field (value-mismatch)',
    run: async () => {
      const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
      const member = fc.record({
        key: bytes32,
        token: bytes32,
        owner: bytes32,
        uses: fc.nat({ max: 60 }),
        expiry: fc.bigInt({ min: 0n, max: (1n << 62n) - 1n }),
        since: fc.maxSafeNat(),
        until: fc.maxSafeNat(),
      });
      const account = fc.record({
        balance: fc.bigInt({ min: 1n, max: 1n << 200n }),
        nonce: fc.bigInt({ min: 0n, max: 1n << 60n }),
      });
      const token = fc.record({
        owner: bytes32,
        seq: fc.nat({ max: 1000 }),
        movedAt: fc.maxSafeNat(),
        use: fc.constantFrom('none' as const, 'announced' as const, 'published' as const, 'voted' as const),
      });
      const entries = fc.tuple(
        bytes32,
        account,
        bytes32,
        token,
        fc.array(member, { maxLength: 4 }),
        fc.array(member, { maxLength: 3 }),
      );
      await fc.assert(
        fc.asyncProperty(
          entries,
          bytes32,
          fc.nat(),
          fc.nat(),
          async ([ak, a, tk, t, queue, pending], absentKey, pick, bit) => {
            const chainValues = {
              height: 3,
              time: 5n,
              supply: a.balance,
              genesisSupply: a.balance,
              minFee: 1n,
              lastValidators: [ak],
              checkpoints: { validator: tk, proposal: tk, congress: [] },
            };
            const present: StateEntry[] = [
              { kind: 'account', key: ak, value: a },
              { kind: 'token', key: tk, value: t },
              { kind: 'queue', value: queue },
              { kind: 'pending', value: pending },
              { kind: 'chain', value: chainValues },
              {
                kind: 'evidence',
                key: { offender: ak, kind: 1, height: 2, round: 1 },
                value: { recordedAt: 3, reporter: tk },
              },
            ];
            const tree = new StateTree(new Overlay(memoryBackend()), undefined);
            const root = tree.write(
              present.map((e) => entryBytes(e) as { stateKey: Uint8Array; value: Uint8Array }),
            );
            const absent: StateEntry[] = [
              { kind: 'account', key: absentKey, value: undefined },
              { kind: 'token', key: absentKey, value: undefined },
              {
                kind: 'evidence',
                key: { offender: absentKey, kind: 2, height: 4, round: 0 },
                value: undefined,
              },
            ];
            for (const e of [...present, ...absent])
              verifyStateValue(root, e, tree.prove(entryBytes(e).stateKey));
            const e = [...present, ...absent][pick % (present.length + absent.length)]!;
            const encoded = encodeProof(tree.prove(entryBytes(e).stateKey));
            const flipped = encoded.slice();
            flipped[(bit >> 3) % flipped.length]! ^= 1 << (bit & 7);
            await rejects(() => verifyStateValue(root, e, flipped), 'bad-proof');
            const proof = tree.prove(accountKey(ak));
            await rejects(
              () =>
                verifyStateValue(
                  root,
                  { kind: 'account', key: ak, value: { ...a, balance: a.balance + 1n } },
                  proof,
                ),
              'bad-proof',
            );
            await rejects(
              () => verifyStateValue(root, { kind: 'account', key: ak, value: undefined }, proof),
              'bad-proof',
            );
            await rejects(
              () =>
                verifyStateValue(
                  root,
                  { kind: 'account', key: absentKey, value: a },
                  tree.prove(accountKey(absentKey)),
                ),
              'bad-proof',
            );
            const answer = {
              key: toHex(ak),
              balance: a.balance.toString(),
              nonce: a.nonce.toString(),
              height: 3,
              blockHash: toHex(tk),
              stateRoot: toHex(root),
              value: toHex(entryBytes(present[0]!).value!),
              proof: toHex(encodeProof(proof)),
            };
            check(checkAccount(answer, ak, root).balance === a.balance, 'account answer');
            await rejects(
              () => checkAccount({ ...answer, balance: (a.balance + 1n).toString() }, ak, root),
              'value-mismatch',
            );
            await rejects(
              () =>
                checkAccount(
                  {
                    ...answer,
                    value: toHex(
                      entryBytes({ kind: 'account', key: ak, value: { ...a, nonce: a.nonce + 1n } }).value!,
                    ),
                  },
                  ak,
                  root,
                ),
              'bad-proof',
            );
          },
        ),
        { numRuns: 25 },
      );
    },
  },
];
