/** One connected peer: its socket, handshake state, score, advertised tips and open requests. */
import type { WebSocket } from 'ws';
import { encodeMessage, type Message, type Tip } from '../../core/p2p/codec.ts';
import {
  MAX_INFLIGHT,
  MAX_SEND_BUFFER,
  REQUEST_TIMEOUT_MS,
  REQUESTS_PER_SECOND,
} from '../../core/p2p/limits.ts';

/** A request this node sent, kept until answered or timed out; `window` marks sync requests. */
export interface Pending {
  kind: 'getTokens' | 'getBlocks' | 'getLedgerBlocks';
  sent: number;
  subchain?: string;
  window?: number;
}

type Request =
  | Omit<Extract<Message, { type: 'getTokens' }>, 'id'>
  | Omit<Extract<Message, { type: 'getBlocks' }>, 'id'>
  | Omit<Extract<Message, { type: 'getLedgerBlocks' }>, 'id'>;

export class Peer {
  readonly socket: WebSocket;
  readonly inbound: boolean;
  /** An edge relay dialled by URL (`--edge`): never banned, never offered in `peers`. */
  readonly edge: boolean;
  /** Where the peer accepts connections (`host:port`), or '' when it does not listen. */
  address: string;
  /** The peer's node id (hex), known once its hello arrives. */
  id = '';
  ready = false;
  /** Set once this node decided to close the connection: whatever still arrives is ignored. */
  closing = false;
  score = 0;
  /** Latest tips from the peer's `status`, by subchain; at most MAX_STATUS_TIPS entries. */
  readonly tips = new Map<string, Tip>();
  /** At most MAX_INFLIGHT entries. */
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private tokens = REQUESTS_PER_SECOND;
  private refilled = Date.now();

  constructor(socket: WebSocket, inbound: boolean, address: string, edge = false) {
    this.socket = socket;
    this.inbound = inbound;
    this.edge = edge;
    this.address = address;
  }

  /** A short name for logs. */
  get name(): string {
    return `${this.id.slice(0, 8) || '?'}@${this.address || 'inbound'}`;
  }

  /** Closes the connection politely; messages already in flight are ignored. */
  close(code: number, reason: string): void {
    this.closing = true;
    this.socket.close(code, reason);
  }

  /** Sends `m`; a peer whose send buffer is over MAX_SEND_BUFFER is closed as too slow. */
  send(m: Message): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_SEND_BUFFER) {
      this.socket.terminate();
      return;
    }
    this.socket.send(encodeMessage(m));
  }

  /** Sends a request and returns its id, or undefined when MAX_INFLIGHT requests already await answers. */
  request(m: Request, pending: Omit<Pending, 'kind' | 'sent'> = {}): number | undefined {
    if (this.pending.size >= MAX_INFLIGHT) return undefined;
    const id = this.nextId++;
    this.pending.set(id, { ...pending, kind: m.type, sent: Date.now() });
    this.send({ ...m, id } as Message);
    return id;
  }

  /** True when no request of this peer's is open. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  /** The open request answered by a response of `kind` with `id`, now closed; undefined if none. */
  settle(id: number, kind: Pending['kind']): Pending | undefined {
    const p = this.pending.get(id);
    if (!p || p.kind !== kind) return undefined;
    this.pending.delete(id);
    return p;
  }

  /** Removes and returns the requests older than REQUEST_TIMEOUT_MS. */
  expire(now: number): Pending[] {
    const late: Pending[] = [];
    for (const [id, p] of this.pending) {
      if (now - p.sent > REQUEST_TIMEOUT_MS) {
        late.push(p);
        this.pending.delete(id);
      }
    }
    return late;
  }

  /** The open requests, for a sync that must forget them when the peer leaves. */
  open(): Pending[] {
    return [...this.pending.values()];
  }

  /** Takes one request token from the peer's bucket; false when it asks more than REQUESTS_PER_SECOND. */
  allowRequest(now: number): boolean {
    if (now - this.refilled >= 1000) {
      this.tokens = REQUESTS_PER_SECOND;
      this.refilled = now;
    }
    if (this.tokens === 0) return false;
    this.tokens--;
    return true;
  }
}
