import { equalBytes } from '../../bytes.ts';
import { isCanonicalPoint, isSmallOrderEncoding } from '../../crypto/ed25519-rule.ts';
import { ProtoError } from '../../errors.ts';
import { decodeBlock, TokenType } from '../../token/block.ts';
import { QUEUE_MAX, TOKEN_LIFETIME, TOKEN_USES } from '../codec/constants.ts';
import type { AnnounceBody, Tx } from '../codec/tx.ts';
import type { Member } from '../state/state.ts';
import type { BlockContext, Draft } from './draft.ts';
import { liveCount } from './queue.ts';

/**
 * Announcement of service (PROTOCOL.md §3.2). Valid when the token is a validator token in the
 * header's validator checkpoint with enough confirmations, unexpired at block time, never announced,
 * signed by its current owner, and the consensus key is a usable ed25519 key not pending and not held
 * by a live member that can still validate. The member joins the queue tail (validating from height + 2) or, when 90 members
 * are live, the pending FIFO.
 */
export function applyAnnounce(d: Draft, tx: AnnounceBody & Tx, ctx: BlockContext): void {
  const block = decodeBlock(tx.token);
  if (block.type !== TokenType.validator)
    throw new ProtoError('wrong-token-type', `token type ${block.type}`, 'penalize');
  const hash = d.env.hash(tx.token);
  const confirmations = d.env.tokens.confirmationsAt(hash, ctx.checkpoints.validator);
  if (confirmations === undefined) {
    throw new ProtoError(
      'token-not-checkpointed',
      'the token is not in the checkpointed validator chain',
      'retry',
    );
  }
  const needed = d.parent.config.validatorConfirmations;
  if (confirmations < needed)
    throw new ProtoError('token-unconfirmed', `${confirmations} of ${needed} confirmations`, 'retry');
  const expiry = block.time + TOKEN_LIFETIME;
  if (expiry <= ctx.time) throw new ProtoError('token-expired', `token expired at ${expiry}`, 'ignore');
  const entry = d.token(hash) ?? { owner: block.key, seq: 0, movedAt: 0, use: 'none' as const };
  if (entry.use !== 'none') throw new ProtoError('token-used', `the token was ${entry.use} before`, 'ignore');
  checkConsensusKey(d, tx.consensusKey, ctx.time);
  d.checkSignature(tx, entry.owner);
  d.setToken(hash, { ...entry, use: 'announced' });
  const member: Member = {
    key: tx.consensusKey,
    token: hash,
    owner: entry.owner,
    uses: TOKEN_USES,
    expiry,
    since: ctx.height + 2,
    until: 0,
  };
  const queued = liveCount(d.queue) < QUEUE_MAX;
  if (queued) d.queue.push(member);
  else d.pending.push(member);
  d.events.push({ kind: 'announce', token: hash, key: member.key, owner: member.owner, queued });
  if (queued) d.events.push({ kind: 'validator-join', key: member.key, token: hash, since: member.since });
}

/**
 * The key must be a usable ed25519 key, not pending, and not held by a live member that can still
 * validate. A live member that is spent (0 uses or its token expired at `time`, kept by §3.2 or about
 * to retire) does not block its key: the new entry validates from height + 2, after the old one's last.
 */
function checkConsensusKey(d: Draft, key: Uint8Array, time: bigint): void {
  if (!isCanonicalPoint(key) || isSmallOrderEncoding(key)) {
    throw new ProtoError(
      'bad-input',
      'the consensus key is not a canonical ed25519 key of large order',
      'penalize',
    );
  }
  const taken = (m: Member) => equalBytes(m.key, key);
  const usable = (m: Member) => m.until === 0 && m.uses > 0 && m.expiry > time;
  if (d.queue.some((m) => usable(m) && taken(m)) || d.pending.some(taken)) {
    throw new ProtoError('duplicate-validator', 'the consensus key is already queued or pending', 'ignore');
  }
}
