import { describe, expect, it } from 'vitest';
import { publicKeyOf, sign, verify } from '../../crypto/ed25519.ts';
import { memoVerify } from './verify-memo.ts';

const secret = new Uint8Array(32).fill(3);
const key = publicKeyOf(secret);
const other = publicKeyOf(new Uint8Array(32).fill(4));
const msg = new Uint8Array([1, 2, 3]);
const sig = sign(msg, secret);

/** A verifier that counts its calls. */
function counted() {
  let calls = 0;
  const fn = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => {
    calls++;
    return verify(s, m, k);
  };
  return { fn, calls: () => calls };
}

describe('memoVerify', () => {
  it('checks an accepted signature once, and only for its own message and key', () => {
    const v = counted();
    const memo = memoVerify(v.fn);
    expect(memo(sig, msg, key)).toBe(true);
    expect(memo(sig, msg, key)).toBe(true);
    expect(v.calls()).toBe(1);
    expect(memo(sig, new Uint8Array([1, 2, 4]), key)).toBe(false);
    expect(memo(sig, msg, other)).toBe(false);
    expect(v.calls()).toBe(3);
  });

  it('never remembers a rejection', () => {
    const v = counted();
    const memo = memoVerify(v.fn);
    const bad = sig.slice();
    bad[0]! ^= 1;
    expect(memo(bad, msg, key)).toBe(false);
    expect(memo(bad, msg, key)).toBe(false);
    expect(v.calls()).toBe(2);
  });

  it('forgets an entry the given number of commits after its last use', () => {
    const v = counted();
    const memo = memoVerify(v.fn, { heights: 2 });
    memo(sig, msg, key);
    memo.advance();
    memo.advance();
    expect(memo(sig, msg, key)).toBe(true);
    expect(v.calls()).toBe(1);
    for (let i = 0; i < 3; i++) memo.advance();
    expect(memo.size).toBe(0);
    expect(memo.bytes).toBe(0);
    expect(memo(sig, msg, key)).toBe(true);
    expect(v.calls()).toBe(2);
  });

  it('keeps an entry in use: each use restarts its count of commits', () => {
    const v = counted();
    const memo = memoVerify(v.fn, { heights: 1 });
    const other = sign(new Uint8Array([7]), secret);
    memo(sig, msg, key);
    memo(other, new Uint8Array([7]), key);
    for (let i = 0; i < 5; i++) {
      memo.advance();
      memo(sig, msg, key);
    }
    expect(v.calls()).toBe(2);
    expect(memo.size).toBe(1);
    memo(other, new Uint8Array([7]), key);
    expect(v.calls()).toBe(3);
  });

  it('holds at most its byte budget, dropping those last used longest ago first', () => {
    const v = counted();
    const msgs = [0, 1, 2, 3, 4, 5].map((i) => new Uint8Array([i]));
    const sigs = msgs.map((m) => sign(m, secret));
    const one = memoVerify(v.fn);
    one(sigs[0]!, msgs[0]!, key);
    const memo = memoVerify(v.fn, { bytes: one.bytes * 3 });
    for (const i of [0, 1, 2]) memo(sigs[i]!, msgs[i]!, key);
    memo.advance();
    memo(sigs[0]!, msgs[0]!, key);
    memo(sigs[3]!, msgs[3]!, key);
    expect(memo.size).toBe(3);
    expect(memo.bytes).toBeLessThanOrEqual(one.bytes * 3);
    const calls = v.calls();
    for (const i of [0, 2, 3]) memo(sigs[i]!, msgs[i]!, key);
    expect(v.calls()).toBe(calls);
    memo(sigs[1]!, msgs[1]!, key);
    expect(v.calls()).toBe(calls + 1);
  });

  it('answers only for the exact key and message, however their bytes split', () => {
    let calls = 0;
    const yes = () => {
      calls++;
      return true;
    };
    const memo = memoVerify(yes);
    const s = new Uint8Array(64).fill(1);
    const other = s.slice();
    other[63] = 2;
    memo(s, new Uint8Array([1, 2, 3]), new Uint8Array([9, 9]));
    memo(s, new Uint8Array([1, 2, 3]), new Uint8Array([9, 9]));
    expect(calls).toBe(1);
    for (const [sig, m, k] of [
      [s, new Uint8Array([9, 1, 2, 3]), new Uint8Array([9])],
      [s, new Uint8Array([1, 2]), new Uint8Array([9, 9, 3])],
      [s, new Uint8Array([1, 2, 4]), new Uint8Array([9, 9])],
      [other, new Uint8Array([1, 2, 3]), new Uint8Array([9, 9])],
    ]) {
      memo(sig!, m!, k!);
      memo(s, new Uint8Array([1, 2, 3]), new Uint8Array([9, 9]));
    }
    expect(calls).toBe(9);
  });
});
