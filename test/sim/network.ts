/** The simulated network: delays, drops and reordering before GST, bounded delay after it. */
import type { Input } from '../../core/consensus/index.ts';
import type { Message, SimEvent, World } from './types.ts';

type Payload =
  | { readonly kind: 'deliver'; readonly to: number; readonly from: number; readonly msg: Message }
  | { readonly kind: 'input'; readonly to: number; readonly input: Input }
  | { readonly kind: 'gossip'; readonly to: number };

/** Queues `payload` at `now + after`. */
export function schedule(world: World, after: number, payload: Payload): void {
  world.queue.push({ at: world.now + after, seq: world.seq++, ...payload } as SimEvent);
}

/** Sends `msg` from `from` to `to`: to itself at once, otherwise through the network's faults. */
export function send(world: World, from: number, to: number, msg: Message): void {
  const { config, rng } = world;
  const payload = { kind: 'deliver', to, from, msg } as const;
  if (from === to) schedule(world, 0, payload);
  else if (world.now >= config.gst) schedule(world, rng.int(config.delay + 1), payload);
  else if (rng.chance(config.dropPercent)) world.dropped++;
  else schedule(world, rng.int(config.chaosDelay + 1), payload);
}

/** Sends `msg` to every node, the sender included (the paper's broadcast). */
export function broadcast(world: World, from: number, msg: Message): void {
  for (let to = 0; to < world.nodes.length; to++) send(world, from, to, msg);
}

/** Height a message belongs to. */
export function heightOf(msg: Message): number {
  return msg.kind === 'vote' ? msg.vote.height : msg.proposal.height;
}
