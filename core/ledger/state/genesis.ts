import { toHex } from '../../bytes.ts';
import { checkTimeoutParams } from '../../consensus/params.ts';
import { ProtoError } from '../../errors.ts';
import { tokenChainId } from '../../token/genesis.ts';
import { blake3Hash, type Hasher } from '../../token/hash.ts';
import { chainId, type NetworkParams } from '../../token/params.ts';
import { MAX_BLOCK_BYTES, MIN_FEE, QUEUE_MAX, TOKEN_LIFETIME } from '../codec/constants.ts';
import type { GovState } from '../governance/types.ts';
import { FlatValues } from './flat-values.ts';
import type { LedgerConfig, LedgerState, Member } from './state.ts';
import { accountKey, encodeAccount } from './state-codec.ts';
import { StateTree } from './state-tree.ts';
import { valueWrites } from './state-write.ts';
import { memoryBackend, Overlay, type StateBackend } from './store.ts';

/** The ledger's view of the network parameters. */
export function ledgerConfig(params: NetworkParams, hash: Hasher = blake3Hash): LedgerConfig {
  return {
    chainId: chainId(params),
    genesisTime: params.genesisTime,
    blockInterval: params.blockInterval,
    validatorConfirmations: params.validator.confirmations,
    genesisToken: tokenChainId(params, hash),
    vetoKey: params.vetoKey.slice(),
    proposalConfirmations: params.proposal.confirmations,
    congressConfirmations: params.congress.confirmations,
    proposal: { spacing: params.proposal.spacing },
    congress: { spacing: params.congress.spacing, maxTarget: params.congress.maxTarget },
  };
}

/**
 * The state at height 0 (docs/ledger.md §6): genesis balances (their sum is the genesis supply) and
 * the genesis validators as queue members, in file order, holding the genesis token, owning
 * themselves, with their `uses` and an expiry of genesis time + 86400 s, validating from height 1.
 * Throws `bad-params` for no validators, more than 90, or a key listed twice.
 */
export function genesisState(
  params: NetworkParams,
  options: { backend?: StateBackend; hash?: Hasher } = {},
): LedgerState {
  const hash = options.hash ?? blake3Hash;
  const config = ledgerConfig(params, hash);
  checkGenesis(params);
  const queue: Member[] = params.validators.map((v) => ({
    key: v.key.slice(),
    token: config.genesisToken,
    owner: v.key.slice(),
    uses: v.uses,
    expiry: params.genesisTime + TOKEN_LIFETIME,
    since: 1,
    until: 0,
  }));
  const supply = params.balances.reduce((sum, b) => sum + b.amount, 0n);
  const checkpoints = { validator: config.genesisToken, proposal: config.genesisToken, congress: [] };
  const values = {
    height: 0,
    time: params.genesisTime,
    supply,
    genesisSupply: supply,
    minFee: MIN_FEE,
    lastValidators: [],
    checkpoints,
    queue,
    pending: [],
    gov: genesisGov(params),
  };
  const store = new Overlay(options.backend ?? memoryBackend());
  const tree = new StateTree(store, undefined, hash);
  const accounts = params.balances
    .filter((b) => b.amount > 0n)
    .map((b) => ({ stateKey: accountKey(b.key), value: encodeAccount({ balance: b.amount, nonce: 0n }) }));
  const writes = [...accounts, ...valueWrites(values)];
  const root = tree.write(writes);
  const flat = new FlatValues().child(writes);
  return { config, ...values, blockHash: new Uint8Array(32), root, store, flat };
}

function checkGenesis(params: NetworkParams): void {
  const n = params.validators.length;
  if (n === 0 || n > QUEUE_MAX)
    throw new ProtoError('bad-params', `${n} genesis validators, need 1 to 90`, 'penalize');
  for (const list of [params.validators, params.balances]) {
    const keys = new Set(list.map((x) => toHex(x.key)));
    if (keys.size !== list.length)
      throw new ProtoError('bad-params', 'a genesis key is listed twice', 'penalize');
  }
  checkTimeoutParams(params.timeouts);
}

/** Governance at genesis: the file's voting period, congress size, live proposals and timeouts; nothing published. */
function genesisGov(params: NetworkParams): GovState {
  const p = {
    votingPeriod: params.votingPeriod,
    congressSize: params.congressSize,
    liveProposals: params.liveProposals,
    blockBytes: MAX_BLOCK_BYTES,
    timeouts: params.timeouts,
  };
  return { params: p, count: 0n, pending: [], open: [], upgrades: [] };
}
