import { encodeBlock, type TokenBlock, TokenType } from './block.ts';
import type { Hasher } from './hash.ts';
import type { NetworkParams } from './params.ts';
import { MAX_U256 } from './pow.ts';

/** The genesis token: prev 0^32, type veto, genesis time, target 2^256-1, key = veto root key. */
export function genesisBlock(p: NetworkParams): TokenBlock {
  return {
    prev: new Uint8Array(32),
    type: TokenType.veto,
    time: p.genesisTime,
    target: MAX_U256,
    key: p.vetoKey,
  };
}

/** The token-chain id: the hash of the genesis token. */
export function tokenChainId(p: NetworkParams, hash: Hasher): Uint8Array {
  return hash(encodeBlock(genesisBlock(p)));
}
