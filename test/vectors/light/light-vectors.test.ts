import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../core/bytes.ts';
import { decodeLightBlock } from '../../../core/client/light-block.ts';
import { DEFAULT_TRUST } from '../../../core/client/options.ts';
import { provenBytes } from '../../../core/client/proven.ts';
import { checkLightBlock, verifyAdjacent } from '../../../core/client/verify-light.ts';
import { verify } from '../../../core/crypto/ed25519.ts';
import { isProtoError } from '../../../core/errors.ts';
import { blake3Hash } from '../../../core/token/hash.ts';
import { buildLightVectors, lightFixture } from './vectors.ts';

const file = JSON.parse(readFileSync(new URL('./light.json', import.meta.url), 'utf8'));
const bytes = (hex: string) => fromHex(hex)!;

describe('light-client vectors (test/vectors/light/light.json)', () => {
  it('are what the code gives today', () => {
    expect(buildLightVectors()).toEqual(file);
  });

  it('verify block by block from genesis, and every tampered light block gives its code', () => {
    const f = lightFixture();
    const ctx = {
      verify: (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k),
      hash: blake3Hash,
      now: f.timeOf(10),
      trust: DEFAULT_TRUST,
    };
    let point = f.genesis();
    for (const v of file.blocks) {
      point = verifyAdjacent(point, decodeLightBlock(bytes(v.lightBlock)), ctx);
      expect(toHex(point.hash)).toBe(v.blockHash);
    }
    for (const v of file.bad) {
      let code = 'accepted';
      try {
        checkLightBlock(bytes(file.chainId), decodeLightBlock(bytes(v.lightBlock)), ctx);
      } catch (e) {
        code = isProtoError(e) ? e.code : String(e);
      }
      expect(code).toBe(v.code);
    }
  });

  it('prove every state entry kind against the root', () => {
    const root = bytes(file.proofs.root);
    for (const e of file.proofs.entries) {
      const answer = {
        height: 3,
        blockHash: '',
        stateRoot: file.proofs.root,
        value: e.value,
        proof: e.proof,
      };
      const proven = provenBytes(answer, root, bytes(e.stateKey));
      expect(proven && toHex(proven)).toBe(e.value ?? undefined);
    }
  });
});
