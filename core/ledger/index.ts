/** The ledger state machine (PROTOCOL.md §3, docs/ledger.md): codecs, state, transition. */
export type { Height } from '../height.ts';

export { type Block, decodeBlock, encodeBlock, encodeTxs, txsHash } from './codec/block.ts';
export {
  type Commit,
  type CommitSig,
  commitHash,
  decodeCommit,
  EMPTY_COMMIT,
  encodeCommit,
  readCommit,
} from './codec/commit.ts';
export * from './codec/constants.ts';
export { type EvidenceKind, orderParts, type SignedPart } from './codec/evidence.ts';
export {
  blockHash,
  type Checkpoints,
  type CongressTip,
  decodeHeader,
  encodeHeader,
  type Header,
  readHeader,
} from './codec/header.ts';
export {
  plainProposal,
  plainVote,
  proposalBytes,
  type SignedProposal,
  type SignedVote,
  signProposal,
  signVote,
  verifyProposal,
  verifyVote,
  voteBytes,
} from './codec/signed.ts';
export { proposalCodec, voteCodec } from './codec/signed-codec.ts';
export {
  decodeTx,
  encodeTx,
  signTx,
  type TransferBody,
  type Tx,
  type TxBody,
  txSignBytes,
} from './codec/tx.ts';
export { type ProposalFields, proposalSignBytes, type VoteFields, voteSignBytes } from './codec/vote.ts';
export * from './governance/index.ts';
export { type AccountProof, proveAccount, verifyAccountProof } from './state/account-proof.ts';
export { genesisState, ledgerConfig } from './state/genesis.ts';
export { ReadCache } from './state/read-cache.ts';
export { readAccount, readToken, readValue, StateReader, treeOf } from './state/reader.ts';
export { SparseMerkleTree } from './state/smt.ts';
export { smtKey, smtValueHash } from './state/smt-hash.ts';
export { decodeProof, encodeProof, type SmtProof, verifyProof } from './state/smt-proof.ts';
export { decodeNode, encodeNode, type NodeStore, type SmtNode } from './state/smt-store.ts';
export type { Account, LedgerConfig, LedgerState, Member, TokenEntry } from './state/state.ts';
export {
  accountKey,
  CHAIN_KEY,
  type ChainValues,
  decodeAccount,
  decodeChain,
  decodeMembers,
  decodeTokenEntry,
  type EvidenceRecord,
  encodeAccount,
  encodeChain,
  encodeEvidenceRecord,
  encodeMembers,
  encodeTokenEntry,
  evidenceKey,
  PENDING_KEY,
  QUEUE_KEY,
  tokenKey,
} from './state/state-codec.ts';
export { StateTree } from './state/state-tree.ts';
export { loadState } from './state/state-write.ts';
export { memoryBackend, Overlay, type StateBackend, type ValueStore } from './state/store.ts';
export { type Applied, applyBlock } from './transition/apply-block.ts';
export { type BlockInput, type Built, buildBlock } from './transition/build-block.ts';
export { checkTransferAhead } from './transition/check-ahead.ts';
export { checkTx, mayInvalidate } from './transition/check-tx.ts';
export type { LedgerEnv, TokenView, VerifySignature } from './transition/env.ts';
export type { LedgerEvent } from './transition/events.ts';
export { headerBasis } from './transition/header-check.ts';
export { mintedAt, PER_BLOCK_FACTOR, RAY, rpow, splitReward, supplyAt } from './transition/issuance.ts';
export { medianTime, verifyLastCommit } from './transition/last-commit.ts';
export type { DroppedTx } from './transition/transition.ts';
export {
  activeAt,
  membershipHash,
  nextValidators,
  proposerFor,
  validatorsHash,
} from './transition/validators.ts';
export {
  type BlockId,
  commitSignBytes,
  type VerifiedCommit,
  verifyCommit,
} from './transition/verify-commit.ts';
export {
  memoVerify,
  VERIFY_MEMO_BYTES,
  VERIFY_MEMO_HEIGHTS,
  type VerifyMemo,
  type VerifyMemoOptions,
} from './transition/verify-memo.ts';
