/**
 * One error type for the whole protocol. `code` says what was wrong; `action` tells a host what to do
 * with the peer or client that sent the input: `penalize` (provably invalid data), `ignore` (harmless
 * or already known, nothing to do), `retry` (may be valid later, e.g. a block from the future or one
 * whose parent is missing, a transaction whose token is not confirmed yet). Hosts act on `action` only,
 * never on lists of codes: the p2p layers penalise a peer for `penalize`, catch-up and the proposal
 * candidates wait on `retry`, the CLI resubmits on `retry`. The action is the input's as it was sent:
 * a transaction refused for a reason that is valid later (`retry`) still makes a block that carries
 * it invalid, so the transition rethrows a transaction's error as `penalize` (`ProtoError.as`).
 * Plain data, so it survives structured cloning across worker threads.
 */
export type ErrorAction = 'penalize' | 'ignore' | 'retry';

export type ProtoErrorCode =
  // token block codec
  | 'bad-length'
  | 'bad-kind'
  | 'unknown-type'
  | 'time-overflow'
  // token block validation
  | 'duplicate'
  | 'no-pow'
  | 'wrong-target'
  | 'time-not-increasing'
  | 'from-future'
  | 'future-full'
  | 'unknown-parent'
  | 'wrong-subchain'
  | 'veto-mined'
  | 'not-selected-parent'
  | 'merge-of-root'
  | 'merge-too-deep'
  | 'merge-of-ancestor'
  | 'mergeset-too-large'
  | 'congress-cap'
  | 'unknown-subchain'
  | 'checkpoint-not-descendant'
  // a dag started from a checkpointed base (core/token/base.ts)
  | 'bad-base'
  | 'below-window'
  // sparse Merkle tree: malformed proofs, nodes missing from a store
  | 'bad-proof'
  | 'missing-node'
  // light client (core/client, docs/light-client.md): what a served answer failed
  | 'wrong-chain'
  | 'bad-validators'
  | 'unknown-validators'
  | 'not-enough-trust'
  | 'header-expired'
  | 'header-from-future'
  | 'value-mismatch'
  | 'bad-answer'
  // ledger: codecs, transactions, blocks (core/ledger, docs/ledger.md)
  | 'bad-encoding'
  | 'bad-signature'
  | 'bad-nonce'
  | 'fee-too-low'
  | 'insufficient-balance'
  | 'token-not-checkpointed'
  | 'token-unconfirmed'
  | 'token-expired'
  | 'token-used'
  | 'token-moved'
  | 'wrong-token-type'
  | 'duplicate-validator'
  | 'bad-header'
  | 'bad-commit'
  | 'no-quorum'
  | 'bad-state-root'
  | 'unknown-checkpoint'
  // governance (PROTOCOL.md §3.5, core/ledger/governance)
  | 'not-token-owner'
  | 'title-too-long'
  | 'bad-cid'
  | 'param-fixed'
  | 'bad-param-value'
  | 'too-many-proposals'
  | 'unknown-proposal'
  | 'vote-closed'
  | 'already-voted'
  | 'wrong-proposal'
  | 'vote-beyond-cap'
  | 'veto-not-upgrade'
  | 'already-vetoed'
  | 'veto-delegate-revoked'
  | 'veto-not-authorized'
  | 'upgrade-halt'
  | 'evidence-known'
  | 'evidence-too-old'
  | 'too-much-evidence'
  // network parameters and other inputs
  | 'bad-params'
  | 'bad-input';

export interface ProtoErrorData {
  code: ProtoErrorCode;
  action: ErrorAction;
  message: string;
  meta?: Record<string, string | number | boolean>;
}

/** The protocol's error: a code, an action for the host and a human message. */
export class ProtoError extends Error {
  readonly code: ProtoErrorCode;
  readonly action: ErrorAction;
  readonly meta: Record<string, string | number | boolean>;

  constructor(
    code: ProtoErrorCode,
    message: string,
    action: ErrorAction = 'penalize',
    meta: Record<string, string | number | boolean> = {},
  ) {
    super(`${code}: ${message}`);
    this.name = 'ProtoError';
    this.code = code;
    this.action = action;
    this.meta = meta;
  }

  /** The same error (code, message, meta) with another action. */
  as(action: ErrorAction): ProtoError {
    if (action === this.action) return this;
    return new ProtoError(this.code, this.message.slice(this.code.length + 2), action, this.meta);
  }

  /** Plain data for postMessage, JSON and logs. */
  toData(): ProtoErrorData {
    return { code: this.code, action: this.action, message: this.message, meta: this.meta };
  }
}

/** True when `e` is a ProtoError, optionally with the given code. */
export function isProtoError(e: unknown, code?: ProtoErrorCode): e is ProtoError {
  return e instanceof ProtoError && (code === undefined || e.code === code);
}
