import { equalBytes } from '../../bytes.ts';
import { ProtoError } from '../../errors.ts';
import { decodeBlock, TokenType } from '../../token/block.ts';
import { congressRootTarget } from '../../token/params.ts';
import { MAX_CONGRESS_TIPS } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import type { TokenEntry } from '../state/state.ts';
import type { BlockContext, Draft } from '../transition/draft.ts';
import { checkCid } from './cid.ts';
import { checkUpgradeName, MAX_TITLE } from './content-codec.ts';
import { checkChanges } from './params.ts';
import type { PublishBody } from './tx-codec.ts';
import { type Proposal, ProposalKind, Status } from './types.ts';

/**
 * `publish` (PROTOCOL.md §3.5). The content first (title, CID, changes, upgrade), then the token: a
 * proposal token canonical at the header's proposal checkpoint with its confirmations and among the
 * K (`liveProposals`) most recent, i.e. with fewer than K confirmations; never used; signed by its
 * current owner. The proposal waits in `pending` until the next block names its id (lifecycle.ts).
 */
export function applyPublish(d: Draft, tx: PublishBody & Tx, ctx: BlockContext): void {
  checkContent(tx, ctx);
  const block = decodeBlock(tx.token);
  if (block.type !== TokenType.proposal)
    throw new ProtoError('wrong-token-type', `token type ${block.type}`, 'penalize');
  const hash = d.env.hash(tx.token);
  const c = d.env.tokens.confirmationsAt(hash, ctx.checkpoints.proposal);
  if (c === undefined)
    throw new ProtoError(
      'token-not-checkpointed',
      'the token is not in the checkpointed proposal chain',
      'retry',
    );
  const needed = d.parent.config.proposalConfirmations;
  if (c < needed) throw new ProtoError('token-unconfirmed', `${c} of ${needed} confirmations`, 'retry');
  const live = d.gov.params.liveProposals;
  if (c >= live)
    throw new ProtoError(
      'token-expired',
      `${live} newer proposal tokens were mined: only the ${live} most recent are live`,
      'ignore',
    );
  const entry: TokenEntry = d.token(hash) ?? { owner: block.key, seq: 0, movedAt: 0, use: 'none' };
  if (entry.use !== 'none') throw new ProtoError('token-used', `the token was ${entry.use} before`, 'ignore');
  checkOwner(d, tx, entry.owner);
  if (d.gov.pending.length + d.gov.open.length >= MAX_CONGRESS_TIPS) {
    throw new ProtoError('too-many-proposals', `${MAX_CONGRESS_TIPS} proposals are open`, 'ignore');
  }
  d.setToken(hash, { ...entry, use: 'published' });
  const proposal = newProposal(d, tx, ctx, hash, block.target);
  d.gov = { ...d.gov, count: proposal.seq, pending: [...d.gov.pending, proposal] };
  d.events.push({
    kind: 'publish',
    token: hash,
    publisher: tx.signer,
    proposalKind: tx.kind,
    seq: proposal.seq,
  });
}

/** Throws `not-token-owner` unless `owner` is the named signer, then `bad-signature` unless it signed. */
export function checkOwner(d: Draft, tx: Tx & { signer: Uint8Array }, owner: Uint8Array): void {
  if (!equalBytes(tx.signer, owner))
    throw new ProtoError('not-token-owner', 'the signer does not own the token', 'ignore');
  d.checkSignature(tx, owner);
}

function checkContent(tx: PublishBody, ctx: BlockContext): void {
  if (tx.title.length > MAX_TITLE) {
    throw new ProtoError(
      'title-too-long',
      `title of ${tx.title.length} bytes, at most ${MAX_TITLE}`,
      'penalize',
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(tx.title);
  } catch {
    throw new ProtoError('bad-input', 'title is not valid UTF-8', 'penalize');
  }
  checkCid(tx.cid);
  if (tx.kind === ProposalKind.parameter) checkChanges(tx.changes);
  else if (tx.changes.length > 0)
    throw new ProtoError('bad-input', 'only a parameter proposal carries changes', 'penalize');
  if (tx.kind === ProposalKind.upgrade) {
    if (!tx.upgrade) throw new ProtoError('bad-input', 'an upgrade proposal names an upgrade', 'penalize');
    checkUpgradeName(tx.upgrade.name);
    if (tx.upgrade.height <= ctx.height) {
      throw new ProtoError(
        'bad-input',
        `activation height ${tx.upgrade.height} is not above ${ctx.height}`,
        'penalize',
      );
    }
  } else if (tx.upgrade)
    throw new ProtoError('bad-input', 'only an upgrade proposal names an upgrade', 'penalize');
}

function newProposal(
  d: Draft,
  tx: PublishBody,
  ctx: BlockContext,
  token: Uint8Array,
  target: bigint,
): Proposal {
  const { kind, cid, title, changes, upgrade } = tx;
  return {
    id: new Uint8Array(32),
    seq: d.gov.count + 1n,
    token,
    publisher: tx.signer.slice(),
    kind,
    cid,
    title,
    changes,
    upgrade,
    height: ctx.height,
    t0: ctx.time,
    deadline: ctx.time + d.gov.params.votingPeriod,
    size: d.gov.params.congressSize,
    rootTarget: congressRootTarget(d.parent.config, target),
    status: Status.open,
    closedAt: 0,
    veto: undefined,
    votes: [],
  };
}
