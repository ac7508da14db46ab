import type { Hasher } from '../../token/hash.ts';
import { QUEUE_MAX } from '../codec/constants.ts';
import {
  decodeGov,
  decodeParams,
  encodeGov,
  encodeParams,
  GOV_KEY,
  PARAMS_KEY,
} from '../governance/state-codec.ts';
import type { GovState } from '../governance/types.ts';
import { FlatValues, type StateWrite } from './flat-values.ts';
import type { LedgerConfig, LedgerState, Member } from './state.ts';
import {
  CHAIN_KEY,
  type ChainValues,
  decodeChain,
  decodeMembers,
  encodeChain,
  encodeMembers,
  PENDING_KEY,
  QUEUE_KEY,
} from './state-codec.ts';
import { StateTree } from './state-tree.ts';
import type { Overlay } from './store.ts';

/** Everything of a state except accounts and token entries, which the tree alone holds. */
export interface StateValues extends ChainValues {
  queue: readonly Member[];
  pending: readonly Member[];
  gov: GovState;
}

/**
 * The writes that store the queue, the pending FIFO, the chain values and the governance values.
 * With `parent`, the governance entries are left out when the block kept the parent's `gov` object
 * (the tree already holds those bytes). PERF: with 100 open proposals the governance value is ~8 KB,
 * encoded and hashed for nothing in most blocks (bench:governance).
 */
export function valueWrites(v: StateValues, parent?: StateValues): StateWrite[] {
  const writes = [
    { stateKey: QUEUE_KEY, value: encodeMembers(v.queue) },
    { stateKey: PENDING_KEY, value: encodeMembers(v.pending) },
    { stateKey: CHAIN_KEY, value: encodeChain(v) },
  ];
  if (parent?.gov === v.gov) return writes;
  writes.push({ stateKey: PARAMS_KEY, value: encodeParams(v.gov.params) });
  writes.push({ stateKey: GOV_KEY, value: encodeGov(v.gov) });
  return writes;
}

/**
 * A state from a stored root: a host restarting from its store needs only the root and hash of its
 * last committed block. Throws `missing-node` when the store lacks the root's entries.
 */
export function loadState(
  config: LedgerConfig,
  root: Uint8Array,
  blockHash: Uint8Array,
  store: Overlay,
  hash?: Hasher,
): LedgerState {
  const tree = new StateTree(store, root, hash);
  const read = (key: Uint8Array) => tree.get(key) ?? new Uint8Array();
  const queue = decodeMembers(read(QUEUE_KEY), 2 * QUEUE_MAX);
  const pending = decodeMembers(read(PENDING_KEY));
  const chain = decodeChain(read(CHAIN_KEY));
  const gov = { params: decodeParams(read(PARAMS_KEY)), ...decodeGov(read(GOV_KEY)) };
  const flat = new FlatValues();
  return {
    config,
    ...chain,
    queue,
    pending,
    gov,
    blockHash: blockHash.slice(),
    root: root.slice(),
    store,
    flat,
  };
}
