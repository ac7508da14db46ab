import { type LedgerBlockJson, ledgerBlockJson, txJson } from '../api/ledger.ts';
import { equalBytes, toHex } from '../bytes.ts';
import { ProtoError } from '../errors.ts';
import {
  type Block,
  blockHash,
  commitHash,
  decodeBlock,
  decodeCommit,
  encodeTx,
  txsHash,
  type VerifySignature,
  verifyCommit,
} from '../ledger/index.ts';
import type { Hasher } from '../token/hash.ts';
import { hexField, sameAsProven, sameJsonAsProven } from './proven.ts';
import type { TrustedPoint } from './trusted.ts';

/**
 * Checks a `GET /v1/ledger/blocks/{height}` answer against the verified header of its height: the
 * block's bytes hash to the verified block hash, its transactions are the ones the header's txsHash
 * names, its LastCommit the one lastCommitHash names, the commit it serves is a quorum of valid
 * precommits of the height's validators for that hash, and every JSON field (header, transactions,
 * commits, supply) is the view of those bytes. Returns the decoded block.
 */
export function checkBlockAnswer(
  answer: LedgerBlockJson,
  point: TrustedPoint,
  supply: bigint,
  verify: VerifySignature,
  hash: Hasher,
): Block {
  if (answer.height !== point.height)
    throw new ProtoError('bad-answer', `asked for block ${point.height}, got ${answer.height}`, 'penalize');
  const raw = hexField(answer.raw, 'raw');
  const block = decodeBlock(raw);
  if (!equalBytes(blockHash(block.header, hash), point.hash))
    throw new ProtoError(
      'bad-header',
      `the block's bytes are not those of verified header ${point.height}`,
      'penalize',
    );
  if (!equalBytes(txsHash(block.txs, hash), block.header.txsHash))
    throw new ProtoError(
      'value-mismatch',
      "the transactions are not those the header's txsHash names",
      'penalize',
    );
  if (!equalBytes(commitHash(block.lastCommit, hash), block.header.lastCommitHash))
    throw new ProtoError(
      'value-mismatch',
      "the LastCommit is not the one the header's lastCommitHash names",
      'penalize',
    );
  const commit = decodeCommit(hexField(answer.rawCommit, 'rawCommit'));
  verifyCommit(point.chainId, { height: point.height, hash: point.hash }, commit, point.validators, verify);
  const view = ledgerBlockJson(point.height, point.hash, block, raw, commit, supply);
  sameJsonAsProven('block', answer, view);
  return block;
}

/** `GET /v1/txs/{hash}` of a committed transaction. */
export interface TxAnswer {
  hash: string;
  status: string;
  height: number | null;
  index: number | null;
  blockHash: string | null;
  tx: unknown;
  raw: string;
}

/**
 * Checks a committed transaction's answer against its block (already checked by checkBlockAnswer):
 * the transaction at the answer's index has the answer's bytes, hash and JSON view.
 */
export function checkTxAnswer(answer: TxAnswer, block: Block, point: TrustedPoint, hash: Hasher): void {
  if (answer.status !== 'committed' || answer.index === null)
    throw new ProtoError(
      'bad-answer',
      'only a committed transaction can be checked against a header',
      'penalize',
    );
  sameAsProven('height', answer.height, point.height);
  sameAsProven('blockHash', answer.blockHash, toHex(point.hash));
  const tx = block.txs[answer.index];
  if (!tx)
    throw new ProtoError(
      'value-mismatch',
      `block ${point.height} has no transaction ${answer.index}`,
      'penalize',
    );
  const bytes = encodeTx(tx);
  sameAsProven('raw', answer.raw, toHex(bytes));
  sameAsProven('hash', answer.hash, toHex(hash(bytes)));
  sameJsonAsProven('tx', answer.tx, txJson(tx));
}
