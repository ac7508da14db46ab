/** Shapes of the in-process consensus simulator: messages, configuration, nodes and results. */
import type {
  ConsensusState,
  Decision,
  Input,
  Proposal,
  SignPosition,
  TimeoutParams,
  Vote,
} from '../../core/consensus/index.ts';
import type { Rng } from './prng.ts';
import type { EventQueue, Timed } from './queue.ts';

/**
 * What travels between nodes. A proposal with a validRound carries its proof of lock (the prevotes
 * of that round for its value, as CometBFT's ProposalPOL); `commit` answers a peer at an older height.
 */
export type Message =
  | { readonly kind: 'proposal'; readonly proposal: Proposal; readonly pol?: readonly Vote[] }
  | { readonly kind: 'vote'; readonly vote: Vote }
  | { readonly kind: 'commit'; readonly proposal: Proposal; readonly commit: readonly Vote[] };

/**
 * Message authentication, the seam where a benchmark plugs real signatures: `signX` returns the
 * message as sent (e.g. a Vote extended with a signature) and `verifyX` runs on every receipt before
 * the message becomes an input, told which node `receiver` received it. `signer` of a proposal is the
 * proposer's index.
 */
export interface SimAuth {
  signVote(vote: Vote): Vote;
  verifyVote(vote: Vote, receiver: number): boolean;
  signProposal(proposal: Proposal, signer: number): Proposal;
  verifyProposal(proposal: Proposal, signer: number, receiver: number): boolean;
  /** Node `node` decided `height`: it checks no message of that height from now on. */
  decided?(node: number, height: number): void;
}

/** How faulty validators misbehave; see faulty.ts. */
export type Fault = 'equivocate' | 'split' | 'silent' | 'invalid-proposer';

/** A network described by a small config object (as CometBFT's e2e manifests). Times in ms. */
export interface SimConfig {
  readonly seed: number;
  readonly validators: number;
  /** Faulty validators, the highest indices; at most f for the liveness claim to hold. */
  readonly faulty: number;
  readonly fault: Fault;
  /** Heights every honest node must decide. */
  readonly heights: number;
  /** Global stabilisation time: from then on messages arrive within `delay` and none is dropped. */
  readonly gst: number;
  readonly delay: number;
  /** Before GST: delays up to `chaosDelay` (so messages reorder) and `dropPercent` % of messages lost. */
  readonly chaosDelay: number;
  readonly dropPercent: number;
  readonly timeouts: TimeoutParams;
  /** Wait between a decision and the next height (the block interval). */
  readonly blockInterval: number;
  /** A node that made no progress for this long re-sends its messages of the current height. */
  readonly gossipInterval: number;
  /** Peers a stalled node relays others' votes to, per gossip interval. */
  readonly relayFanout: number;
  /** Give up (liveness failure) at this virtual time. */
  readonly maxTime: number;
  readonly auth?: SimAuth;
}

/** Host-side state of one node: the core's state plus what the host loop keeps around it. */
export interface SimNode {
  readonly id: number;
  readonly faulty: boolean;
  state: ConsensusState;
  lastSigned: SignPosition | null;
  /** Whether the latest `sign` output passed `canSign`; gates the broadcast that follows. */
  signAllowed: boolean;
  /** Own messages of the current height, re-sent when stalled. */
  sent: Message[];
  /** Messages of the next height, fed after `start-height`. */
  early: Message[];
  readonly decisions: Map<number, { decision: Decision; proposal: Proposal }>;
  progress: string;
  lastCatchup: Map<number, number>;
  /** Inputs stepped, i.e. the length of this node's write-ahead log. */
  inputs: number;
  refusedSigns: number;
  /** Votes this node signed for a value its host judged invalid (an honest node: never). */
  signedInvalid: number;
  evidence: number;
}

export type SimEvent = Timed &
  (
    | { readonly kind: 'deliver'; readonly to: number; readonly from: number; readonly msg: Message }
    | { readonly kind: 'input'; readonly to: number; readonly input: Input }
    | { readonly kind: 'gossip'; readonly to: number }
  );

/** The simulated world: configuration, nodes, clock, event queue and generator. */
export interface World {
  readonly config: SimConfig;
  readonly nodes: SimNode[];
  readonly queue: EventQueue<SimEvent>;
  readonly rng: Rng;
  now: number;
  seq: number;
  delivered: number;
  dropped: number;
  /** Honest nodes that have decided `config.heights` heights. */
  complete: number;
}
