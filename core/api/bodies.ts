/** JSON Schemas of the token-chain routes' bodies (types.ts holds the matching TypeScript types). */
import { LEDGER_PARAMS_BODY } from './governance-bodies.ts';
import { array, DECIMAL, HEX, hex, nullable, object, type Schema, UINT } from './schema.ts';

export const ERROR_BODY = object({
  error: object({
    code: { type: 'string' },
    message: { type: 'string' },
    action: { type: 'string', enum: ['penalize', 'ignore', 'retry'] },
  }),
});

export const HEALTH_BODY = object({
  status: { type: 'string', enum: ['ok'] },
  network: { type: 'string' },
  chainId: hex(32),
});

export const TOKEN_BODY = object({
  hash: hex(32),
  type: { type: 'string' },
  merge: { type: 'boolean' },
  time: DECIMAL,
  target: hex(32),
  key: hex(32),
  /** None for the genesis token. */
  parents: { ...array(hex(32)), maxItems: 2 },
  aw: DECIMAL,
  count: UINT,
  height: UINT,
  subchain: { type: 'string' },
  canonical: { type: 'boolean' },
  confirmations: nullable(UINT),
  raw: HEX,
});

const TIP = object({ hash: hex(32), count: UINT, aw: DECIMAL, time: DECIMAL });
const PEER = object({
  id: { type: 'string' },
  address: { type: 'string' },
  inbound: { type: 'boolean' },
  score: { type: 'number' },
});

const LEDGER_STATUS = object({
  height: UINT,
  /** height -1 until the consensus loop has started. */
  deciding: object({ height: { type: 'integer', minimum: -1 }, round: UINT, step: { type: 'string' } }),
  validators: UINT,
  validating: { type: 'boolean' },
  sinceLastBlockMs: { type: 'integer' },
  stalled: nullable(
    object({
      where: { type: 'string' },
      code: { type: 'string' },
      message: { type: 'string' },
      height: UINT,
      since: DECIMAL,
    }),
  ),
});

export const STATUS_BODY = object(
  {
    network: { type: 'string' },
    chainId: hex(32),
    genesis: hex(32),
    tips: { type: 'object', additionalProperties: TIP },
    peers: object({ count: UINT, list: array(PEER) }),
    mining: object({
      enabled: { type: 'boolean' },
      type: nullable({ type: 'string' }),
      threads: UINT,
      hashRate: { type: 'number', minimum: 0 },
      found: UINT,
    }),
    sync: object(
      { syncing: { type: 'boolean' }, orphans: UINT, ledger: object({ height: UINT, target: UINT }) },
      ['ledger'],
    ),
    /** On a node that runs the ledger. */
    ledger: LEDGER_STATUS,
  },
  ['ledger'],
);

export const PARAMS_BODY = object(
  {
    chainId: hex(32),
    genesisHash: hex(32),
    genesisToken: HEX,
    genesis: { type: 'object' },
    ledger: LEDGER_PARAMS_BODY,
  },
  ['ledger'],
);

export const TOKENS_PAGE_BODY = object({
  subchain: { type: 'string' },
  after: UINT,
  tokens: array(TOKEN_BODY),
  next: nullable(UINT),
});

export const TEMPLATE_BODY = object({
  subchain: { type: 'string' },
  type: { type: 'string' },
  prev: hex(32),
  other: nullable(hex(32)),
  target: hex(32),
  minTime: DECIMAL,
});

export const SUBMIT_BODY: Schema = object(
  {
    status: { enum: ['added', 'known', 'held', 'orphan'] },
    hash: hex(32),
    subchain: { type: 'string' },
    tipChanged: { type: 'boolean' },
    missing: hex(32),
  },
  ['subchain', 'tipChanged', 'missing'],
);
