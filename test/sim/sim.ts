/**
 * A deterministic in-process network of consensus nodes: virtual time, seeded delays, drops and
 * faulty validators. Reusable: `config.auth` plugs real signatures in; `runSim` reports what
 * happened and `check.ts` judges it.
 */
import { initialState, TIMEOUTS } from '../../core/consensus/index.ts';
import { deliver, feed } from './host.ts';
import { schedule, send } from './network.ts';
import { makeRng } from './prng.ts';
import { makeQueue } from './queue.ts';
import type { Message, SimConfig, SimEvent, SimNode, World } from './types.ts';

const MS = 1_000_000n;

/** A small lossy network: 4 validators, one equivocating, chaos for 3 s of virtual time. */
export const SMALL_NETWORK: SimConfig = {
  seed: 1,
  validators: 4,
  faulty: 1,
  fault: 'equivocate',
  heights: 4,
  gst: 3000,
  delay: 50,
  chaosDelay: 400,
  dropPercent: 20,
  timeouts: {
    ...TIMEOUTS.devnet,
    proposeBase: 150n * MS,
    proposeDelta: 50n * MS,
    prevoteBase: 50n * MS,
    prevoteDelta: 50n * MS,
    precommitBase: 50n * MS,
    precommitDelta: 50n * MS,
  },
  blockInterval: 20,
  gossipInterval: 200,
  relayFanout: 2,
  maxTime: 120_000,
};

function makeNode(config: SimConfig, id: number): SimNode {
  return {
    id,
    faulty: id >= config.validators - config.faulty,
    state: initialState(config.timeouts),
    lastSigned: null,
    signAllowed: false,
    sent: [],
    early: [],
    decisions: new Map(),
    progress: '',
    lastCatchup: new Map(),
    inputs: 0,
    refusedSigns: 0,
    signedInvalid: 0,
    evidence: 0,
  };
}

/** Votes of `round` this node holds, for relaying. */
function votesOf(node: SimNode, round: number): Message[] {
  const entry = node.state.log.get(round);
  if (entry === undefined) return [];
  const votes = [...entry.prevote.byValidator, ...entry.precommit.byValidator, ...entry.prevote.extra];
  return votes.flatMap((vote) => (vote === undefined ? [] : [{ kind: 'vote', vote } as const]));
}

/**
 * The paper's gossip, which delivers to every correct process what one of them received: an honest
 * node stalled for a whole gossip interval re-sends its own messages of the height to everyone and
 * relays the votes it holds of its current and previous round to `relayFanout` random peers.
 */
function gossip(world: World, node: SimNode): void {
  const s = node.state;
  const progress = `${s.height}/${s.round}/${s.step}/${s.decision !== null}`;
  if (!node.faulty && progress === node.progress && s.decision === null) {
    for (const msg of node.sent) {
      for (let to = 0; to < world.nodes.length; to++) if (to !== node.id) send(world, node.id, to, msg);
    }
    const relayed = [...votesOf(node, s.round - 1), ...votesOf(node, s.round)];
    for (let i = 0; i < world.config.relayFanout; i++) {
      const to = world.rng.int(world.nodes.length);
      for (const msg of relayed) if (to !== node.id) send(world, node.id, to, msg);
    }
  }
  node.progress = progress;
  schedule(world, world.config.gossipInterval, { kind: 'gossip', to: node.id });
}

function dispatch(world: World, e: SimEvent): void {
  const node = world.nodes[e.to]!;
  if (e.kind === 'input') feed(world, node, e.input);
  else if (e.kind === 'gossip') gossip(world, node);
  else {
    world.delivered++;
    deliver(world, node, e.from, e.msg);
  }
}

/** Runs `config` until every honest node decided `config.heights` heights or `maxTime` passed. */
export function runSim(config: SimConfig): World {
  const world: World = {
    config,
    nodes: [],
    queue: makeQueue<SimEvent>(),
    rng: makeRng(config.seed),
    now: 0,
    seq: 0,
    delivered: 0,
    dropped: 0,
    complete: 0,
  };
  for (let id = 0; id < config.validators; id++) {
    world.nodes.push(makeNode(config, id));
    const input = { kind: 'start-height', height: 1, validators: config.validators, self: id } as const;
    schedule(world, 0, { kind: 'input', to: id, input });
    schedule(world, config.gossipInterval, { kind: 'gossip', to: id });
  }
  const honest = config.validators - config.faulty;
  for (;;) {
    if (world.complete === honest) break;
    const e = world.queue.pop();
    if (e === undefined || e.at > config.maxTime) break;
    world.now = e.at;
    dispatch(world, e);
  }
  return world;
}
