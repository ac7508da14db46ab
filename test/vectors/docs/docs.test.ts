/**
 * The vectors printed in docs/protocol.md (section 5) and docs/crypto.md, read from the pages and
 * recomputed with the code: a page that drifts from the code fails here. Each parser insists on
 * finding what it reads, so a vector cannot silently drop out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from '../../../core/bytes.ts';
import { publicKeyOf, sign, verify } from '../../../core/crypto/ed25519.ts';
import {
  encodeProof,
  mintedAt,
  PER_BLOCK_FACTOR,
  RAY,
  rpow,
  SparseMerkleTree,
  smtKey,
  smtValueHash,
  splitReward,
  supplyAt,
} from '../../../core/ledger/index.ts';
import { decodeBlock } from '../../../core/token/block.ts';
import { TokenDag } from '../../../core/token/dag.ts';
import { blake3Hash } from '../../../core/token/hash.ts';
import { canonicalGenesis, chainId, makeGenesis, PRESETS, parseGenesis } from '../../../core/token/params.ts';

const root = join(import.meta.dirname, '../../..');
const protocol = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
const cryptoDoc = readFileSync(join(root, 'docs/crypto.md'), 'utf8');
const SEVEN = new Uint8Array(32).fill(7);

/** The text of `doc` from the heading starting with `heading` to the next heading of any level. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const next = doc.slice(start + 1).search(/\n#{2,3} /);
  return next < 0 ? doc.slice(start) : doc.slice(start, start + 1 + next);
}

/** Every match of `re` (global) in `text`; at least `min`. */
function all(text: string, re: RegExp, min = 1): RegExpExecArray[] {
  const found = [...text.matchAll(re)];
  if (found.length < min) throw new Error(`expected ${min}+ matches of ${re}, found ${found.length}`);
  return found;
}

/** The first match of `re` in `text`, which must exist. */
function one(text: string, re: RegExp): RegExpExecArray {
  const m = new RegExp(re.source, re.flags.replace('g', '')).exec(text);
  if (!m) throw new Error(`no match of ${re}`);
  return m;
}

const hex = (b: Uint8Array) => toHex(b);
const bytes = (h: string) => {
  const b = fromHex(h);
  if (!b) throw new Error(`not hex: ${h}`);
  return b;
};

