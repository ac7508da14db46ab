import { blake3 } from '@noble/hashes/blake3.js';
import { fromHex, toHex, utf8 } from '../bytes.ts';
import { TIMEOUTS, type TimeoutParams } from '../consensus/params.ts';
import { ProtoError } from '../errors.ts';
import { MAX_U256 } from './pow.ts';

/** Difficulty and acceptance parameters of one mined subchain. Times in ns. */
export interface MinedParams {
  /** Target spacing T. */
  spacing: bigint;
  /** ASERT half-life tau. */
  halfLife: bigint;
  /** Easiest target allowed. */
  maxTarget: bigint;
  /** Confirmations before the ledger accepts a token of this type. */
  confirmations: number;
}

/** Validator and proposal subchains start from the genesis token with a fixed root target. */
export interface RootedParams extends MinedParams {
  rootTarget: bigint;
}

export interface GenesisValidator {
  key: Uint8Array;
  uses: number;
}
export interface GenesisBalance {
  key: Uint8Array;
  amount: bigint;
}

/** A network, as defined by its genesis file (PROTOCOL.md §2). */
export interface NetworkParams {
  network: string;
  genesisTime: bigint;
  vetoKey: Uint8Array;
  validator: RootedParams;
  proposal: RootedParams;
  /** Congress root targets are derived per proposal (§3.5), so only the cap is a parameter. */
  congress: MinedParams;
  congressSize: number;
  liveProposals: number;
  votingPeriod: bigint;
  blockInterval: bigint;
  futureLimit: bigint;
  /** Consensus timeouts, network-wide (§3.1): base + round × delta per step. */
  timeouts: TimeoutParams;
  validators: GenesisValidator[];
  balances: GenesisBalance[];
}

const S = 1_000_000_000n;

/** Per-preset values; keys, validators, balances and genesis time come from `makeGenesis`. */
export type Preset = Omit<NetworkParams, 'genesisTime' | 'vetoKey' | 'validators' | 'balances'>;

/** Network presets (PROTOCOL.md §2). `devnet` mines in about a second on one core. */
export const PRESETS: Record<'public' | 'devnet', Preset> = {
  public: {
    network: 'public',
    validator: rooted(30n * S, 32n, 1n << 232n, 1n << 240n, 2),
    proposal: rooted(3600n * S, 16n, 1n << 228n, 1n << 240n, 2),
    congress: { spacing: 60n * S, halfLife: 16n * 60n * S, maxTarget: 1n << 240n, confirmations: 1 },
    congressSize: 21,
    liveProposals: 8,
    votingPeriod: 86400n * S,
    blockInterval: S,
    futureLimit: 15n * S,
    timeouts: TIMEOUTS.public,
  },
  devnet: {
    network: 'devnet',
    validator: rooted(2n * S, 16n, 1n << 238n, 1n << 246n, 1),
    proposal: rooted(10n * S, 16n, 1n << 236n, 1n << 246n, 1),
    congress: { spacing: S, halfLife: 16n * S, maxTarget: 1n << 246n, confirmations: 1 },
    congressSize: 5,
    liveProposals: 8,
    votingPeriod: 60n * S,
    blockInterval: S,
    futureLimit: 15n * S,
    timeouts: TIMEOUTS.devnet,
  },
};

function rooted(
  spacing: bigint,
  tauPerT: bigint,
  rootTarget: bigint,
  maxTarget: bigint,
  confirmations: number,
) {
  return { spacing, halfLife: tauPerT * spacing, rootTarget, maxTarget, confirmations };
}

/** A full parameter set from a preset and the network's own keys. */
export function makeGenesis(
  preset: Preset,
  init: Pick<NetworkParams, 'genesisTime' | 'vetoKey' | 'validators' | 'balances'>,
): NetworkParams {
  return { ...preset, ...init };
}

