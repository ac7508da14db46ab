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

  it('forgets beyond its bound and checks again', () => {
    const v = counted();
    const memo = memoVerify(v.fn, 2);
    const msgs = [0, 1, 2, 3, 4].map((i) => new Uint8Array([i]));
    const sigs = msgs.map((m) => sign(m, secret));
    for (const [i, m] of msgs.entries()) memo(sigs[i]!, m, key);
    expect(v.calls()).toBe(5);
    memo(sigs[0]!, msgs[0]!, key);
    expect(v.calls()).toBe(6);
  });
});