describe('docs/protocol.md section 5', () => {
  it('5.1 the genesis token: its bytes, time and hash', () => {
    const text = section(protocol, '### 5.1');
    const fields = all(text, /^(?:bytes)?\s+([0-9a-f]+)\s+(prev|kind: veto|time|target|key)$/gm, 5);
    const raw = bytes(fields.map((m) => m[1]).join(''));
    const [, ns, timeHex] = one(text, /time\s+(\d+) ns = 0x([0-9a-f]+)/);
    expect(BigInt(`0x${timeHex}`)).toBe(BigInt(ns!));
    const params = makeGenesis(PRESETS.devnet, {
      genesisTime: BigInt(ns!),
      vetoKey: SEVEN,
      validators: [],
      balances: [],
    });
    const printed = one(text, /^hash\s+([0-9a-f]{64})/m)[1];
    expect(hex(new TokenDag(params).genesisHash)).toBe(printed);
    expect(hex(blake3Hash(raw))).toBe(printed);
  });

  it('5.2 the chain id of the canonical genesis file, with and without validators', () => {
    const text = section(protocol, '### 5.2');
    const line = one(text, /^(\{"balances".*\})$/m)[1]!;
    expect(utf8(line).length).toBe(Number(one(text, /these (\d+) bytes/)[1]));
    const params = parseGenesis(JSON.parse(line));
    expect(new TextDecoder().decode(canonicalGenesis(params))).toBe(line);
    expect(hex(chainId(params))).toBe(one(text, /^chainId\s+([0-9a-f]{64})$/m)[1]);
    expect(hex(params.validators[0]!.key)).toBe(hex(publicKeyOf(SEVEN)));
    const bare = { ...params, validators: [], balances: [] };
    expect(hex(chainId(bare))).toBe(one(text, /instead, `chainId = ([0-9a-f]{64})`/)[1]);
  });

  it('5.3 blocks A, B and C: bytes, times and hashes', () => {
    const text = section(protocol, '### 5.3');
    const blocks = new Map<string, { hexes: string[]; time?: string; hash?: string }>();
    let current: { hexes: string[]; time?: string; hash?: string } | undefined;
    for (const line of text.split('\n')) {
      const start = /^([ABC]) {2}([0-9a-f]+) ([0-9a-f]{2}) ([0-9a-f]{16})/.exec(line);
      if (start) {
        current = { hexes: start.slice(2, 5) };
        blocks.set(start[1]!, current);
        continue;
      }
      const end = /^ {3}time (\d+)\s+hash ([0-9a-f]{64})/.exec(line);
      if (current && end) [current.time, current.hash] = [end[1], end[2]];
      else if (current && /^ {3}[0-9a-f]{64}/.test(line)) current.hexes.push(line.trim().split(/\s+/)[0]!);
      else current = undefined;
    }
    expect([...blocks.keys()]).toEqual(['A', 'B', 'C']);
    for (const [name, b] of blocks) {
      const raw = bytes(b.hexes.join(''));
      expect(raw.length, name).toBe(name === 'C' ? 137 : 105);
      expect(hex(blake3Hash(raw)), name).toBe(b.hash);
      expect(decodeBlock(raw).time, name).toBe(BigInt(b.time!));
    }
  });

  it('5.5 issuance: F, rpow, supply, minted and the split', () => {
    const text = section(protocol, '### 5.5');
    expect(BigInt(one(text, /^F\s+(\d+)$/m)[1]!)).toBe(PER_BLOCK_FACTOR);
    const year = 31_557_600n;
    expect(BigInt(one(text, /^rpow\(F, +31557600\)\s+(\d+)/m)[1]!)).toBe(rpow(PER_BLOCK_FACTOR, year));
    expect(BigInt(one(text, /^rpow\(F \+ 1, 31557600\)\s+(\d+)/m)[1]!)).toBe(
      rpow(PER_BLOCK_FACTOR + 1n, year),
    );
    const s0 = 10n ** 27n;
    for (const [, h, supply, minted] of all(text, /^(\d+)\s+(\d{20,})\s+(\d+)/gm, 3)) {
      expect(supplyAt(s0, Number(h!)), `S(${h})`).toBe(BigInt(supply!));
      expect(mintedAt(s0, Number(h!)), `minted(${h})`).toBe(BigInt(minted!));
    }
    const [, n, each, rest] = one(text, /split among (\d+) signers: (\d+) each, remainder (\d+)/);
    expect(splitReward(mintedAt(s0, 1), Number(n))).toMatchObject({
      each: BigInt(each!),
      remainder: BigInt(rest!),
    });
    expect(RAY).toBe(s0);
  });

  it('5.6 sparse Merkle tree keys, a value hash and two roots', () => {
    const text = section(protocol, '### 5.6');
    for (const [, name, key] of all(text, /^key\s+(\w+)\s+([0-9a-f]{64})/gm, 3))
      expect(hex(smtKey(utf8(name!))), name).toBe(key);
    expect(hex(smtValueHash(utf8('300')))).toBe(one(text, /^value "300"\s+([0-9a-f]{64})/m)[1]);
    const tree = new SparseMerkleTree();
    const put = (name: string, value: string) => tree.set(smtKey(utf8(name)), smtValueHash(utf8(value)));
    put('alice', '100');
    put('bob', '200');
    expect(hex(tree.root)).toBe(one(text, /^\{alice, bob\}\s+root ([0-9a-f]{64})/m)[1]);
    put('carol', '300');
    expect(hex(tree.root)).toBe(one(text, /^\{alice, bob, carol\}\s+root ([0-9a-f]{64})/m)[1]);
  });

  it('5.7 ed25519: the key, a valid signature made by the code, and one refused', () => {
    const text = section(protocol, '### 5.7');
    expect(one(text, /public key `([0-9a-f]{64})`/)[1]).toBe(hex(publicKeyOf(SEVEN)));
    const cases = all(
      text,
      /msg "([^"]+)"\s+sig ([0-9a-f]{64})[^\n]*\n\s+([0-9a-f]{64})\s+-> (true|false)/g,
      2,
    );
    for (const [, msg, r, s, verdict] of cases) {
      const sig = bytes(r! + s!);
      expect(verify(sig, utf8(msg!), publicKeyOf(SEVEN)), msg).toBe(verdict === 'true');
      if (verdict === 'true') expect(hex(sign(utf8(msg!), SEVEN))).toBe(r! + s!);
    }
  });
});