/** The genesis file as JSON: bigints as decimal strings, targets and keys as lowercase hex. */
export function genesisToJson(p: NetworkParams): GenesisJson {
  const mined = (m: MinedParams) => ({
    spacing: m.spacing.toString(),
    halfLife: m.halfLife.toString(),
    maxTarget: hex256(m.maxTarget),
    confirmations: m.confirmations,
  });
  return {
    network: p.network,
    genesisTime: p.genesisTime.toString(),
    vetoKey: toHex(p.vetoKey),
    validator: { ...mined(p.validator), rootTarget: hex256(p.validator.rootTarget) },
    proposal: { ...mined(p.proposal), rootTarget: hex256(p.proposal.rootTarget) },
    congress: mined(p.congress),
    congressSize: p.congressSize,
    liveProposals: p.liveProposals,
    votingPeriod: p.votingPeriod.toString(),
    blockInterval: p.blockInterval.toString(),
    futureLimit: p.futureLimit.toString(),
    timeouts: Object.fromEntries(TIMEOUT_FIELDS.map((f) => [f, p.timeouts[f].toString()])),
    validators: p.validators.map((v) => ({ key: toHex(v.key), uses: v.uses })),
    balances: p.balances.map((b) => ({ key: toHex(b.key), amount: b.amount.toString() })),
  };
}

export type GenesisJson = Record<string, unknown>;

function hex256(v: bigint): string {
  return v.toString(16).padStart(64, '0');
}

/**
 * Canonical bytes of the genesis file: its JSON form with object keys sorted and no white space.
 * `chainId = blake3(canonical bytes)`; every ledger signature commits to it.
 */
export function canonicalGenesis(p: NetworkParams): Uint8Array {
  return utf8(canonicalJson(genesisToJson(p)));
}

/** The network's chain id. */
export function chainId(p: NetworkParams): Uint8Array {
  return blake3(canonicalGenesis(p));
}

/** JSON with sorted keys and no white space, the one serialisation of a JSON value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Strictly parsed genesis file. Every fault names the field. */
export function parseGenesis(json: unknown): NetworkParams {
  const r = new Reader(json, 'genesis');
  const p: NetworkParams = {
    network: r.string('network'),
    genesisTime: r.u63('genesisTime'),
    vetoKey: r.key('vetoKey'),
    validator: r.object('validator', readRooted),
    proposal: r.object('proposal', readRooted),
    congress: r.object('congress', readMined),
    congressSize: r.int('congressSize', 1, 10_000),
    liveProposals: r.int('liveProposals', 1, 10_000),
    votingPeriod: r.u63('votingPeriod', 1n),
    blockInterval: r.u63('blockInterval', 1n),
    futureLimit: r.u63('futureLimit'),
    timeouts: r.object('timeouts', readTimeouts),
    validators: r.list('validators', (v) => ({ key: v.key('key'), uses: v.int('uses', 1, 1_000_000) })),
    balances: r.list('balances', (b) => ({ key: b.key('key'), amount: b.u256('amount') })),
  };
  r.done();
  return p;
}

function readMined(r: Reader): MinedParams {
  return {
    spacing: r.u63('spacing', 1n),
    halfLife: r.u63('halfLife', 1n),
    maxTarget: r.target('maxTarget'),
    confirmations: r.int('confirmations', 0, 1000),
  };
}

/** The timeout fields of the genesis file; bases are at least 1 ns, deltas may be 0. */
const TIMEOUT_FIELDS = [
  'proposeBase',
  'proposeDelta',
  'prevoteBase',
  'prevoteDelta',
  'precommitBase',
  'precommitDelta',
] as const;

function readTimeouts(r: Reader): TimeoutParams {
  return {
    proposeBase: r.u63('proposeBase', 1n),
    proposeDelta: r.u63('proposeDelta'),
    prevoteBase: r.u63('prevoteBase', 1n),
    prevoteDelta: r.u63('prevoteDelta'),
    precommitBase: r.u63('precommitBase', 1n),
    precommitDelta: r.u63('precommitDelta'),
  };
}

