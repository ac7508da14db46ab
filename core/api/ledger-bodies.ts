/** JSON Schemas of the ledger routes' bodies (docs/node.md, Ledger API). */
import { array, DECIMAL, HEX, hex, nullable, object, type Schema, UINT } from './schema.ts';

export const HEADER_BODY = object({
  height: UINT,
  round: UINT,
  time: DECIMAL,
  lastBlockHash: hex(32),
  lastCommitHash: hex(32),
  validatorsHash: hex(32),
  nextValidatorsHash: hex(32),
  stateRoot: hex(32),
  txsHash: hex(32),
  proposer: hex(32),
  checkpoints: object({
    validator: hex(32),
    proposal: hex(32),
    congress: array(object({ root: hex(32), tip: hex(32) })),
  }),
});

export const COMMIT_BODY = object({
  height: UINT,
  round: UINT,
  blockHash: hex(32),
  signatures: array(object({ validator: UINT, timestamp: DECIMAL, signature: hex(64) })),
});

export const TX_BODY: Schema = {
  oneOf: [
    object({
      type: { const: 'transfer' },
      from: hex(32),
      to: hex(32),
      amount: DECIMAL,
      fee: DECIMAL,
      nonce: DECIMAL,
      signature: hex(64),
    }),
    object({
      type: { const: 'token-transfer' },
      token: hex(32),
      newOwner: hex(32),
      seq: UINT,
      signature: hex(64),
    }),
    object({ type: { const: 'announce' }, consensusKey: hex(32), token: HEX, signature: hex(64) }),
    object({
      type: { const: 'evidence' },
      reporter: hex(32),
      offender: hex(32),
      kind: { type: 'string' },
      height: DECIMAL,
      round: UINT,
      messages: {
        ...array(
          object(
            {
              blockHash: nullable(hex(32)),
              timestamp: DECIMAL,
              validRound: { type: 'integer', minimum: -1 },
              signature: hex(64),
            },
            ['blockHash'],
          ),
        ),
        minItems: 2,
        maxItems: 2,
      },
      signature: hex(64),
    }),
  ],
};

/** A proof of one state entry against the stateRoot of header `height` (docs/api.md, Proofs). */
export const PROOF_BODY = object({
  height: UINT,
  blockHash: hex(32),
  stateRoot: hex(32),
  value: nullable(HEX),
  proof: HEX,
});

export const HEAD_BODY = object({
  height: UINT,
  hash: hex(32),
  time: DECIMAL,
  stateRoot: hex(32),
  supply: DECIMAL,
  /** The chain values entry (0x05) proven at the head. */
  chain: object({ proof: PROOF_BODY }),
  header: nullable(HEADER_BODY),
  /** height -1 until the consensus loop has started. */
  consensus: object({
    height: { type: 'integer', minimum: -1 },
    round: UINT,
    step: { type: 'string' },
    validators: UINT,
  }),
  mempool: UINT,
});

export const BLOCK_BODY = object({
  height: UINT,
  hash: hex(32),
  /** The supply after the block. */
  supply: DECIMAL,
  header: HEADER_BODY,
  txs: array(TX_BODY),
  lastCommit: COMMIT_BODY,
  commit: COMMIT_BODY,
  raw: HEX,
  rawCommit: HEX,
});

export const ACCOUNT_BODY = object({
  key: hex(32),
  balance: DECIMAL,
  nonce: DECIMAL,
  height: UINT,
  blockHash: hex(32),
  stateRoot: hex(32),
  /** The stored account bytes, null when absent. */
  value: nullable(HEX),
  proof: HEX,
});

const MEMBER = {
  key: hex(32),
  token: hex(32),
  owner: hex(32),
  uses: UINT,
  expiry: DECIMAL,
  since: UINT,
  until: nullable(UINT),
};

export const VALIDATORS_BODY = object({
  height: UINT,
  validators: array(hex(32)),
  queue: array(object({ ...MEMBER, position: { type: 'integer', minimum: -1 } })),
  pending: array(object(MEMBER)),
  proofs: object({ queue: PROOF_BODY, pending: PROOF_BODY }),
});

/** `GET /v1/validators?height=h`: the ordered list of committed height h. */
export const VALIDATORS_AT_BODY = object({ height: UINT, blockHash: hex(32), validators: array(hex(32)) });

/** `GET /v1/ledger/tokens/{hash}`: the ledger's entry of a token with its proof. */
export const LEDGER_TOKEN_BODY = object({
  hash: hex(32),
  entry: nullable(object({ owner: hex(32), seq: UINT, movedAt: UINT, announced: { type: 'boolean' } })),
  proof: PROOF_BODY,
});

export const EVIDENCE_BODY = object({
  /** Evidence recorded by committed blocks, oldest first, paged by id. */
  committed: array(
    object({
      id: UINT,
      recordedAt: UINT,
      height: UINT,
      round: UINT,
      kind: { type: 'string' },
      offender: hex(32),
      reporter: hex(32),
    }),
  ),
  /** The `after` of the next page, or null. */
  next: nullable(UINT),
  /** Equivocations this node saw itself. */
  evidence: array(
    object({
      height: UINT,
      round: UINT,
      kind: { enum: ['prevote', 'precommit', 'proposal'] },
      validator: hex(32),
      first: HEX,
      second: HEX,
    }),
  ),
});

export const TX_PENDING_BODY = object({ status: { const: 'pending' }, hash: hex(32) });

export const TX_BATCH_RESULT_BODY = object({
  results: array({
    oneOf: [
      TX_PENDING_BODY,
      object({ error: object({ code: { type: 'string' }, message: { type: 'string' } }) }),
    ],
  }),
});

export const TX_LOOKUP_BODY = object({
  hash: hex(32),
  status: { enum: ['pending', 'committed'] },
  height: nullable(UINT),
  index: nullable(UINT),
  blockHash: nullable(hex(32)),
  tx: TX_BODY,
  raw: HEX,
});
