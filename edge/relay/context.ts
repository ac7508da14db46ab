/** What the hub's message handlers see: the connection they answer and the hub's shared powers. */
import type { Message } from '../../core/p2p/codec.ts';
import type { EdgeStores, EdgeValidatorSet } from '../stores/index.ts';
import type { Seen } from './dedupe.ts';
import type { Session } from './session.ts';
import type { Topic } from './topics.ts';

export interface Conn {
  readonly ws: WebSocket;
  readonly session: Session;
  send(m: Message): void;
  close(code: number, reason: string): void;
}

export interface Hub {
  readonly stores: EdgeStores;
  readonly chainId: Uint8Array;
  /** The genesis veto key: it alone signs veto delegations and revocations. */
  readonly vetoKey: Uint8Array;
  readonly seen: Seen;
  now(): number;
  /** Sends `frame` to every ready connection subscribed to `topic` not in `holders`, adding them to it. */
  fanout(topic: Topic, frame: Uint8Array, holders: Set<WebSocket>): void;
  /** Sends `m` to every ready connection. */
  broadcast(m: Message): void;
  /** The validator set the edge checks consensus messages against (cached until the ledger moves). */
  validators(): Promise<EdgeValidatorSet>;
  ledgerMoved(): void;
}
