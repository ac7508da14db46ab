import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import type { Step, Vote } from '../../core/consensus/index.ts';
import { verifyProposal, verifyVote } from '../../core/ledger/index.ts';
import { seededRng } from '../../test/seed.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { PrivValidator } from './privval.ts';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'proto-privval-'));
  dirs.push(dir);
  return join(dir, 'privval.json');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const chainId = new Uint8Array(32).fill(7);
const keys = seededRng(0x9f1a);
const { secret, publicKey } = keys.keyPair();
const key = { publicKey, secretKey: secret };
const value = (b: number) => new Uint8Array(32).fill(b);
const vote = (height: number, round: number, type: 'prevote' | 'precommit', v: number | null): Vote => ({
  type,
  height,
  round,
  value: v === null ? null : value(v),
  validator: 0,
});

describe('double-sign guard', () => {
  it('signs rising positions, verifiably, and refuses lower or equal ones', () => {
    const pv = PrivValidator.open(tempPath(), key, chainId);
    const a = pv.signVote(vote(5, 0, 'prevote', 1), 100n)!;
    expect(verifyVote(chainId, a, publicKey, nodeVerify)).toBe(true);
    expect(pv.signVote(vote(5, 0, 'precommit', 1), 101n)).not.toBeNull();
    expect(pv.signVote(vote(5, 0, 'prevote', 2), 102n)).toBeNull();
    expect(pv.signVote(vote(4, 9, 'precommit', 1), 103n)).toBeNull();
    const p = pv.signProposal({ height: 5, round: 1, value: value(3), validRound: 0 })!;
    expect(verifyProposal(chainId, p, publicKey, nodeVerify)).toBe(true);
    expect(pv.signProposal({ height: 5, round: 1, value: value(4), validRound: 0 })).toBeNull();
    expect(pv.signProposal({ height: 5, round: 1, value: value(3), validRound: -1 })).toBeNull();
  });

  it('re-sends the stored signature and timestamp for the same position and value, across a restart', () => {
    const path = tempPath();
    const first = PrivValidator.open(path, key, chainId).signVote(vote(9, 2, 'precommit', 6), 500n)!;
    const again = PrivValidator.open(path, key, chainId);
    const retry = again.signVote(vote(9, 2, 'precommit', 6), 999n)!;
    expect(retry.timestamp).toBe(500n);
    expect(toHex(retry.signature)).toBe(toHex(first.signature));
    expect(again.signVote(vote(9, 2, 'precommit', null), 999n)).toBeNull();
    expect(again.last).toEqual({ height: 9, round: 2, step: 'precommit' });
  });

  it('refuses to start on a corrupt or foreign record, and ignores a torn temporary file', () => {
    const path = tempPath();
    PrivValidator.open(path, key, chainId).signVote(vote(1, 0, 'prevote', 1), 1n);
    const good = readFileSync(path);
    writeFileSync(`${path}.tmp`, good.subarray(0, 20));
    expect(PrivValidator.open(path, key, chainId).last).toEqual({ height: 1, round: 0, step: 'prevote' });
    writeFileSync(path, good.subarray(0, good.length - 9));
    expect(() => PrivValidator.open(path, key, chainId)).toThrow(/corrupt/);
    writeFileSync(path, good);
    const other = keys.keyPair();
    expect(() =>
      PrivValidator.open(path, { publicKey: other.publicKey, secretKey: other.secret }, chainId),
    ).toThrow(/another key/);
  });

  it('never yields two different signatures for one position, whatever the requests and restarts', () => {
    const steps: Step[] = ['propose', 'prevote', 'precommit'];
    const request = fc.record({
      height: fc.integer({ min: 1, max: 3 }),
      round: fc.integer({ min: 0, max: 2 }),
      step: fc.constantFrom(...steps),
      value: fc.option(fc.integer({ min: 1, max: 2 })),
      restart: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), (requests) => {
        const path = tempPath();
        let pv = PrivValidator.open(path, key, chainId);
        const seen = new Map<string, string>();
        for (const q of requests) {
          if (q.restart) pv = PrivValidator.open(path, key, chainId);
          const signed =
            q.step === 'propose'
              ? pv.signProposal({
                  height: q.height,
                  round: q.round,
                  value: value(q.value ?? 1),
                  validRound: -1,
                })
              : pv.signVote(vote(q.height, q.round, q.step, q.value), BigInt(q.round));
          if (signed === null) continue;
          const id = `${q.height}/${q.round}/${q.step}`;
          const sig = toHex(signed.signature);
          expect(seen.get(id) ?? sig).toBe(sig);
          seen.set(id, sig);
        }
      }),
      { numRuns: 60 },
    );
  });
});
