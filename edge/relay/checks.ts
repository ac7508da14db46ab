/**
 * The signature checks the hub runs before it relays consensus messages and transactions.
 *
 * Votes and proposals are checked against the validator set the edge tracks (the keys deciding the
 * height after its ledger head). A message for that height with a bad signature or an unknown
 * validator is refused (the sender is closed); one for a later height is checked against the same
 * keys (the set rarely changes), and dropped without blame when it fails, as the edge may lag; one for
 * an earlier height is stale and dropped. While the edge does not know the list of its next height
 * (a membership change it has not seen a light block for), consensus messages are dropped.
 *
 * Transactions are decoded strictly; those whose signer the bytes name (a transfer's sender, the
 * signer of publish, vote and veto) or the genesis fixes (veto delegation and revocation: the veto
 * key) must carry that key's signature. The others (token transfer, announce, evidence) need the
 * ledger state to know their signer and are relayed on decoding alone: every node checks them again
 * before admitting them.
 */
import { verifyAsync } from '../../core/crypto/ed25519.ts';
import { webCryptoVerify } from '../../core/crypto/webcrypto.ts';
import { isProtoError } from '../../core/errors.ts';
import {
  decodeTx,
  proposalBytes,
  type SignedProposal,
  type SignedVote,
  type Tx,
  TxType,
  txSignBytes,
  voteBytes,
} from '../../core/ledger/index.ts';
import type { EdgeValidatorSet } from '../stores/index.ts';

/** The ordered keys deciding `height`; `keys` null while the edge does not know the list. */
type ValidatorSet = { height: number; keys: Uint8Array[] | null };

const native = webCryptoVerify(crypto.subtle);

/** The set of checks from the edge's tracked set. */
export function keysOf(set: EdgeValidatorSet): ValidatorSet {
  return { height: set.height, keys: set.validators };
}

/** What to do with a message: relay it, drop it quietly, or refuse it (close the sender). */
export type Check = 'relay' | 'drop' | { refuse: string };

function verify(sig: Uint8Array, msg: Uint8Array, key: Uint8Array): Promise<boolean> {
  return verifyAsync(sig, msg, key, native);
}

/** Judges a vote on its height, validator index and signature. */
export async function checkVote(chainId: Uint8Array, set: ValidatorSet, v: SignedVote): Promise<Check> {
  if (v.height < set.height || !set.keys) return 'drop';
  const key = set.keys[v.validator];
  const ok = key !== undefined && (await verify(v.signature, voteBytes(chainId, v, v.timestamp), key));
  if (ok) return 'relay';
  if (v.height > set.height) return 'drop';
  return { refuse: key ? `bad vote signature of validator ${v.validator}` : `no validator ${v.validator}` };
}

/** Judges a proposal: its proposer's signature (keys[round mod n]) and every vote of its proof of lock. */
export async function checkProposal(
  chainId: Uint8Array,
  set: ValidatorSet,
  p: SignedProposal,
  pol: SignedVote[],
): Promise<Check> {
  if (p.height < set.height || !set.keys || set.keys.length === 0) return 'drop';
  const key = set.keys[p.round % set.keys.length]!;
  const valid = p.validRound >= -1 && p.validRound < p.round;
  if (!valid || !(await verify(p.signature, proposalBytes(chainId, p), key)))
    return p.height > set.height ? 'drop' : { refuse: `bad proposal signature at round ${p.round}` };
  for (const v of pol) {
    const verdict = await checkVote(chainId, set, v);
    if (verdict !== 'relay') return verdict === 'drop' ? 'drop' : { refuse: 'bad proof-of-lock vote' };
  }
  return 'relay';
}

/** Decodes a transaction and checks the signature of a signer its bytes name or the genesis fixes. */
export async function checkTx(chainId: Uint8Array, vetoKey: Uint8Array, raw: Uint8Array): Promise<Check> {
  let tx: Tx;
  try {
    tx = decodeTx(raw);
  } catch (e) {
    if (!isProtoError(e)) throw e;
    return { refuse: `malformed transaction: ${e.message}` };
  }
  const signer = namedSigner(tx, vetoKey);
  if (!signer) return 'relay';
  const ok = await verify(tx.signature, txSignBytes(chainId, tx), signer);
  return ok ? 'relay' : { refuse: 'bad transaction signature' };
}

function namedSigner(tx: Tx, vetoKey: Uint8Array): Uint8Array | undefined {
  if (tx.type === TxType.transfer) return tx.from;
  if (tx.type === TxType.publish || tx.type === TxType.vote || tx.type === TxType.veto) return tx.signer;
  if (tx.type === TxType.vetoDelegate || tx.type === TxType.vetoRevoke) return vetoKey;
  return undefined;
}
