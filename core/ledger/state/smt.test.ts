import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../../bytes.ts';
import { SparseMerkleTree } from './smt.ts';
import { EMPTY, smtKey } from './smt-hash.ts';
import { verifyProof } from './smt-proof.ts';
import { MemoryNodeStore } from './smt-store.ts';

type Entries = Map<string, [Uint8Array, Uint8Array]>;
const bit = (key: Uint8Array, i: number) => (key[i >> 3]! >> (7 - (i % 8))) & 1;

/** The compact SMT root straight from its definition, sharing no code with the tree. */
function referenceRoot(leaves: [Uint8Array, Uint8Array][], depth = 0): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32);
  if (leaves.length === 1) return blake3(concatBytes(new Uint8Array([0]), ...leaves[0]!));
  const left = referenceRoot(
    leaves.filter(([k]) => bit(k, depth) === 0),
    depth + 1,
  );
  const right = referenceRoot(
    leaves.filter(([k]) => bit(k, depth) === 1),
    depth + 1,
  );
  return blake3(concatBytes(new Uint8Array([1]), left, right));
}

/** Node count of the compact tree: n leaves plus the branches above them. */
function referenceNodes(leaves: [Uint8Array, Uint8Array][], depth = 0): number {
  if (leaves.length <= 1) return leaves.length;
  const sides = [0, 1].map((b) => leaves.filter(([k]) => bit(k, depth) === b));
  return 1 + referenceNodes(sides[0]!, depth + 1) + referenceNodes(sides[1]!, depth + 1);
}

// Hashed keys, plus keys sharing 255, 254 and 248 leading bits with the first one, for deep paths.
const base = smtKey(new Uint8Array([0]));
const near = [1, 2, 255].map((flip) => base.map((b, i) => (i === 31 ? b ^ flip : b)));
const POOL = [base, ...near, ...Array.from({ length: 8 }, (_, i) => smtKey(new Uint8Array([i + 1])))];
const hashOfValue = (v: number) => blake3(new Uint8Array([v]));
const op = fc.record({ k: fc.nat(POOL.length - 1), v: fc.option(fc.nat(3), { nil: undefined }) });

function apply(ops: { k: number; v: number | undefined }[], tree: SparseMerkleTree, model: Entries): void {
  for (const { k, v } of ops) {
    const key = POOL[k]!;
    if (v === undefined) {
      tree.delete(key);
      model.delete(toHex(key));
    } else {
      tree.set(key, hashOfValue(v));
      model.set(toHex(key), [key, hashOfValue(v)]);
    }
  }
}

