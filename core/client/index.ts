/**
 * Proto's light client (docs/light-client.md): verifies headers by their commits from a trusted
 * start, and state answers by their proofs. Platform-free: runs unchanged in Node, workerd and browsers.
 */

export { isProtoError, ProtoError, type ProtoErrorCode } from '../errors.ts';
export { type BlockId, type VerifiedCommit, verifyCommit } from '../ledger/index.ts';
export {
  checkAccount,
  checkChainValues,
  checkTokenEntry,
  checkValidators,
  checkValidatorsAnswer,
  checkValidatorsAt,
  type ValidatorQueue,
} from './answers.ts';
export { checkProposal, checkProposalPage, checkVeto } from './gov-answers.ts';
export { HeaderChain, type HeaderChainOptions, type LightProvider } from './header-chain.ts';
export { type Fetch, HttpLightProvider } from './http.ts';
export { decodeLightBlock, encodeLightBlock, type LightBlock } from './light-block.ts';
export { DEFAULT_TRUST, type TrustOptions, trustOptions } from './options.ts';
export { ProtoClient, type ProtoClientOptions, type Verified } from './proto-client.ts';
export { type ProofJson, provenBytes } from './proven.ts';
export { entryBytes, type StateEntry, verifyStateValue } from './state-proof.ts';
export { genesisPoint, type TrustedPoint } from './trusted.ts';
export { checkLightBlock, verifyAdjacent, verifyNonAdjacent } from './verify-light.ts';
