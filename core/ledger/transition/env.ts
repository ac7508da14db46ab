import { verify as ed25519Verify } from '../../crypto/ed25519.ts';
import { blake3Hash, type Hasher } from '../../token/hash.ts';

/**
 * What the ledger asks of the token chain. `TokenDag` provides it; answers must not depend on the
 * node's own fork choice, only on the tips passed in (PROTOCOL.md §3.3).
 */
export interface TokenView {
  /** The token `hash`, or undefined when this node does not hold it. */
  info(hash: Uint8Array):
    | {
        type: number;
        key: Uint8Array;
        time: bigint;
        target: bigint;
        subchain: string;
        root: boolean;
        /** count(token) (§1.2): tokens in its past and itself, the root excluded. */
        count: number;
      }
    | undefined;
  /** count(tip) - count(token) when `token` is in past(tip) ∪ {tip} and is not a root, else undefined. */
  confirmationsAt(token: Uint8Array, tip: Uint8Array): number | undefined;
}

/** A synchronous signature check: true when `sig` by `key` over `msg` is valid. */
export type VerifySignature = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => boolean;

/**
 * Platform powers the transition uses. `verify` defaults to Proto's one ed25519 rule in pure JS; a
 * host may pass the same rule with a native verifier, or one that answers from checks it already
 * batched. `hash` defaults to portable BLAKE3.
 */
export interface LedgerEnv {
  tokens: TokenView;
  verify?: VerifySignature;
  hash?: Hasher;
}

/** An env with its defaults filled in. */
export interface ResolvedEnv {
  tokens: TokenView;
  verify: VerifySignature;
  hash: Hasher;
}

/** `env` with the default verifier and hash where it names none. */
export function resolveEnv(env: LedgerEnv): ResolvedEnv {
  return {
    tokens: env.tokens,
    verify: env.verify ?? ((sig, msg, key) => ed25519Verify(sig, msg, key)),
    hash: env.hash ?? blake3Hash,
  };
}
