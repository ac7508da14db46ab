import { equalBytes } from '../bytes.ts';
import type { Height } from '../height.ts';
import { activeAt, blockHash, genesisState, type Header, membershipHash } from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import type { NetworkParams } from '../token/params.ts';

/**
 * A point a light client trusts: a verified header (or genesis, height 0) with the ordered validator
 * list of its height. `validators` of genesis is the list of height 1, which genesis fixes.
 */
export interface TrustedPoint {
  chainId: Uint8Array;
  height: Height;
  /** The block hash (32 zero bytes at genesis, as header 1's lastBlockHash). */
  hash: Uint8Array;
  /** Header time in ns (the genesis time at 0). */
  time: bigint;
  stateRoot: Uint8Array;
  validators: Uint8Array[];
  /** membershipHash of the next height's list. */
  nextValidatorsHash: Uint8Array;
  header?: Header;
}

/** The trusted point of genesis: the chain id, time, state root and first validators the file fixes. */
export function genesisPoint(params: NetworkParams, hash: Hasher = blake3Hash): TrustedPoint {
  const state = genesisState(params, { hash });
  const validators = activeAt(state.queue, 1).map((m) => m.key);
  return {
    chainId: state.config.chainId,
    height: 0,
    hash: state.blockHash,
    time: state.time,
    stateRoot: state.root,
    validators,
    nextValidatorsHash: membershipHash(validators, hash),
  };
}

/** The trusted point of a header whose list and commit were checked. */
export function pointOf(header: Header, validators: Uint8Array[], hash: Hasher): TrustedPoint {
  return {
    chainId: header.chainId,
    height: header.height,
    hash: blockHash(header, hash),
    time: header.time,
    stateRoot: header.stateRoot,
    validators,
    nextValidatorsHash: header.nextValidatorsHash,
    header,
  };
}

/** True when `a` and `b` are the same point. */
export function samePoint(a: TrustedPoint, b: TrustedPoint): boolean {
  return a.height === b.height && equalBytes(a.hash, b.hash);
}