describe('docs/crypto.md', () => {
  it('the 8 encodings of small-order points are of small order, distinct and canonical', () => {
    const text = section(cryptoDoc, '## 1.');
    const points = all(text, /^\s+([0-9a-f]{64})\s+(identity|order [248])$/gm, 8).map((m) => m[1]!);
    expect(new Set(points).size).toBe(8);
    for (const p of points) {
      const point = ed.Point.fromHex(p);
      expect(point.isSmallOrder(), p).toBe(true);
      expect(point.toHex(), p).toBe(p);
    }
  });

  it('the ed25519 vectors give the printed verdicts', () => {
    const text = section(cryptoDoc, '### Verdicts');
    const block = one(text, /Some vectors[^\n]*\n\n```\n([\s\S]*?)```/)[1]!;
    const keys = all(block, /\bA {3}([0-9a-f]{64})/g, 3).map((m) => m[1]!);
    const full = (short: string) => {
      if (/^[0-9a-f]{64}$/.test(short)) return short;
      const [head, tail] = short.split('…');
      const found = keys.filter((k) => k.startsWith(head!) && k.endsWith(tail!));
      expect(found, short).toHaveLength(1);
      return found[0]!;
    };
    const re = /A {3}(\S+)\n\s+msg "([^"]+)"\s+sig ([0-9a-f]{64})\n\s+([0-9a-f]{64})\s+-> (valid|invalid)/g;
    const cases = all(block, re, 6);
    for (const [, a, msg, r, s, verdict] of cases)
      expect(verify(bytes(r! + s!), utf8(msg!), bytes(full(a!))), `${msg} ${r}`).toBe(verdict === 'valid');
    const [valid] = cases;
    const [, r1, r2, s] = one(block, /same A and msg, sig ([0-9a-f]+)…([0-9a-f]+) ([0-9a-f]{64})/);
    const r = valid![3]!;
    expect(r.startsWith(r1!) && r.endsWith(r2!)).toBe(true);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const le = (h: string) => BigInt(`0x${h.match(/../g)!.reverse().join('')}`);
    expect(le(s!)).toBe(le(valid![4]!) + L);
    expect(verify(bytes(r + s!), utf8(valid![2]!), bytes(full(valid![1]!)))).toBe(false);
  });

  it('issuance: S(h) and the split of minted(1)', () => {
    const text = section(cryptoDoc, '## 2.');
    const s0 = 10n ** 27n;
    for (const [, h, supply] of all(text, /^\| (\d+) \| (\d+) \|$/gm, 5))
      expect(supplyAt(s0, Number(h!)), `S(${h})`).toBe(BigInt(supply!));
    const [, minted, n, each, rest] = one(
      text,
      /minted\(1\) = (\d+); split among (\d+) signers: each (\d+), remainder (\d+)/,
    );
    expect(mintedAt(s0, 1)).toBe(BigInt(minted!));
    expect(splitReward(BigInt(minted!), Number(n))).toMatchObject({
      each: BigInt(each!),
      remainder: BigInt(rest!),
    });
  });

  it('the state tree: keys, values, roots and proof encodings', () => {
    const text = section(cryptoDoc, '### Vectors');
    for (const [, name, key] of all(text, /^key\("(\w+)"\)\s+= ([0-9a-f]{64})/gm, 3))
      expect(hex(smtKey(utf8(name!))), name).toBe(key);
    for (const [, v, h] of all(text, /^value\("(\d+)"\)\s+= ([0-9a-f]{64})/gm, 2))
      expect(hex(smtValueHash(utf8(v!))), v).toBe(h);
    const tree = new SparseMerkleTree();
    const root = (label: RegExp) => one(text, label)[1];
    expect(hex(tree.root)).toBe(root(/^empty tree\s+root ([0-9a-f]{64})/m));
    tree.set(smtKey(utf8('alice')), smtValueHash(utf8('100')));
    expect(hex(tree.root)).toBe(root(/^\{alice: 100\}\s+root ([0-9a-f]{64})/m));
    tree.set(smtKey(utf8('bob')), smtValueHash(utf8('200')));
    expect(hex(tree.root)).toBe(root(/^\{alice: 100, bob: 200\}\s+root ([0-9a-f]{64})/m));
    const [, incl] = one(text, /proof alice \(inclusion\)\s+([0-9a-f ]+?)\s*$/m);
    expect(hex(encodeProof(tree.prove(smtKey(utf8('alice')))))).toBe(incl!.replaceAll(' ', ''));
    const [, head, k1, k2, v1, v2] = one(
      text,
      /proof carol \(non-inclusion\)\s+([0-9a-f ]+?)\n\s+([0-9a-f]+)…([0-9a-f]+) \(bob's key\) ([0-9a-f]+)…([0-9a-f]+)/,
    );
    const proof = hex(encodeProof(tree.prove(smtKey(utf8('carol')))));
    const bobKey = hex(smtKey(utf8('bob')));
    const bobValue = hex(smtValueHash(utf8('200')));
    expect(proof).toBe(head!.replaceAll(' ', '') + bobKey + bobValue);
    expect(
      bobKey.startsWith(k1!) && bobKey.endsWith(k2!) && bobValue.startsWith(v1!) && bobValue.endsWith(v2!),
    ).toBe(true);
  });
});
