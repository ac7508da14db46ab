import { memberJson } from '../api/ledger.ts';
import { equalBytes, fromHex, toHex as hexOf } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import {
  type Account,
  accountKey,
  activeAt,
  CHAIN_KEY,
  type ChainValues,
  decodeAccount,
  decodeChain,
  decodeMembers,
  decodeTokenEntry,
  type Header,
  type Member,
  PENDING_KEY,
  QUEUE_KEY,
  QUEUE_MAX,
  type TokenEntry,
  tokenKey,
  validatorsHash,
} from '../ledger/index.ts';
import { blake3Hash, type Hasher } from '../token/hash.ts';
import { type ProofJson, provenBytes, sameAsProven, sameJsonAsProven } from './proven.ts';

/**
 * Checks of the state answers of the node API (docs/api.md) against the stateRoot of a verified
 * header of the height each proof names. Each returns the proven value, and throws `bad-proof` when
 * the proof fails, `value-mismatch` when a field of the answer differs from the proven value, or
 * `bad-answer` when the answer is malformed.
 */

/** `GET /v1/accounts/{key}`: the proof fields sit beside the account's. */
export interface AccountJson extends ProofJson {
  key: string;
  balance: string;
  nonce: string;
}

/** The proven account of `answer` (balance 0 and nonce 0 when absent). */
export function checkAccount(answer: AccountJson, key: Uint8Array, root: Uint8Array, hash?: Hasher): Account {
  const bytes = provenBytes(answer, root, accountKey(key), hash);
  const account = bytes ? decodeAccount(bytes) : { balance: 0n, nonce: 0n };
  sameAsProven('balance', answer.balance, account.balance.toString());
  sameAsProven('nonce', answer.nonce, account.nonce.toString());
  return account;
}

/** The `ledger` part of `GET /v1/tokens/{hash}`: the token's ledger entry with its proof. */
export interface TokenEntryJson {
  entry: { owner: string; seq: number; movedAt: number; use: string } | null;
  proof: ProofJson;
}

/** The proven ledger entry of token `hash`, undefined when the ledger has none. */
export function checkTokenEntry(
  answer: TokenEntryJson,
  hash: Uint8Array,
  root: Uint8Array,
  hasher?: Hasher,
): TokenEntry | undefined {
  const bytes = provenBytes(answer.proof, root, tokenKey(hash), hasher);
  const entry = bytes && decodeTokenEntry(bytes);
  if (!entry) {
    sameAsProven('entry', answer.entry, null);
    return undefined;
  }
  const served = answer.entry;
  if (!served) throw new ProtoError('value-mismatch', 'the answer says no entry; the proof shows one');
  sameAsProven('owner', served.owner, hexOf(entry.owner));
  sameAsProven('seq', served.seq, entry.seq);
  sameAsProven('movedAt', served.movedAt, Number(entry.movedAt));
  sameAsProven('use', served.use, entry.use);
  return entry;
}

/** The chain values the head answer proves (`GET /v1/ledger/head`, field `chain`). */
export function checkChainValues(
  answer: { supply: string; chain: { proof: ProofJson } },
  root: Uint8Array,
  hash?: Hasher,
): ChainValues {
  const bytes = provenBytes(answer.chain.proof, root, CHAIN_KEY, hash);
  if (!bytes) throw new ProtoError('bad-proof', 'the chain values are always stored');
  const chain = decodeChain(bytes);
  sameAsProven('supply', answer.supply, chain.supply.toString());
  return chain;
}

/** `GET /v1/validators`: the queue and the pending FIFO with their proofs. */
export interface ValidatorsJson {
  height: number;
  validators: string[];
  proofs: { queue: ProofJson; pending: ProofJson };
}

/** The proven queue and pending FIFO; the served list of `height` must be the queue's active members. */
export function checkValidators(
  answer: ValidatorsJson,
  root: Uint8Array,
  hash?: Hasher,
): { queue: Member[]; pending: Member[] } {
  const queueBytes = provenBytes(answer.proofs.queue, root, QUEUE_KEY, hash);
  const pendingBytes = provenBytes(answer.proofs.pending, root, PENDING_KEY, hash);
  if (!queueBytes || !pendingBytes)
    throw new ProtoError('bad-proof', 'the queue and pending are always stored');
  const queue = decodeMembers(queueBytes, 2 * QUEUE_MAX);
  const pending = decodeMembers(pendingBytes);
  const active = activeAt(queue, BigInt(answer.height)).map((m) => hexOf(m.key));
  sameAsProven('validators', answer.validators.join(','), active.join(','));
  return { queue, pending };
}

/** The validators of the height being decided, with the proven queue and pending FIFO. */
export interface ValidatorQueue {
  next: Uint8Array[];
  queue: Member[];
  pending: Member[];
}

/**
 * A whole `GET /v1/validators` answer against the verified header of `height` (the height its queue
 * proof names): the list is of height + 1, the queue and pending FIFO are proven, the list is the
 * queue's active members, and every member's fields are the proven ones.
 */
export function checkValidatorsAnswer(
  json: unknown,
  height: bigint,
  root: Uint8Array,
  hash?: Hasher,
): ValidatorQueue {
  const answer = json as ValidatorsJson & { queue: unknown; pending: unknown };
  if (!Number.isSafeInteger(answer.height) || BigInt(answer.height) !== height + 1n)
    throw new ProtoError(
      'value-mismatch',
      `the list is of height ${answer.height}, not the one after ${height}`,
    );
  if (!Array.isArray(answer.validators))
    throw new ProtoError('bad-answer', 'the answer has no validators list');
  const { queue, pending } = checkValidators(answer, root, hash);
  const next = answer.validators.map((k) => fromHex(k, 32)!);
  const active = next.map(hexOf);
  const queueView = queue.map((m) => ({ ...memberJson(m), position: active.indexOf(hexOf(m.key)) }));
  sameJsonAsProven('queue', answer.queue, queueView);
  sameJsonAsProven('pending', answer.pending, pending.map(memberJson));
  return { next, queue, pending };
}

/** `GET /v1/validators?height=h`: the ordered list must be the one the verified header of h names. */
export function checkValidatorsAt(json: unknown, header: Header, hash: Hasher = blake3Hash): Uint8Array[] {
  const answer = json as { validators?: unknown };
  const list = Array.isArray(answer.validators)
    ? answer.validators.map((k) => (typeof k === 'string' ? fromHex(k, 32) : undefined))
    : [undefined];
  if (list.some((k) => !k) || !equalBytes(validatorsHash(list as Uint8Array[], hash), header.validatorsHash))
    throw new ProtoError(
      'bad-validators',
      `the list served for height ${header.height} is not the one its header names`,
    );
  return list as Uint8Array[];
}
