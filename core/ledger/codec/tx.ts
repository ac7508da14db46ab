import { concatBytes } from '../../bytes.ts';
import { Reader, Writer } from '../../codec.ts';
import { sign } from '../../crypto/ed25519.ts';
import { ProtoError } from '../../errors.ts';
import { decodeBlock } from '../../token/block.ts';
import { type GovTxBody, readGovBody, writeGovBody } from '../governance/tx-codec.ts';
import { DOMAIN, TxType } from './constants.ts';
import { type EvidenceBody, readEvidence, writeEvidence } from './evidence.ts';

/**
 * Ledger transactions (PROTOCOL.md §3.4, docs/ledger.md §2). Encoding: `type u8 ‖ body ‖ signature 64`;
 * the signature covers `"proto/tx" ‖ chainId ‖ type ‖ body`. Amounts and fees are u128. The
 * governance bodies (types 4-8) are in governance/tx-codec.ts.
 */

/** Move `amount` coins from `from` to `to`, paying `fee` to the block's proposer. Signed by `from`. */
export interface TransferBody {
  type: typeof TxType.transfer;
  from: Uint8Array;
  to: Uint8Array;
  amount: bigint;
  fee: bigint;
  /** The sender's account nonce: its number of earlier transfers. */
  nonce: bigint;
}

/** Give governance token `token` to `newOwner`. Signed by the current owner; feeless. */
export interface TokenTransferBody {
  type: typeof TxType.tokenTransfer;
  token: Uint8Array;
  newOwner: Uint8Array;
  /** The token's number of earlier transfers, so a signature is never replayed. */
  seq: number;
}

/** Announcement of service (§3.2): the validator token block and the consensus key it seats. */
export interface AnnounceBody {
  type: typeof TxType.announce;
  consensusKey: Uint8Array;
  /** The token block's bytes (105 or 137). */
  token: Uint8Array;
}

export type TxBody = TransferBody | TokenTransferBody | AnnounceBody | EvidenceBody | GovTxBody;
/** A signed transaction. */
export type Tx = TxBody & { signature: Uint8Array };

/** The body's bytes, without the type byte. */
export function encodeTxBody(tx: TxBody): Uint8Array {
  const w = new Writer();
  if (tx.type === TxType.transfer) {
    w.fixed(tx.from).fixed(tx.to).u128(tx.amount).u128(tx.fee).u64(tx.nonce);
  } else if (tx.type === TxType.tokenTransfer) {
    w.fixed(tx.token).fixed(tx.newOwner).u32(tx.seq);
  } else if (tx.type === TxType.announce) {
    decodeBlock(tx.token);
    w.fixed(tx.consensusKey).raw(tx.token);
  } else if (tx.type === TxType.evidence) {
    writeEvidence(w, tx);
  } else if (tx.type >= TxType.publish && tx.type <= TxType.vetoRevoke) {
    writeGovBody(w, tx);
  } else {
    throw new ProtoError(
      'bad-encoding',
      `transaction type ${(tx as TxBody).type} is not supported`,
      'penalize',
    );
  }
  return w.bytes();
}

/**
 * The encoding of each transaction decodeTx returned, by object. A node encodes a transaction again
 * for its sign bytes, its block's txsHash, the block itself and the mempool's hash; taking these from
 * here removed ~7 % of a validator's CPU in bench:ledger Part 2. Decoded transactions are frozen,
 * so an object cannot drift from its encoding.
 */
const encodings = new WeakMap<TxBody, Uint8Array>();

/** The one encoding of a signed transaction. */
export function encodeTx(tx: Tx): Uint8Array {
  const known = encodings.get(tx);
  if (known) return known.slice();
  return new Writer().u8(tx.type).raw(encodeTxBody(tx)).fixed(tx.signature, 64).bytes();
}

/** What the signer signs: `"proto/tx" ‖ chainId ‖ type ‖ body`. */
export function txSignBytes(chainId: Uint8Array, tx: TxBody): Uint8Array {
  const known = encodings.get(tx);
  const body = known ? known.subarray(1, known.length - 64) : encodeTxBody(tx);
  return concatBytes(DOMAIN.tx, chainId, new Uint8Array([tx.type]), body);
}

/** `tx` signed with the 32-byte secret seed of its signer (the sender, token owner or announcer). */
export function signTx(chainId: Uint8Array, tx: TxBody, secret: Uint8Array): Tx {
  return { ...tx, signature: sign(txSignBytes(chainId, tx), secret) };
}

/** Strict decoding: known type, exact length, canonical token block; the result is frozen. Throws ProtoError. */
export function decodeTx(bytes: Uint8Array): Tx {
  if (bytes.length < 65)
    throw new ProtoError('bad-length', `transaction of ${bytes.length} bytes`, 'penalize');
  const r = new Reader(bytes.subarray(0, bytes.length - 64), 'transaction');
  const signature = bytes.slice(bytes.length - 64);
  const type = r.u8();
  let body: TxBody;
  if (type === TxType.transfer) {
    body = { type, from: r.fixed(), to: r.fixed(), amount: r.u128(), fee: r.u128(), nonce: r.u64() };
  } else if (type === TxType.tokenTransfer) {
    body = { type, token: r.fixed(), newOwner: r.fixed(), seq: r.u32() };
  } else if (type === TxType.announce) {
    const consensusKey = r.fixed();
    const token = r.fixed(r.left);
    decodeBlock(token);
    body = { type, consensusKey, token };
  } else if (type === TxType.evidence) {
    body = { type, ...readEvidence(r) };
  } else if (type >= TxType.publish && type <= TxType.vetoRevoke) {
    body = readGovBody(r, type);
  } else {
    throw r.fail(`unknown transaction type ${type}`);
  }
  r.end();
  const tx = Object.freeze({ ...body, signature });
  encodings.set(tx, bytes.slice());
  return tx;
}
