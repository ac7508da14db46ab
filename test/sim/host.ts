/**
 * The host loop of one simulated node, as `node/` will run it: verify, step, perform the outputs
 * (double-sign guard, broadcast, timers, decisions), buffer the next height's messages and answer
 * peers that are behind with a commit.
 */
import { equalBytes } from '../../core/bytes.ts';
import {
  canSign,
  type Input,
  type Output,
  type Proposal,
  proposerOf,
  step,
  type Value,
  type Vote,
  valueKey,
  votersFor,
} from '../../core/consensus/index.ts';
import { faultyBroadcast } from './faulty.ts';
import { broadcast, heightOf, schedule, send } from './network.ts';
import type { Message, SimNode, World } from './types.ts';

/** The value an honest proposer builds: height, round and its index; last byte 0 marks it valid. */
export function valueFor(height: number, round: number, id: number): Value {
  const v = new Uint8Array(32);
  const view = new DataView(v.buffer);
  view.setUint32(0, height);
  view.setUint32(4, round);
  view.setUint16(8, id);
  return v;
}

/** The host's valid(v): values whose last byte is 0xff are invalid blocks. */
export function isValidValue(v: Value): boolean {
  return v[31] !== 0xff;
}

/** Appends `input` to the node's log, steps the core and performs its outputs. */
export function feed(world: World, node: SimNode, input: Input): void {
  const newHeight = input.kind === 'start-height' && input.height > node.state.height;
  if (newHeight) node.sent = [];
  node.inputs++;
  const { state, outputs } = step(node.state, input);
  node.state = state;
  for (const o of outputs) perform(world, node, o);
  if (newHeight) {
    const early = node.early;
    node.early = [];
    for (const msg of early) if (heightOf(msg) === state.height) deliver(world, node, -1, msg);
  }
}

function emit(world: World, node: SimNode, msg: Message): void {
  if (!node.signAllowed) return;
  if (msg.kind === 'vote' && msg.vote.value !== null && !isValidValue(msg.vote.value)) node.signedInvalid++;
  node.sent.push(msg);
  if (node.faulty) faultyBroadcast(world, node.id, msg);
  else broadcast(world, node.id, msg);
}

function perform(world: World, node: SimNode, o: Output): void {
  const { auth, blockInterval } = world.config;
  if (o.kind === 'propose-request') {
    const { height, round } = o;
    const input: Input = { kind: 'propose-value', height, round, value: valueFor(height, round, node.id) };
    schedule(world, 0, { kind: 'input', to: node.id, input });
  } else if (o.kind === 'sign') {
    node.signAllowed = node.faulty || canSign(node.lastSigned, o.position);
    if (node.signAllowed) node.lastSigned = o.position;
    else node.refusedSigns++;
  } else if (o.kind === 'broadcast-proposal') {
    const proposal = auth?.signProposal(o.proposal, node.id) ?? o.proposal;
    emit(world, node, { kind: 'proposal', proposal, pol: proofOfLock(node, proposal) });
  } else if (o.kind === 'broadcast-vote') {
    emit(world, node, { kind: 'vote', vote: auth?.signVote(o.vote) ?? o.vote });
  } else if (o.kind === 'schedule-timeout') {
    const input: Input = { kind: 'timeout', timeout: o.timeout };
    schedule(world, Number(o.durationNs / 1_000_000n), { kind: 'input', to: node.id, input });
  } else if (o.kind === 'decide') {
    const { decision } = o;
    const stored = node.state.log.get(decision.round)!.proposals;
    const { proposal } = stored.find((p) => equalBytes(p.proposal.value, decision.value))!;
    node.decisions.set(decision.height, { decision, proposal });
    auth?.decided?.(node.id, decision.height);
    if (!node.faulty && node.decisions.size === world.config.heights) world.complete++;
    const next: Input = {
      kind: 'start-height',
      height: decision.height + 1,
      validators: node.state.validators,
      self: node.id,
    };
    schedule(world, blockInterval, { kind: 'input', to: node.id, input: next });
  } else if (o.kind === 'evidence') node.evidence++;
}

function proofOfLock(node: SimNode, p: Proposal): readonly Vote[] {
  if (p.validRound < 0) return [];
  const prevotes = node.state.log.get(p.validRound)?.prevote;
  return prevotes === undefined ? [] : votersFor(prevotes, valueKey(p.value));
}

/** Signature checks; without `auth` every message is authentic, as faulty models never forge. */
function authentic(world: World, to: number, msg: Message): boolean {
  const { auth } = world.config;
  if (auth === undefined) return true;
  if (msg.kind === 'vote') return auth.verifyVote(msg.vote, to);
  const signer = proposerOf(world.nodes.length, msg.proposal.round);
  if (!auth.verifyProposal(msg.proposal, signer, to)) return false;
  const relayed = msg.kind === 'proposal' ? (msg.pol ?? []) : msg.commit;
  return relayed.every((v) => auth.verifyVote(v, to));
}

/** Receipt of `msg` from `from` (-1: replayed from the node's own buffer). */
export function deliver(world: World, node: SimNode, from: number, msg: Message): void {
  const height = heightOf(msg);
  const { state } = node;
  // As node/ledger/inbox.ts: a message of a decided height never reaches the core, so its signature is
  // not checked; its sender only gets the decision (catch-up, at most once per gossip interval).
  if (height < state.height || (height === state.height && state.decision !== null)) {
    if (from >= 0 && msg.kind !== 'commit') catchUp(world, node, from, height);
    return;
  }
  if (!authentic(world, node.id, msg)) return;
  if (height > state.height) {
    if (height === state.height + 1 && node.early.length < 4 * world.nodes.length) node.early.push(msg);
    return;
  }
  if (msg.kind === 'commit') {
    for (const vote of msg.commit) feed(world, node, { kind: 'vote', vote });
    feed(world, node, proposalInput(msg.proposal));
  } else if (msg.kind === 'proposal') {
    for (const vote of msg.pol ?? []) feed(world, node, { kind: 'vote', vote });
    feed(world, node, proposalInput(msg.proposal));
  } else feed(world, node, { kind: 'vote', vote: msg.vote });
}

function proposalInput(proposal: Proposal): Input {
  return { kind: 'proposal', proposal, valid: isValidValue(proposal.value) };
}

/** Sends a peer at an older height the decision of that height, at most once per gossip interval. */
function catchUp(world: World, node: SimNode, peer: number, height: number): void {
  const d = node.decisions.get(height);
  if (node.faulty || d === undefined) return;
  if ((node.lastCatchup.get(peer) ?? -Infinity) + world.config.gossipInterval > world.now) return;
  node.lastCatchup.set(peer, world.now);
  const commit: readonly Vote[] = d.decision.commit;
  send(world, node.id, peer, { kind: 'commit', proposal: d.proposal, commit });
}
