/** JSON Schemas of the governance routes' bodies and transactions (docs/api.md, Governance routes). */
import { array, DECIMAL, HEX, hex, nullable, object, type Schema, UINT } from './schema.ts';

const CHANGES = array(object({ parameter: { type: 'string' }, value: DECIMAL }));
const UPGRADE = nullable(object({ name: { type: 'string' }, height: UINT }));
const CHOICE: Schema = { enum: ['yes', 'no', 'abstain'] };
const STATUS: Schema = { enum: ['open', 'passed', 'rejected', 'vetoed', 'expired'] };

/** Governance transactions as block and transaction answers show them. */
export const GOV_TX_BODIES: Schema[] = [
  object({
    type: { const: 'publish' },
    token: HEX,
    signer: hex(32),
    kind: { enum: ['text', 'parameter', 'upgrade'] },
    cid: { type: 'string' },
    title: { type: 'string' },
    changes: CHANGES,
    upgrade: UPGRADE,
    signature: hex(64),
  }),
  object({
    type: { const: 'vote' },
    token: HEX,
    signer: hex(32),
    proposal: hex(32),
    choice: CHOICE,
    signature: hex(64),
  }),
  object({ type: { const: 'veto' }, signer: hex(32), proposal: hex(32), signature: hex(64) }),
  object({
    type: { enum: ['veto-delegate', 'veto-revoke'] },
    delegate: hex(32),
    seq: UINT,
    signature: hex(64),
  }),
];

/** Where an answer was read, and the state entry with its proof. */
const PROVED = {
  height: UINT,
  blockHash: hex(32),
  stateRoot: hex(32),
  value: nullable(HEX),
  proof: HEX,
};

const PROPOSAL_FIELDS = {
  id: hex(32),
  seq: UINT,
  kind: { enum: ['text', 'parameter', 'upgrade'] },
  cid: { type: 'string' },
  title: { type: 'string' },
  changes: CHANGES,
  upgrade: UPGRADE,
  status: STATUS,
  token: hex(32),
  publisher: hex(32),
  publishedAt: UINT,
  votingStarts: DECIMAL,
  votingEnds: DECIMAL,
  closedAt: nullable(UINT),
  congressSize: UINT,
  congressRootTarget: hex(32),
  votes: array(object({ token: hex(32), choice: CHOICE })),
  tally: object({ yes: UINT, no: UINT, abstain: UINT, needed: UINT }),
  veto: nullable(object({ by: hex(32), height: UINT })),
};

export const PROPOSAL_BODY = object({ ...PROPOSAL_FIELDS, ...PROVED });

export const PROPOSALS_PAGE_BODY = object({
  height: UINT,
  blockHash: hex(32),
  stateRoot: hex(32),
  status: nullable(STATUS),
  after: UINT,
  proposals: array(object({ ...PROPOSAL_FIELDS, value: nullable(HEX), proof: HEX })),
  next: nullable(UINT),
});

export const VETO_BODY = object({
  key: hex(32),
  seq: UINT,
  delegates: array(
    object({ key: hex(32), since: UINT, revokedAt: nullable(UINT), active: { type: 'boolean' } }),
  ),
  ...PROVED,
});

/** The `ledger` part of GET /v1/params. */
export const LEDGER_PARAMS_BODY = object({
  minFee: DECIMAL,
  votingPeriod: DECIMAL,
  congressSize: UINT,
  liveProposals: UINT,
  blockBytes: UINT,
  timeouts: object({
    proposeBase: DECIMAL,
    proposeDelta: DECIMAL,
    prevoteBase: DECIMAL,
    prevoteDelta: DECIMAL,
    precommitBase: DECIMAL,
    precommitDelta: DECIMAL,
  }),
  ...PROVED,
});

/** Query parameter `status` of GET /v1/proposals. */
export const STATUS_QUERY: Schema = {
  type: 'string',
  enum: ['open', 'passed', 'rejected', 'vetoed', 'expired'],
};
/** Query parameter `limit` of GET /v1/proposals (1 to 100). */
export const PROPOSAL_LIMIT_QUERY: Schema = { type: 'string', pattern: '^([1-9][0-9]?|100)$' };
