/**
 * core inside workerd (STYLE.md habit 10): the token codec, ASERT, genesis ids and the DAG give the
 * values Node gives. Expected values come from the Python checker (asert.json) or from Node
 * (test/workers/node-side.ts, provided by the vitest config), never from this runtime.
 */
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { isProtoError } from '../../core/errors.ts';
import { nextTarget } from '../../core/token/asert.ts';
import { decodeBlock, encodeBlock, type TokenBlock, type TokenType } from '../../core/token/block.ts';
import { TokenDag } from '../../core/token/dag.ts';
import { tokenChainId } from '../../core/token/genesis.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { chainId, genesisToJson, parseGenesis } from '../../core/token/params.ts';
import { networkOf } from '../../edge/network.ts';
import { easyParams } from '../gen/chain.ts';
import { randomChain } from '../gen/random-chain.ts';
import asert from '../vectors/asert.json' with { type: 'json' };
import { CHAIN_RUNS, digestOf, edgeTestParams, tipsOf } from './fixtures.ts';

const node = inject('nodeSide');
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const u256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });

describe('token codec in workerd', () => {
  it('round-trips every block and re-encodes every decodable byte string to itself', () => {
    const block = fc.record({
      prev: bytes32,
      type: fc.constantFrom<TokenType>(1, 2, 3, 4),
      time: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
      target: u256,
      key: bytes32,
      other: fc.option(bytes32, { nil: undefined }),
    });
    fc.assert(
      fc.property(block, (b) => {
        const { other, ...rest } = b;
        const input: TokenBlock = other ? { ...rest, other } : rest;
        expect(decodeBlock(encodeBlock(input))).toEqual(input);
      }),
      { numRuns: 200 },
    );
    const raw = fc.oneof(
      fc.uint8Array({ minLength: 105, maxLength: 105 }),
      fc.uint8Array({ minLength: 137, maxLength: 137 }),
    );
    fc.assert(
      fc.property(raw, (bytes) => {
        try {
          expect(encodeBlock(decodeBlock(bytes))).toEqual(bytes);
        } catch (e) {
          expect(isProtoError(e), String(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ASERT in workerd', () => {
  it(`matches the Python checker on all ${asert.cases.length} vectors`, () => {
    expect(asert.cases.length).toBeGreaterThan(30);
    for (const v of asert.cases) {
      const P = {
        isRoot: false,
        target: BigInt(`0x${v.parentTarget}`),
        time: BigInt(v.parentTime),
        parentTime: BigInt(v.grandparentTime),
        merge: v.merge,
      };
      const next = nextTarget(P, BigInt(v.spacing), BigInt(v.halfLife), BigInt(`0x${v.maxTarget}`));
      expect(next.toString(16).padStart(64, '0'), v.name).toBe(v.expected);
    }
  });
});

describe('genesis in workerd', () => {
  it('gives the chain ids Node gives', () => {
    expect(toHex(chainId(easyParams()))).toBe(node.chainIds.easy);
    expect(toHex(chainId(edgeTestParams()))).toBe(node.chainIds.edgeTest);
    expect(networkOf({} as Parameters<typeof networkOf>[0]).chainId).toBe(node.chainIds.bundled);
    expect(toHex(tokenChainId(easyParams(), blake3Hash))).toBe(node.easyGenesisHash);
  });

  it('parses its own JSON form back to the same network', () => {
    const p = edgeTestParams();
    expect(parseGenesis(JSON.parse(JSON.stringify(genesisToJson(p))))).toEqual(p);
  });
});

describe('TokenDag in workerd', () => {
  it.each(CHAIN_RUNS)('builds random chain seed $seed with the blocks and tips Node builds', (run) => {
    const { blocks, dag } = randomChain(easyParams(), run);
    const expected = node.chains.find((c) => c.seed === run.seed)!;
    expect(digestOf(blocks)).toBe(expected.digest);
    expect(tipsOf(dag)).toEqual(expected.tips);
    expect(dag.tip('validator').count).toBeGreaterThan(50);

    const replay = new TokenDag(easyParams());
    const now = 1n << 62n;
    for (const b of blocks) replay.addOrThrow(b, now);
    expect(tipsOf(replay)).toEqual(expected.tips);
  });
});
