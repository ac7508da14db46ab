import { concatBytes } from '../../../core/bytes.ts';
import type { ProtoErrorCode } from '../../../core/errors.ts';
import { encodeBlock, OFFSET } from '../../../core/token/block.ts';
import { genesisBlock } from '../../../core/token/genesis.ts';
import { blake3Hash } from '../../../core/token/hash.ts';
import { VectorBuilder } from './builder.ts';
import type { InvalidVector } from './format.ts';

const S = 1_000_000_000n;
const V = 1;
const P = 2;
const C = 3;

/** A builder holding two validator blocks, and the next valid validator block (not added). */
export function base(name: string) {
  const b = new VectorBuilder(name);
  const v1 = b.add({ prev: b.genesis, type: V });
  const v2 = b.add({ prev: v1, type: V });
  return { b, v1, v2, next: b.mine({ prev: v2, type: V }).bytes };
}

/** `bytes` with the byte at `at` replaced. */
function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  out[at] = value;
  return out;
}

/** `bytes` with its 8-byte time field replaced. */
function withTime(bytes: Uint8Array, time: bigint): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setBigUint64(OFFSET.time, time);
  return out;
}

function codec(): InvalidVector[] {
  const cases: [string, (x: ReturnType<typeof base>) => Uint8Array, ProtoErrorCode][] = [
    ['bad-length-empty', () => new Uint8Array(0), 'bad-length'],
    ['bad-length-short', (x) => x.next.slice(0, 104), 'bad-length'],
    ['bad-length-long', (x) => concatBytes(x.next, new Uint8Array(1)), 'bad-length'],
    ['bad-length-merge-long', (x) => concatBytes(x.next, new Uint8Array(33)), 'bad-length'],
    ['bad-kind-flag-set', (x) => withByte(x.next, OFFSET.kind, 0x81), 'bad-kind'],
    ['bad-kind-flag-clear', (x) => concatBytes(x.next, new Uint8Array(32)), 'bad-kind'],
    ['unknown-type-0', (x) => withByte(x.next, OFFSET.kind, 0), 'unknown-type'],
    ['unknown-type-5', (x) => withByte(x.next, OFFSET.kind, 5), 'unknown-type'],
    ['unknown-type-merge-127', (x) => withByte(concatBytes(x.next, x.v1), OFFSET.kind, 0xff), 'unknown-type'],
    ['time-overflow', (x) => withTime(x.next, 1n << 63n), 'time-overflow'],
    ['time-overflow-max', (x) => withTime(x.next, (1n << 64n) - 1n), 'time-overflow'],
  ];
  return cases.map(([name, make, code]) => {
    const x = base(name);
    return x.b.invalid(make(x), code);
  });
}

function proofAndArrival(): InvalidVector[] {
  const out: InvalidVector[] = [];
  let x = base('veto-mined');
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, type: 4, target: 1n << 255n }).bytes, 'veto-mined'));
  x = base('no-pow');
  out.push(x.b.invalid(x.b.unmined({ prev: x.v2, type: V }), 'no-pow'));
  x = base('from-future');
  const late = x.b.now + x.b.params.futureLimit + 45n * S;
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, type: V, time: late }).bytes, 'from-future'));
  x = base('duplicate');
  out.push(x.b.invalid(x.b.blocks[1]!, 'duplicate'));
  x = base('duplicate-genesis');
  out.push(x.b.invalid(encodeBlock(genesisBlock(x.b.params)), 'duplicate'));
  return out;
}

function parents(): InvalidVector[] {
  const out: InvalidVector[] = [];
  const missing = blake3Hash(new Uint8Array([1, 2, 3]));
  const target = 1n << 254n;
  let x = base('unknown-parent');
  out.push(x.b.invalid(x.b.mine({ prev: missing, type: V, target, time: x.b.now }).bytes, 'unknown-parent'));
  x = base('unknown-parent-other');
  const orphanMerge = x.b.mine({ prev: x.v2, other: missing, type: V, time: x.b.now });
  out.push(x.b.invalid(orphanMerge.bytes, 'unknown-parent'));
  x = base('wrong-subchain');
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, type: P, target }).bytes, 'wrong-subchain'));
  x = base('wrong-subchain-merge');
  const p1 = x.b.add({ prev: x.b.genesis, type: P });
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, other: p1, type: V }).bytes, 'wrong-subchain'));
  x = base('wrong-subchain-merge-congress');
  const c1 = x.b.add({ prev: x.b.root(0x34, 5), type: C });
  out.push(x.b.invalid(x.b.mine({ prev: x.v2, other: c1, type: V }).bytes, 'wrong-subchain'));
  x = base('wrong-subchain-congress-without-proposal');
  out.push(x.b.invalid(x.b.mine({ prev: x.b.genesis, type: C, target }).bytes, 'wrong-subchain'));
  x = base('wrong-subchain-validator-on-congress-root');
  const root = x.b.root(0x33, 5);
  out.push(x.b.invalid(x.b.mine({ prev: root, type: V, target }).bytes, 'wrong-subchain'));
  return out;
}

/** Vectors for decoding, proof of work, arrival and parent/subchain faults. */
export function basicInvalidVectors(): InvalidVector[] {
  return [...codec(), ...proofAndArrival(), ...parents()];
}