describe('sparse Merkle tree', () => {
  it('matches the reference root after any insert/update/delete sequence, and prunes to the live nodes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new MemoryNodeStore();
        const [tree, model] = [new SparseMerkleTree({ store }), new Map() as Entries];
        apply(ops, tree, model);
        expect(toHex(tree.root)).toBe(toHex(referenceRoot([...model.values()])));
        expect(store.size).toBe(referenceNodes([...model.values()]));
      }),
      { numRuns: 150 },
    );
  });

  it('has a root independent of insertion order and of batching', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.infiniteStream(fc.nat()), (ops, noise) => {
        const [tree, model] = [new SparseMerkleTree(), new Map() as Entries];
        apply(ops, tree, model);
        const shuffled = [...model.values()]
          .map((e) => ({ e, r: noise.next().value }))
          .sort((a, b) => a.r - b.r);
        const fresh = new SparseMerkleTree();
        for (const { e } of shuffled) fresh.set(e[0], e[1]);
        const batched = new SparseMerkleTree();
        batched.update(
          ops.map(({ k, v }) => ({ key: POOL[k]!, valueHash: v === undefined ? v : hashOfValue(v) })),
        );
        expect(toHex(fresh.root)).toBe(toHex(tree.root));
        expect(toHex(batched.root)).toBe(toHex(tree.root));
      }),
      { numRuns: 100 },
    );
  });

  it('proves every present key and every absent key, and rejects wrong claims', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const [tree, model] = [new SparseMerkleTree(), new Map() as Entries];
        apply(ops, tree, model);
        const root = tree.root;
        for (const key of [...POOL, smtKey(new Uint8Array([99]))]) {
          const entry = model.get(toHex(key));
          const proof = tree.prove(key);
          expect(toHex(tree.get(key) ?? EMPTY)).toBe(toHex(entry?.[1] ?? EMPTY));
          expect(verifyProof(root, key, entry?.[1], proof)).toBe(true);
          const wrong = entry ? undefined : hashOfValue(0);
          expect(verifyProof(root, key, wrong, proof)).toBe(false);
          if (entry) expect(verifyProof(root, key, hashOfValue(9), proof)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps older roots provable on a store without delete', () => {
    const store = new MemoryNodeStore({ prune: false });
    const tree = new SparseMerkleTree({ store });
    const oldRoot = tree.update(POOL.slice(0, 6).map((key) => ({ key, valueHash: hashOfValue(1) })));
    tree.update(POOL.slice(0, 3).map((key) => ({ key, valueHash: undefined })));
    const old = new SparseMerkleTree({ store, root: oldRoot });
    expect(verifyProof(oldRoot, POOL[0]!, hashOfValue(1), old.prove(POOL[0]!))).toBe(true);
    expect(tree.get(POOL[0]!)).toBeUndefined();
  });

  it('keeps its state when a node is missing, and owns copies of the caller arrays', () => {
    const store = new MemoryNodeStore({ prune: false });
    const tree = new SparseMerkleTree({ store });
    const key = POOL[4]!.slice();
    const root = tree.update(POOL.slice(0, 4).map((k) => ({ key: k, valueHash: hashOfValue(1) })));
    tree.set(key, hashOfValue(2));
    key.fill(0);
    expect(toHex(tree.get(POOL[4]!)!)).toBe(toHex(hashOfValue(2)));
    const broken = new SparseMerkleTree({ store: new MemoryNodeStore(), root });
    expect(() => broken.set(POOL[5]!, hashOfValue(3))).toThrow(/missing-node/);
    expect(toHex(broken.root)).toBe(toHex(root));
  });

  it('empties completely: EMPTY root, no nodes left', () => {
    const store = new MemoryNodeStore();
    const tree = new SparseMerkleTree({ store });
    tree.update(POOL.map((key) => ({ key, valueHash: hashOfValue(2) })));
    tree.update(POOL.map((key) => ({ key, valueHash: undefined })));
    expect(toHex(tree.root)).toBe(toHex(EMPTY));
    expect(store.size).toBe(0);
  });

  it('hashes O(log n) nodes per update, and a batch hashes the branches it shares once', () => {
    let calls = 0;
    const counting = (bytes: Uint8Array) => {
      calls++;
      return blake3(bytes);
    };
    const keys = Array.from({ length: 4096 }, (_, i) => smtKey(new Uint8Array([i >> 8, i & 255])));
    const [batched, sequential] = [0, 1].map(() => {
      const tree = new SparseMerkleTree({ hash: counting });
      tree.update(keys.map((key) => ({ key, valueHash: hashOfValue(1) })));
      return tree;
    });
    calls = 0;
    batched!.set(keys[7]!, hashOfValue(2));
    expect(calls).toBeLessThanOrEqual(1 + 24); // one leaf, one branch per level: depth ~ log2(4096) + a few
    const changes = keys.slice(0, 1024).map((key) => ({ key, valueHash: hashOfValue(3) }));
    calls = 0;
    batched!.update(changes);
    const batchCalls = calls;
    calls = 0;
    for (const c of changes) sequential!.update([c]);
    expect(toHex(batched!.root)).toBe(toHex(sequential!.root));
    expect(batchCalls).toBeLessThan(calls / 2);
  });
});
