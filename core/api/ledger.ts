/**
 * The ledger routes of the v1 API and their JSON views, shared by the node, the edge and clients:
 * integers that may pass 2^53 (amounts, times in ns) as decimal strings, hashes, keys and bytes as
 * lowercase hex.
 */
import { toHex } from '../bytes.ts';
import type { ProofJson } from '../client/proven.ts';
import type { Height } from '../height.ts';
import {
  type Account,
  accountKey,
  activeAt,
  type Block,
  type Commit,
  encodeCommit,
  encodeProof,
  type Header,
  type LedgerState,
  type Member,
  type SmtProof,
  type Tx,
  TxType,
} from '../ledger/index.ts';
import { govTxJson } from './governance-json.ts';
import { chainProof, storedHex, validatorProofs } from './proofs.ts';

/** Paths of the ledger routes (hono syntax for parameters). */
export const LEDGER_ROUTES = {
  head: '/v1/ledger/head',
  block: '/v1/ledger/blocks/:height',
  evidence: '/v1/ledger/evidence',
  subscribe: '/v1/ledger/subscribe',
  account: '/v1/accounts/:key',
  validators: '/v1/validators',
  txs: '/v1/txs',
  txBatch: '/v1/txs/batch',
} as const;

export type HeaderJson = ReturnType<typeof headerJson>;
export type CommitJson = ReturnType<typeof commitJson>;
export type TxJson = ReturnType<typeof txJson>;
export type MemberJson = ReturnType<typeof memberJson>;

/** The consensus position of the serving node, in `GET /v1/ledger/head`. */
export interface ConsensusJson {
  height: Height;
  round: number;
  step: string;
  validators: number;
}

/** `GET /v1/ledger/head`: the committed head, its header (null at height 0), consensus and mempool. */
export interface LedgerHeadJson {
  height: Height;
  hash: string;
  /** ns, decimal. */
  time: string;
  stateRoot: string;
  supply: string;
  /** The chain values entry of the head's state, with its proof. */
  chain: { proof: ProofJson };
  header: HeaderJson | null;
  consensus: ConsensusJson;
  mempool: number;
}

/** `GET /v1/ledger/blocks/{height}`: a committed block with the commit that committed it. */
export interface LedgerBlockJson {
  height: Height;
  hash: string;
  /** The total supply after this block, decimal. */
  supply: string;
  header: HeaderJson;
  txs: TxJson[];
  lastCommit: CommitJson;
  commit: CommitJson;
  raw: string;
  rawCommit: string;
}

/** `GET /v1/accounts/{key}`: an account at the head with its proof against the head's state root. */
export interface AccountJson {
  key: string;
  balance: string;
  nonce: string;
  height: Height;
  blockHash: string;
  stateRoot: string;
  /** The account entry's stored bytes (hex), null when absent. */
  value: string | null;
  proof: string;
}

/** `GET /v1/validators`: the set of the next height, the queue with positions, pending members. */
export interface ValidatorsJson {
  height: Height;
  validators: string[];
  queue: (MemberJson & { position: number })[];
  pending: MemberJson[];
  /** Proofs of the queue and pending entries against the head's state root. */
  proofs: { queue: ProofJson; pending: ProofJson };
}

/** The head view of `state` (header: the head block's, when there is one). */
export function ledgerHeadJson(
  state: LedgerState,
  header: Header | null,
  consensus: ConsensusJson,
  mempool: number,
): LedgerHeadJson {
  return {
    height: state.height,
    hash: toHex(state.blockHash),
    time: state.time.toString(),
    stateRoot: toHex(state.root),
    supply: state.supply.toString(),
    chain: chainProof(state),
    header: header && headerJson(header),
    consensus,
    mempool,
  };
}

/** The view of committed block `block` (bytes `raw`, hash `hash`) with its `commit`. */
export function ledgerBlockJson(
  height: Height,
  hash: Uint8Array,
  block: Block,
  raw: Uint8Array,
  commit: Commit,
  supply: bigint,
): LedgerBlockJson {
  return {
    height,
    hash: toHex(hash),
    supply: supply.toString(),
    header: headerJson(block.header),
    txs: block.txs.map(txJson),
    lastCommit: commitJson(block.lastCommit),
    commit: commitJson(commit),
    raw: toHex(raw),
    rawCommit: toHex(encodeCommit(commit)),
  };
}

