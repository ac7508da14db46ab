/**
 * How the edge follows validator lists (edge/stores/ledger-verify.ts): with the membership unchanged
 * it derives the next height's order from the rotation; after a membership change it needs the list
 * (as a light block carries it), checks it against the verified hashes, and refuses any other.
 */
import { describe, expect, it } from 'vitest';
import { byteKey } from '../../core/bytes.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { isProtoError } from '../../core/errors.ts';
import {
  checkNext,
  decodeCommitted,
  genesisHeadOf,
  type HeadPoint,
  nextHead,
} from '../../edge/stores/ledger-verify.ts';
import { EDGE_VALIDATORS, edgeTestParams } from './fixtures.ts';
import { committedChain } from './ledger-chain.ts';

const check = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k);
const members = (list: Uint8Array[]) => list.map(byteKey).sort().join();

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isProtoError(e)) return e.code;
    throw e;
  }
  return 'passed';
}

describe('validator lists at the edge', () => {
  it('derives lists while the membership holds and takes a checked list when it changes', () => {
    const params = edgeTestParams();
    // the first validator has one use: it retires after its first turn, and the membership shrinks
    params.validators = EDGE_VALIDATORS.map((v, i) => ({ key: v.key, uses: i === 0 ? 1 : 1000 }));
    const chain = committedChain(7, params);
    let head: HeadPoint = genesisHeadOf(params);
    let changes = 0;
    for (const [i, b] of chain.blocks.entries()) {
      const decoded = decodeCommitted(b);
      const list = chain.lists[i]!;
      const changed = i > 0 && members(list) !== members(chain.lists[i - 1]!);
      if (changed) {
        changes++;
        expect(head.next).toBeNull();
        expect(code(() => checkNext(head, decoded, undefined, check))).toBe('unknown-validators');
        expect(code(() => checkNext(head, decoded, chain.lists[i - 1], check))).toBe('bad-validators');
        expect(code(() => checkNext(head, decoded, [...list].reverse(), check))).toBe('bad-validators');
        head = nextHead(checkNext(head, decoded, list, check));
      } else {
        expect(head.next).toEqual(list);
        head = nextHead(checkNext(head, decoded, undefined, check));
      }
      expect(head.height).toBe(i + 1);
    }
    expect(changes).toBe(1);
    expect(chain.lists.at(-1)!.length).toBe(3);
  });
});