function readRooted(r: Reader): RootedParams {
  const p = { ...readMined(r), rootTarget: r.target('rootTarget') };
  if (p.rootTarget > p.maxTarget) r.fail('rootTarget', 'exceeds maxTarget');
  return p;
}

function readAll<T>(r: Reader, read: (r: Reader) => T): T {
  const value = read(r);
  r.done();
  return value;
}

/** Field reader that names the path of whatever is wrong and rejects unknown fields. */
class Reader {
  private readonly seen = new Set<string>();
  private readonly obj: Record<string, unknown>;
  private readonly path: string;

  constructor(value: unknown, path: string) {
    this.path = path;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail('', 'must be an object');
    this.obj = value as Record<string, unknown>;
  }

  fail(field: string, why: string): never {
    throw new ProtoError('bad-params', `${this.path}${field ? `.${field}` : ''} ${why}`, 'penalize');
  }

  private get(field: string): unknown {
    this.seen.add(field);
    if (!(field in this.obj)) this.fail(field, 'is missing');
    return this.obj[field];
  }

  string(field: string): string {
    const v = this.get(field);
    if (typeof v !== 'string' || !/^[a-z0-9-]{1,32}$/.test(v)) this.fail(field, 'must be 1-32 of [a-z0-9-]');
    return v;
  }

  int(field: string, min: number, max: number): number {
    const v = this.get(field);
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) {
      this.fail(field, `must be an integer from ${min} to ${max}`);
    }
    return v as number;
  }

  private decimal(field: string, max: bigint, min: bigint): bigint {
    const v = this.get(field);
    if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,77})$/.test(v))
      this.fail(field, 'must be a decimal string');
    const n = BigInt(v);
    if (n < min || n > max) this.fail(field, `must be from ${min} to ${max}`);
    return n;
  }

  u63(field: string, min = 0n): bigint {
    return this.decimal(field, (1n << 63n) - 1n, min);
  }

  u256(field: string): bigint {
    return this.decimal(field, MAX_U256, 0n);
  }

  target(field: string): bigint {
    const v = this.get(field);
    if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v))
      this.fail(field, 'must be 64 lowercase hex digits');
    const t = BigInt(`0x${v}`);
    if (t === 0n) this.fail(field, 'must not be zero');
    return t;
  }

  key(field: string): Uint8Array {
    const v = this.get(field);
    const bytes = typeof v === 'string' ? fromHex(v, 32) : undefined;
    if (!bytes) this.fail(field, 'must be 64 lowercase hex digits');
    return bytes;
  }

  /** Reads a nested object with `read`, then rejects its unknown fields. */
  object<T>(field: string, read: (r: Reader) => T): T {
    return readAll(new Reader(this.get(field), `${this.path}.${field}`), read);
  }

  /** Reads each element of an array field with `read`. */
  list<T>(field: string, read: (r: Reader) => T): T[] {
    const v = this.get(field);
    if (!Array.isArray(v)) this.fail(field, 'must be an array');
    return v.map((item, i) => readAll(new Reader(item, `${this.path}.${field}[${i}]`), read));
  }

  /** Rejects fields this reader never asked for. */
  done(): void {
    for (const k of Object.keys(this.obj)) if (!this.seen.has(k)) this.fail(k, 'is not a known field');
  }
}

/**
 * Root target of a proposal's congress subchain (§3.5): the proposal token's target scaled by
 * proposal spacing / congress spacing (multiplied first, so a ratio that is not whole loses nothing),
 * clamped to [1, congress maxTarget].
 */
export function congressRootTarget(
  p: { proposal: { spacing: bigint }; congress: { spacing: bigint; maxTarget: bigint } },
  proposalTarget: bigint,
): bigint {
  const t = (proposalTarget * p.proposal.spacing) / p.congress.spacing;
  if (t < 1n) return 1n;
  return t > p.congress.maxTarget ? p.congress.maxTarget : t;
}