/** The view of account `key` (absent: zero balance and nonce) at `state`, with its proof. */
export function accountJson(
  state: LedgerState,
  key: Uint8Array,
  account: Account | undefined,
  proof: SmtProof,
): AccountJson {
  return {
    key: toHex(key),
    balance: (account?.balance ?? 0n).toString(),
    nonce: (account?.nonce ?? 0n).toString(),
    height: state.height,
    blockHash: toHex(state.blockHash),
    stateRoot: toHex(state.root),
    value: storedHex(state, accountKey(key)),
    proof: toHex(encodeProof(proof)),
  };
}

/** The validators of the height after `state`, the queue and the pending members. */
export function validatorsJson(state: LedgerState): ValidatorsJson {
  const height = state.height + 1;
  const active = activeAt(state.queue, height).map((m) => toHex(m.key));
  return {
    height,
    validators: active,
    queue: state.queue.map((m) => ({ ...memberJson(m), position: active.indexOf(toHex(m.key)) })),
    pending: state.pending.map(memberJson),
    proofs: validatorProofs(state),
  };
}

export function headerJson(h: Header) {
  return {
    height: h.height,
    round: h.round,
    time: h.time.toString(),
    lastBlockHash: toHex(h.lastBlockHash),
    lastCommitHash: toHex(h.lastCommitHash),
    validatorsHash: toHex(h.validatorsHash),
    nextValidatorsHash: toHex(h.nextValidatorsHash),
    stateRoot: toHex(h.stateRoot),
    txsHash: toHex(h.txsHash),
    proposer: toHex(h.proposer),
    checkpoints: {
      validator: toHex(h.checkpoints.validator),
      proposal: toHex(h.checkpoints.proposal),
      congress: h.checkpoints.congress.map((c) => ({ root: toHex(c.root), tip: toHex(c.tip) })),
    },
  };
}

export function commitJson(c: Commit) {
  return {
    height: c.height,
    round: c.round,
    blockHash: toHex(c.blockHash),
    signatures: c.signatures.map((s) => ({
      validator: s.validator,
      timestamp: s.timestamp.toString(),
      signature: toHex(s.signature),
    })),
  };
}

export function txJson(tx: Tx) {
  const signature = toHex(tx.signature);
  if (tx.type === TxType.transfer) {
    const { from, to, amount, fee, nonce } = tx;
    return {
      type: 'transfer',
      from: toHex(from),
      to: toHex(to),
      amount: amount.toString(),
      fee: fee.toString(),
      nonce: nonce.toString(),
      signature,
    };
  }
  if (tx.type === TxType.tokenTransfer)
    return {
      type: 'token-transfer',
      token: toHex(tx.token),
      newOwner: toHex(tx.newOwner),
      seq: tx.seq,
      signature,
    };
  if (tx.type === TxType.evidence) {
    const part = (p: typeof tx.a) => ({
      blockHash: p.value && toHex(p.value),
      timestamp: p.timestamp.toString(),
      validRound: p.validRound,
      signature: toHex(p.signature),
    });
    return {
      type: 'evidence',
      reporter: toHex(tx.reporter),
      offender: toHex(tx.offender),
      kind: tx.kind,
      height: tx.height.toString(),
      round: tx.round,
      messages: [part(tx.a), part(tx.b)],
      signature,
    };
  }
  if (tx.type === TxType.announce)
    return { type: 'announce', consensusKey: toHex(tx.consensusKey), token: toHex(tx.token), signature };
  return govTxJson(tx);
}

export function memberJson(m: Member) {
  return {
    key: toHex(m.key),
    token: toHex(m.token),
    owner: toHex(m.owner),
    uses: m.uses,
    expiry: m.expiry.toString(),
    since: m.since,
    until: m.until === 0 ? null : m.until,
  };
}
