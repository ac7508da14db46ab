/**
 * RelayHub: the Durable Object every node and light client of one network connects to over a
 * websocket (`GET /v1/relay`), speaking the node's binary p2p frames. Sockets are accepted with the
 * Hibernation API, tagged with their topics; what a connection needs between frames (handshake, frame
 * budget, open requests) lives in its attachment, so the hub can sleep between frames. The hub holds
 * no chain data: blocks, tips and the ledger are in the edge's stores (edge/stores).
 *
 * Every frame passes, in order: the size limit, the frame budget, strict decoding (gate.ts), the
 * handshake, the cheap validity check of its kind, deduplication, and only then fan-out.
 */
import { DurableObject } from 'cloudflare:workers';
import { fromHex } from '../../core/bytes.ts';
import { encodeMessage, type Message } from '../../core/p2p/codec.ts';
import type { Env } from '../env.ts';
import { networkOf } from '../network.ts';
import { type EdgeStores, type EdgeValidatorSet, edgeStores } from '../stores/index.ts';
import type { Conn, Hub } from './context.ts';
import { Seen } from './dedupe.ts';
import { dispatch } from './dispatch.ts';
import { gate } from './gate.ts';
import { edgeHello } from './hello.ts';
import { newSession, type Session } from './session.ts';
import { parseTopics, type Topic } from './topics.ts';

/** Frames handled between two sweeps of the session cache against `getWebSockets()`. */
const SWEEP_EVERY = 256;

export class RelayHub extends DurableObject<Env> implements Hub {
  readonly stores: EdgeStores;
  readonly chainId: Uint8Array;
  /** The genesis veto key: it alone signs veto delegations and revocations. */
  readonly vetoKey: Uint8Array;
  readonly seen = new Seen();
  /** Sessions read from attachments since the last wake; swept against the live sockets. */
  private readonly sessions = new Map<WebSocket, Session>();
  private set: Promise<EdgeValidatorSet> | undefined;
  private frames = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.stores = edgeStores(env);
    const network = networkOf(env);
    this.chainId = fromHex(network.chainId, 32)!;
    this.vetoKey = network.params.vetoKey;
  }

  /** Accepts a websocket upgrade; the hub sends its hello first. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return problem(426, 'upgrade-required', 'GET /v1/relay needs a websocket upgrade');
    const topics = parseTopics(new URL(request.url).searchParams.get('topics'));
    if (typeof topics === 'string') return problem(400, 'bad-topics', topics);
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, topics);
    this.save(server, newSession(Date.now()));
    server.send(encodeMessage(edgeHello(this.chainId)));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    if (++this.frames % SWEEP_EVERY === 0) this.sweep();
    const session = this.session(ws);
    const gated = gate(data, session, Date.now());
    const c = this.conn(ws, session);
    if (!gated.ok) {
      c.close(gated.code, gated.reason);
      return;
    }
    try {
      await dispatch(this, c, gated.frame, gated.message);
    } catch (e) {
      console.error('relay: internal error', e);
      c.close(1011, 'internal error');
    } finally {
      if (this.sessions.has(ws)) this.save(ws, session);
    }
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    this.sessions.delete(ws);
    this.sweep();
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.sessions.delete(ws);
  }

  now(): number {
    return Date.now();
  }

  fanout(topic: Topic, frame: Uint8Array, holders: Set<WebSocket>): void {
    for (const ws of this.ctx.getWebSockets(topic)) {
      if (holders.has(ws) || !this.session(ws).ready) continue;
      holders.add(ws);
      send(ws, frame);
    }
  }

  broadcast(m: Message): void {
    const frame = encodeMessage(m);
    for (const ws of this.ctx.getWebSockets()) if (this.session(ws).ready) send(ws, frame);
  }

  validators(): Promise<EdgeValidatorSet> {
    this.set ??= this.stores.validatorSet().catch((e) => {
      this.set = undefined;
      throw e;
    });
    return this.set;
  }

  ledgerMoved(): void {
    this.set = undefined;
  }

  /** Live connections that completed the handshake (for tests and metrics). */
  readyCount(): number {
    return this.ctx.getWebSockets().filter((ws) => this.session(ws).ready).length;
  }

  /** Sessions held in memory since the last wake (for tests: rebuilt lazily after hibernation). */
  cachedSessions(): number {
    return this.sessions.size;
  }

  private session(ws: WebSocket): Session {
    let s = this.sessions.get(ws);
    if (!s) {
      s = (ws.deserializeAttachment() as Session | null) ?? newSession(Date.now());
      this.sessions.set(ws, s);
    }
    return s;
  }

  private save(ws: WebSocket, s: Session): void {
    this.sessions.set(ws, s);
    ws.serializeAttachment(s);
  }

  private conn(ws: WebSocket, session: Session): Conn {
    return {
      ws,
      session,
      send: (m) => send(ws, encodeMessage(m)),
      close: (code, reason) => {
        this.sessions.delete(ws);
        try {
          ws.close(code, reason);
        } catch {
          // already closing
        }
      },
    };
  }

  /** Drops cached sessions of sockets the runtime no longer holds (their close event may never come). */
  private sweep(): void {
    const live = new Set(this.ctx.getWebSockets());
    for (const ws of this.sessions.keys()) if (!live.has(ws)) this.sessions.delete(ws);
  }
}

function send(ws: WebSocket, frame: Uint8Array): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  try {
    ws.send(frame);
  } catch {
    // closed meanwhile; the sweep forgets it
  }
}

function problem(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}
