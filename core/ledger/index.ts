/** The ledger state machine (PROTOCOL.md §3, docs/ledger.md): codecs, state, transition. */
export { type AccountProof, proveAccount, verifyAccountProof } from './account-proof.ts';
export { type Applied, applyBlock } from './apply-block.ts';
export { type Block, decodeBlock, encodeBlock, encodeTxs, txsHash } from './block.ts';
export { type BlockInput, type Built, buildBlock } from './build-block.ts';
export { accountOf, checkTransferAhead } from './check-ahead.ts';
export { checkTx, mayInvalidate } from './check-tx.ts';
export {
  type Commit,
  type CommitSig,
  commitHash,
  decodeCommit,
  EMPTY_COMMIT,
  encodeCommit,
} from './commit.ts';
export * from './constants.ts';
export type { LedgerEnv, TokenView, VerifySignature } from './env.ts';
export type { LedgerEvent } from './events.ts';
export { genesisState, ledgerConfig } from './genesis.ts';
export * from './governance/index.ts';
export {
  blockHash,
  type Checkpoints,
  type CongressTip,
  decodeHeader,
  encodeHeader,
  type Header,
} from './header.ts';
export { headerBasis } from './header-check.ts';
export { medianTime, verifyLastCommit } from './last-commit.ts';
export type { Account, LedgerConfig, LedgerState, Member, TokenEntry } from './state.ts';
export { readAccount, readToken } from './state-tree.ts';
export { loadState } from './state-write.ts';
export { memoryBackend, Overlay, type StateBackend, type ValueStore } from './store.ts';
export type { DroppedTx } from './transition.ts';
export { decodeTx, encodeTx, signTx, type Tx, type TxBody, txSignBytes } from './tx.ts';
export { activeAt, membershipHash, nextValidators, proposerFor, validatorsHash } from './validators.ts';
export { type ProposalFields, proposalSignBytes, type VoteFields, voteSignBytes } from './vote.ts';
