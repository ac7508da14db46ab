import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../core/bytes.ts';
import { isProtoError, type ProtoErrorCode } from '../../../core/errors.ts';
import { decodeBlock } from '../../../core/token/block.ts';
import { TokenDag } from '../../../core/token/dag.ts';
import { blake3Hash } from '../../../core/token/hash.ts';
import { parseGenesis } from '../../../core/token/params.ts';
import { summarize } from './builder.ts';
import { runChecker } from './checker.ts';
import { bySubchainId, type CheckerReport, type TokenVector, vectorText } from './format.ts';
import { buildVectors } from './vectors.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const vectors = files.map((f) => JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as TokenVector);
const cases = vectors.map((v) => [v.name, v] as const);

/** Codes the issue requires one vector each for. */
const REQUIRED: ProtoErrorCode[] = [
  'bad-length',
  'bad-kind',
  'unknown-type',
  'time-overflow',
  'no-pow',
  'wrong-target',
  'time-not-increasing',
  'unknown-parent',
  'not-selected-parent',
  'merge-too-deep',
  'merge-of-ancestor',
  'mergeset-too-large',
  'congress-cap',
  'veto-mined',
  'wrong-subchain',
  'merge-of-root',
  'duplicate',
  'from-future',
];

const bytes = (hex: string) => fromHex(hex)!;

/** A dag holding the vector's congress roots and setup blocks, each accepted at `now`. */
function load(v: TokenVector): TokenDag {
  const dag = new TokenDag(parseGenesis(v.genesis));
  for (const r of v.congressRoots ?? [])
    dag.addCongressRoot(bytes(r.id), BigInt(r.time), BigInt(`0x${r.target}`), r.size);
  for (const b of v.blocks) dag.addOrThrow(bytes(b), BigInt(v.now));
  return dag;
}

function codeOf(run: () => unknown): ProtoErrorCode | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (e) {
    if (isProtoError(e)) return e.code;
    throw e;
  }
}

describe('token vector files', () => {
  it('are exactly what the generator writes', () => {
    const built = buildVectors();
    expect(files).toEqual(built.map((v) => `${v.name}.json`).sort());
    for (const v of built) expect(readFileSync(`${DIR}${v.name}.json`, 'utf8')).toBe(vectorText(v));
  });

  it('cover every required error code and valid chains with merges', () => {
    const codes = new Set(vectors.flatMap((v) => ('invalid' in v ? [v.invalid.code] : [])));
    for (const code of REQUIRED) expect(codes, code).toContain(code);
    const valid = vectors.filter((v) => 'expect' in v);
    const merges = valid.flatMap((v) => v.blocks).filter((b) => b.length === 274);
    expect(valid.length).toBeGreaterThanOrEqual(6);
    expect(merges.length).toBeGreaterThanOrEqual(20);
  });
});

describe('token vectors against the dag', () => {
  it.each(cases)('%s', (_, v) => {
    const dag = load(v);
    const now = BigInt(v.now);
    if ('expect' in v) {
      const got = Object.fromEntries(dag.subchains().map((id) => [id, summarize(dag, id)]));
      expect(got).toEqual(v.expect.subchains);
      return;
    }
    const block = bytes(v.invalid.block);
    expect(codeOf(() => dag.addOrThrow(block, now))).toBe(v.invalid.code);
    if (v.invalid.code !== 'from-future') return;
    expect(dag.retryFuture(now)).toEqual([]);
    const due = decodeBlock(block).time - dag.params.futureLimit;
    expect(dag.retryFuture(due).map((a) => toHex(a.hash))).toEqual([toHex(blake3Hash(block))]);
  });
});

describe.concurrent('token vectors against the independent Python checker', () => {
  it.each(cases)('%s', async (_, v) => {
    const input = { genesis: v.genesis, now: v.now, congressRoots: v.congressRoots ?? [], blocks: v.blocks };
    if ('expect' in v) {
      const r = await runChecker(input);
      expect(r.status, r.stderr).toBe(0);
      expect(bySubchainId(r.output as CheckerReport)).toEqual(v.expect.subchains);
      return;
    }
    const r = await runChecker({ ...input, blocks: [...v.blocks, v.invalid.block] });
    expect(r.status, r.stderr).toBe(1);
    expect(r.output).toEqual({ error: { index: v.blocks.length, rule: v.invalid.code } });
  });
});
