/** Governance of the ledger (PROTOCOL.md §3.5): records, codecs, rules and the proposal lifecycle. */
export { CID_LENGTH, checkCid } from './cid.ts';
export { MAX_CHANGES, MAX_TITLE } from './content-codec.ts';
export type { GovEvent } from './events.ts';
export { congressRoots, outcome, passThreshold, proposalId } from './lifecycle.ts';
export { checkChanges, isGovernable, PARAM_IDS, type ParamName, paramId, paramName } from './params.ts';
export { proveValue, type ValueProof, verifyValueProof } from './proofs.ts';
export {
  decodeProposal,
  decodeVeto,
  EMPTY_VETO,
  GOV_KEY,
  indexKey,
  PARAMS_KEY,
  proposalKey,
  VETO_KEY,
} from './state-codec.ts';
export type { DelegateBody, GovTxBody, PublishBody, VetoBody, VoteBody } from './tx-codec.ts';
export * from './types.ts';
