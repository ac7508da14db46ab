/**
 * Faulty validators run the honest core but ignore the double-sign guard and misbehave on output:
 * - `equivocate`: per peer, the real message, a conflicting one (random value or nil), or both;
 * - `split`: in rounds with a faulty proposer, even-indexed peers are sent value X and odd-indexed
 *   ones value Y, as the proposal and as every faulty prevote and precommit (the classic attack
 *   that breaks agreement once more than f validators join it);
 * - `silent`: nothing at all;
 * - `invalid-proposer`: as proposer, an invalid block (and its own votes for it), honest otherwise.
 */
import { proposerOf, type Value } from '../../core/consensus/index.ts';
import { send } from './network.ts';
import type { Message, World } from './types.ts';

/** A bogus 32-byte value; its last byte marks it invalid half of the time (see `isValidValue`). */
function bogusValue(world: World): Value {
  const v = new Uint8Array(32);
  for (let i = 0; i < 31; i++) v[i] = world.rng.int(256);
  v[31] = world.rng.chance(50) ? 0xff : 1;
  return v;
}

/** X (side 0) or Y (side 1) of a split round: valid, distinct from every honest value. */
function splitValue(height: number, round: number, side: number): Value {
  const v = new Uint8Array(32);
  v.set([0x5e, side, height & 0xff, round & 0xff], 0);
  return v;
}

/** `msg` with its value replaced by `value`, re-signed. */
function withValue(world: World, from: number, msg: Message, value: Value | null): Message {
  const { auth } = world.config;
  if (msg.kind === 'vote') {
    const vote = { ...msg.vote, value };
    return { kind: 'vote', vote: auth?.signVote(vote) ?? vote };
  }
  if (msg.kind === 'proposal' && value !== null) {
    const proposal = { ...msg.proposal, value, validRound: -1 };
    return { kind: 'proposal', proposal: auth?.signProposal(proposal, from) ?? proposal };
  }
  return msg;
}

function equivocate(world: World, from: number, msg: Message): void {
  for (let to = 0; to < world.nodes.length; to++) {
    const choice = to === from ? 0 : world.rng.int(3);
    if (choice !== 1) send(world, from, to, msg);
    if (choice === 0) continue;
    const isNil = msg.kind === 'vote' && msg.vote.value !== null && world.rng.chance(50);
    send(world, from, to, withValue(world, from, msg, isNil ? null : bogusValue(world)));
  }
}

function split(world: World, from: number, msg: Message): void {
  const n = world.nodes.length;
  const { height, round } = msg.kind === 'vote' ? msg.vote : msg.proposal;
  const faultyProposer = proposerOf(n, round) >= n - world.config.faulty;
  for (let to = 0; to < n; to++) {
    const side = to % 2;
    send(
      world,
      from,
      to,
      faultyProposer ? withValue(world, from, msg, splitValue(height, round, side)) : msg,
    );
  }
}

/** An invalid block of a round (last byte 0xff, see `isValidValue`), distinct per height and round. */
function invalidValue(height: number, round: number): Value {
  const v = new Uint8Array(32);
  v.set([0xba, height & 0xff, round & 0xff], 0);
  v[31] = 0xff;
  return v;
}

/** As proposer, an invalid block to everyone, and its own prevote and precommit for it. */
function invalidProposer(world: World, from: number, msg: Message): void {
  const { height, round } = msg.kind === 'vote' ? msg.vote : msg.proposal;
  const mine = proposerOf(world.nodes.length, round) === from;
  const forVote = msg.kind === 'vote' && msg.vote.value !== null;
  const out =
    mine && (msg.kind === 'proposal' || forVote)
      ? withValue(world, from, msg, invalidValue(height, round))
      : msg;
  for (let to = 0; to < world.nodes.length; to++) send(world, from, to, out);
}

/** Broadcast by a faulty validator, according to `config.fault`. */
export function faultyBroadcast(world: World, from: number, msg: Message): void {
  if (world.config.fault === 'equivocate') equivocate(world, from, msg);
  else if (world.config.fault === 'split') split(world, from, msg);
  else if (world.config.fault === 'invalid-proposer') invalidProposer(world, from, msg);
}
