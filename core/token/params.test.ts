import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes.ts';
import { isProtoError } from '../errors.ts';
import {
  canonicalJson,
  chainId,
  type GenesisJson,
  genesisToJson,
  makeGenesis,
  type NetworkParams,
  PRESETS,
  parseGenesis,
} from './params.ts';

const S = 1_000_000_000n;

function network(preset: 'public' | 'devnet'): NetworkParams {
  return makeGenesis(PRESETS[preset], {
    genesisTime: 1_750_000_000n * S,
    vetoKey: new Uint8Array(32).fill(4),
    validators: [
      { key: new Uint8Array(32).fill(1), uses: 60 },
      { key: new Uint8Array(32).fill(2), uses: 120 },
    ],
    balances: [{ key: new Uint8Array(32).fill(3), amount: 10n ** 30n }],
  });
}

type Path = (string | number)[];

/** Every leaf of a JSON value, as a path of keys and indices. */
function leaves(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  return Object.entries(value).flatMap(([k, v]) =>
    leaves(v, [...path, Array.isArray(value) ? Number(k) : k]),
  );
}

/** The name parseGenesis must use for a path: genesis.validators[0].key. */
function nameOf(path: Path): string {
  return `genesis${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

/** A copy of `json` with the value at `path` replaced (or deleted when `value` is undefined). */
function edit(json: GenesisJson, path: Path, value: unknown): GenesisJson {
  const copy = structuredClone(json);
  let at = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

function faultOf(json: unknown): string {
  try {
    parseGenesis(json);
    return 'accepted';
  } catch (e) {
    if (!isProtoError(e, 'bad-params')) throw e;
    return e.message;
  }
}

/** A different value of the same kind, still valid. */
function changed(v: unknown): unknown {
  if (typeof v === 'number') return v + 1;
  if (typeof v !== 'string') throw new Error('leaf');
  if (/^[0-9a-f]{64}$/.test(v)) return `${v.slice(0, 63)}${(Number.parseInt(v[63]!, 16) ^ 1).toString(16)}`;
  if (/^[0-9]+$/.test(v)) return (BigInt(v) + 1n).toString();
  return `${v}x`;
}

describe('genesis file', () => {
  const p = network('devnet');
  const json = genesisToJson(p);
  const paths = leaves(json);

  it('round-trips genesisToJson -> JSON text -> parseGenesis for both presets', () => {
    for (const preset of ['public', 'devnet'] as const) {
      const q = network(preset);
      expect(parseGenesis(JSON.parse(JSON.stringify(genesisToJson(q))))).toEqual(q);
    }
  });

  it('names the field when any field is missing, of the wrong type, or unknown', () => {
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      const name = nameOf(path);
      expect(faultOf(edit(json, path, undefined))).toBe(`bad-params: ${name} is missing`);
      expect(faultOf(edit(json, path, true))).toContain(`bad-params: ${name} must`);
      const parent = path.slice(0, -1);
      expect(faultOf(edit(json, [...parent, 'extra'], 1))).toBe(
        `bad-params: ${nameOf(parent)}.extra is not a known field`,
      );
    }
  });

  it.each([
    [['network'], 'Devnet'],
    [['network'], 'a'.repeat(33)],
    [['genesisTime'], '01'],
    [['genesisTime'], '-1'],
    [['genesisTime'], (1n << 63n).toString()],
    [['genesisTime'], 5],
    [['votingPeriod'], '0'],
    [['vetoKey'], 'AB'.repeat(32)],
    [['vetoKey'], 'ab'.repeat(31)],
    [['validator', 'maxTarget'], '0'.repeat(64)],
    [['validator', 'rootTarget'], 'f'.repeat(64)],
    [['proposal', 'halfLife'], '0'],
    [['congress', 'confirmations'], 1.5],
    [['congressSize'], 0],
    [['validators', 1, 'uses'], 0],
    [['balances', 0, 'amount'], (1n << 256n).toString()],
    [['validators'], {}],
    [['timeouts', 'prevoteBase'], '0'],
    [['timeouts', 'proposeDelta'], '-1'],
    [['timeouts'], '500000000'],
  ] as [Path, unknown][])('rejects %j = %j, naming the field', (path, value) => {
    expect(faultOf(edit(json, path, value))).toMatch(
      new RegExp(`^bad-params: ${escapeRegex(nameOf(path))} `),
    );
  });

  it('rejects a document that is not an object', () => {
    for (const doc of [null, [], 'genesis', 3])
      expect(faultOf(doc)).toBe('bad-params: genesis must be an object');
  });

  it('chainId is stable and changes when any field changes', () => {
    const id = chainId(p);
    expect(chainId(parseGenesis(structuredClone(json)))).toEqual(id);
    expect(id.length).toBe(32);
    const seen = new Set([toHex(id)]);
    for (const path of paths) {
      const other = parseGenesis(edit(json, path, changed(pathValue(json, path))));
      seen.add(toHex(chainId(other)));
    }
    expect(seen.size).toBe(paths.length + 1);
  });

  it('canonical JSON sorts keys at every depth and has no white space', () => {
    expect(canonicalJson({ b: 1, a: [{ d: '2', c: 3 }], 'a b': null })).toBe(
      '{"a":[{"c":3,"d":"2"}],"a b":null,"b":1}',
    );
  });
});

function pathValue(json: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, p) => (at as Record<string | number, unknown>)[p], json);
}

function escapeRegex(text: string): string {
  return text.replace(/[.[\]]/g, '\\$&');
}
