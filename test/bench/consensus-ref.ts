/**
 * Raw ed25519 costs on this machine, so consensus figures can be compared across machines: one
 * node:crypto verify, the same behind Proto's encoding rules, one @noble/ed25519 verify, one noble
 * sign and one node:crypto sign.
 */
import * as ed from '@noble/ed25519';
import { publicKeyOf, sign, verify } from '../../core/crypto/ed25519.ts';
import { nodeSign, nodeVerify } from '../../node/crypto/ed25519-native.ts';

/** Mean µs per call of `fn` over `runs` calls, after a warm-up of a tenth as many. */
function timeEach(runs: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < runs / 10; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn(i);
  return ((performance.now() - t0) * 1000) / runs;
}

/** Microseconds per operation; every verify answers true or this throws. */
export function referenceCosts(runs = 2000): {
  native: number;
  rule: number;
  noble: number;
  sign: number;
  nativeSign: number;
} {
  const secret = new Uint8Array(32).fill(7);
  const pub = publicKeyOf(secret);
  const msgs = Array.from({ length: 64 }, (_, i) => new Uint8Array(120).fill(i));
  const sigs = msgs.map((m) => sign(m, secret));
  const ok = (fn: (s: Uint8Array, m: Uint8Array, p: Uint8Array) => boolean) => (i: number) => {
    if (!fn(sigs[i % 64]!, msgs[i % 64]!, pub)) throw new Error('reference signature did not verify');
  };
  return {
    native: timeEach(runs, ok(nodeVerify)),
    rule: timeEach(
      runs,
      ok((s, m, p) => verify(s, m, p, nodeVerify)),
    ),
    noble: timeEach(
      runs / 4,
      ok((s, m, p) => ed.verify(s, m, p)),
    ),
    sign: timeEach(runs / 4, (i) => sign(msgs[i % 64]!, secret)),
    nativeSign: timeEach(runs, (i) => nodeSign(msgs[i % 64]!, secret)),
  };
}
