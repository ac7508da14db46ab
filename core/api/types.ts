/**
 * Response bodies of the v1 API, shared by the node, the edge and clients. Integers that may exceed
 * 2^53 (times in ns, accumulated work) are decimal strings; hashes, keys, targets and blocks are
 * lowercase hex.
 */
import { toHex } from '../bytes.ts';
import type { Height } from '../height.ts';
import { TOKEN_TYPE_NAMES, type TokenType } from '../token/block.ts';
import type { TokenInfo } from '../token/dag.ts';

/** Paths of the v1 routes (hono syntax for parameters). */
export const ROUTES = {
  health: '/v1/health',
  status: '/v1/status',
  params: '/v1/params',
  token: '/v1/tokens/:hash',
  submit: '/v1/tokens',
  tip: '/v1/subchains/:subchain/tip',
  tokens: '/v1/subchains/:subchain/tokens',
  template: '/v1/subchains/:subchain/template',
  /** The edge's relay websocket (docs/edge.md). */
  relay: '/v1/relay',
} as const;

/** One token as the API shows it. */
export interface TokenJson {
  hash: string;
  type: string;
  merge: boolean;
  /** ns since the Unix epoch, decimal. */
  time: string;
  target: string;
  key: string;
  /** Selected parent first, then the merged parent when the block is a merge. */
  parents: string[];
  /** Accumulated work AW, decimal. */
  aw: string;
  count: number;
  height: Height;
  subchain: string;
  canonical: boolean;
  /** null when the token is not canonical. */
  confirmations: number | null;
  /** The block's bytes as hex. */
  raw: string;
}

/** The API view of a token the DAG knows, with its stored bytes. */
export function tokenJson(info: TokenInfo, raw: Uint8Array): TokenJson {
  const parents = [info.prev, info.other].filter((p) => p !== undefined).map(toHex);
  return {
    hash: toHex(info.hash),
    type: TOKEN_TYPE_NAMES[info.type as TokenType] ?? String(info.type),
    merge: info.merge,
    time: info.time.toString(),
    target: info.target.toString(16).padStart(64, '0'),
    key: toHex(info.key),
    parents,
    aw: info.aw.toString(),
    count: info.count,
    height: info.height,
    subchain: info.subchain,
    canonical: info.canonical,
    confirmations: info.confirmations ?? null,
    raw: toHex(raw),
  };
}

/** The fields of TokenJson that the block's bytes fix. */
export type TokenBlockJson = Pick<
  TokenJson,
  'hash' | 'type' | 'merge' | 'time' | 'target' | 'key' | 'parents' | 'raw'
>;

/** `GET /v1/health`: the server is up, and which network it serves. */
export interface HealthJson {
  status: 'ok';
  network: string;
  chainId: string;
}

/** The best tip of one subchain, in `GET /v1/status`. */
export interface TipJson {
  hash: string;
  count: number;
  aw: string;
  time: string;
}

/** `GET /v1/status`. */
export interface StatusJson {
  network: string;
  chainId: string;
  genesis: string;
  tips: Record<string, TipJson>;
  peers: { count: number; list: PeerJson[] };
  mining: MiningJson;
  sync: SyncJson;
  /** Present on a node that runs the ledger. */
  ledger?: LedgerStatusJson;
}

/** Sync state in `GET /v1/status`; `ledger` when the node runs a ledger. */
export interface SyncJson {
  syncing: boolean;
  orphans: number;
  /** The committed ledger height and the highest head a peer claims. */
  ledger?: { height: Height; target: number };
}

/** The ledger part of `GET /v1/status`: where consensus stands, and why it is not advancing. */
export interface LedgerStatusJson {
  /** Committed head. */
  height: Height;
  /** Height, round and step being decided. */
  deciding: { height: Height; round: number; step: string };
  /** Size of the validator list of the height being decided. */
  validators: number;
  /** Whether this node's key is in that list. */
  validating: boolean;
  /** Milliseconds since the head block's time. */
  sinceLastBlockMs: number;
  /** Why the host loop is stalled (an error it caught), or null. */
  stalled: { where: string; code: string; message: string; height: Height; since: string } | null;
}

export interface PeerJson {
  id: string;
  address: string;
  inbound: boolean;
  score: number;
}

export interface MiningJson {
  enabled: boolean;
  type: string | null;
  threads: number;
  /** Hashes per second over the last report of the miner. */
  hashRate: number;
  found: number;
}

/** `GET /v1/params`: the genesis file plus its derived identifiers. */
export interface ParamsJson {
  chainId: string;
  genesisHash: string;
  /** The genesis token block as hex. */
  genesisToken: string;
  genesis: Record<string, unknown>;
}

/** `GET /v1/subchains/{subchain}/tokens`: canonical tokens at positions after+1 .. after+limit. */
export interface TokensPageJson {
  subchain: string;
  after: number;
  tokens: TokenJson[];
  /** The `after` of the next page, or null when this page reached the tip. */
  next: number | null;
}

/**
 * `POST /v1/tokens` success. `added` (200): now in the chain; `known` (200): already held;
 * `held` (202): from the future, added when due; `orphan` (202): waits for its parent `missing`.
 */
export interface SubmitJson {
  status: 'added' | 'known' | 'held' | 'orphan';
  hash: string;
  subchain?: string;
  tipChanged?: boolean;
  missing?: string;
}

/**
 * `POST /v1/tokens` success at a relay that keeps no DAG (the edge): `stored` (200): checked without
 * chain state and stored, not yet part of any chain; `known` (200): already stored.
 */
export interface RelaySubmitJson {
  status: 'stored' | 'known';
  hash: string;
}

/**
 * `GET /v1/subchains/{subchain}/template`: what the next block on the best tip must contain. A miner
 * fills in `time` (at least `minTime`) and its key, then searches for a hash at or below `target`.
 */
export interface TemplateJson {
  subchain: string;
  type: string;
  prev: string;
  /** The side tip to merge, or null. */
  other: string | null;
  target: string;
  minTime: string;
}
