/**
 * Connections: the ws server and dialer, the handshake, scores and bans. Protocol messages of ready
 * peers go to the `Handler`; this file only decides who is connected.
 */
import type { IncomingMessage } from 'node:http';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { toHex } from '../../core/bytes.ts';
import { decodeMessage, isAddress, type Message } from '../../core/p2p/codec.ts';
import * as L from '../../core/p2p/limits.ts';
import { AddressBook } from './addresses.ts';
import { BanList } from './bans.ts';
import { EdgeDialer } from './edges.ts';
import { judgeHello, keepsNewConnection } from './handshake.ts';
import { Peer, type Pending } from './peer.ts';

export interface NetworkConfig {
  chainId: Uint8Array;
  nodeId: Uint8Array;
  /** Where to accept connections; port 0 picks a free port. Absent: dial only. */
  listen?: { host: string; port: number };
  /** Addresses (`host:port`) dialled at start and redialled whenever disconnected. */
  peers: string[];
  /** Edge relay URLs (ws:// or wss://) kept connected; never in the address book (edges.ts). */
  edges?: string[];
  log: (line: string) => void;
}

export interface Handler {
  onReady(peer: Peer): void;
  onMessage(peer: Peer, m: Message): void;
  onClose(peer: Peer): void;
  onTimeout(peer: Peer, late: Pending[]): void;
}

export class Network {
  readonly book = new AddressBook();
  private readonly bans = new BanList();
  private readonly all = new Set<Peer>();
  private readonly self = new Set<string>();
  private readonly edges: EdgeDialer;
  private readonly cfg: NetworkConfig;
  private handler!: Handler;
  private server: WebSocketServer | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The port this node accepts connections on, 0 when it does not listen. */
  listenPort = 0;

  constructor(cfg: NetworkConfig) {
    this.cfg = cfg;
    for (const a of cfg.peers) this.book.addPersistent(a);
    this.edges = new EdgeDialer(cfg.edges ?? []);
  }

  /** Starts listening (when configured) and dialling. */
  async start(handler: Handler): Promise<void> {
    this.handler = handler;
    if (this.cfg.listen) await this.listen(this.cfg.listen.host, this.cfg.listen.port);
    this.timer = setInterval(() => this.tick(), 1000);
    this.tick();
  }

  private listen(host: string, port: number): Promise<void> {
    const server = new WebSocketServer({ host, port, maxPayload: L.MAX_FRAME });
    this.server = server;
    server.on('connection', (socket, req) => this.accept(socket, req));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        const a = server.address();
        this.listenPort = typeof a === 'object' && a ? a.port : port;
        resolve();
      });
    });
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const inbound = [...this.all].filter((p) => p.inbound).length;
    if (inbound >= L.MAX_INBOUND) {
      socket.close(1013, 'too many peers');
      return;
    }
    this.attach(new Peer(socket, true, ''), req.socket.remoteAddress ?? '');
  }

  private dial(address: string): void {
    this.book.dialed(address, Date.now());
    const socket = new WebSocket(`ws://${address}`, {
      maxPayload: L.MAX_FRAME,
      handshakeTimeout: L.HELLO_TIMEOUT_MS,
    });
    this.attach(new Peer(socket, false, address), '');
  }

  private dialEdge(url: string, now: number): void {
    this.edges.dialed(url, now);
    const socket = new WebSocket(url, { maxPayload: L.MAX_FRAME, handshakeTimeout: L.HELLO_TIMEOUT_MS });
    this.attach(new Peer(socket, false, url, true), '');
  }

  private attach(peer: Peer, remoteIp: string): void {
    this.all.add(peer);
    const { socket } = peer;
    const hello = setTimeout(() => peer.ready || socket.terminate(), L.HELLO_TIMEOUT_MS);
    const sendHello = () =>
      peer.send({
        type: 'hello',
        version: L.P2P_VERSION,
        chainId: this.cfg.chainId,
        nodeId: this.cfg.nodeId,
        listenPort: this.listenPort,
      });
    if (peer.inbound) sendHello();
    else socket.on('open', sendHello);
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(peer, data, isBinary, remoteIp));
    socket.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        this.penalize(peer, L.PENALTY.malformed, 'oversized frame');
    });
    socket.on('close', () => {
      clearTimeout(hello);
      this.all.delete(peer);
      if (peer.edge && !peer.ready) this.edges.failed(peer.address);
      else if (!peer.ready && !peer.inbound) this.book.failed(peer.address);
      if (peer.ready) {
        this.cfg.log(`p2p: ${peer.name} disconnected`);
        this.handler.onClose(peer);
      }
    });
  }

  private receive(peer: Peer, data: RawData, isBinary: boolean, remoteIp: string): void {
    if (peer.closing) return;
    if (!isBinary || !(data instanceof Buffer)) {
      this.penalize(peer, L.PENALTY.malformed, 'malformed frame (not a single binary frame)');
      return;
    }
    let m: Message;
    try {
      m = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (e) {
      this.penalize(peer, L.PENALTY.malformed, `malformed frame (${(e as Error).message})`);
      return;
    }
    if (!peer.ready) {
      if (m.type !== 'hello') {
        this.penalize(peer, L.PENALTY.malformed, `${m.type} before hello`);
        return;
      }
      this.greet(peer, m, remoteIp);
      return;
    }
    if (m.type === 'hello') {
      this.penalize(peer, L.PENALTY.malformed, 'second hello');
      return;
    }
    try {
      this.handler.onMessage(peer, m);
    } catch (e) {
      // A handler bug must not take the process down with the socket: log it, keep the peer.
      this.cfg.log(`p2p: error handling ${m.type} from ${peer.name}: ${(e as Error).message ?? e}`);
    }
  }

  private greet(peer: Peer, m: Extract<Message, { type: 'hello' }>, remoteIp: string): void {
    const verdict = judgeHello(m, this.cfg, (id) => this.bans.banned(id));
    if (verdict === 'self') {
      this.self.add(peer.address);
      peer.close(1000, 'self');
      return;
    }
    if (verdict !== 'ok') {
      this.cfg.log(`p2p: refused ${peer.address || remoteIp}: ${verdict.refuse}`);
      peer.close(1008, verdict.refuse);
      return;
    }
    peer.id = toHex(m.nodeId);
    if (peer.inbound && m.listenPort > 0)
      peer.address = `${remoteIp.replace(/^::ffff:/, '')}:${m.listenPort}`;
    const other = this.ready().find((p) => p.id === peer.id);
    if (other && !keepsNewConnection(toHex(this.cfg.nodeId), peer, other)) {
      peer.close(1000, 'duplicate');
      return;
    }
    other?.close(1000, 'duplicate');
    peer.ready = true;
    if (peer.edge) this.edges.succeeded(peer.address);
    else if (!peer.inbound) this.book.succeeded(peer.address);
    else if (isAddress(peer.address)) this.book.learn(peer.address);
    this.cfg.log(`p2p: connected ${peer.name} (${peer.inbound ? 'inbound' : 'outbound'})`);
    this.handler.onReady(peer);
  }

  /** Lowers a peer's score; at BAN_SCORE or below it is dropped and banned for BAN_MS. */
  penalize(peer: Peer, points: number, reason: string): void {
    peer.score -= points;
    this.cfg.log(`p2p: ${peer.name} -${points} (${reason}), score ${peer.score}`);
    if (peer.score > L.BAN_SCORE) return;
    if (peer.edge) {
      // An edge relays what others sent: drop the connection (it is redialled), never ban it.
      peer.closing = true;
      peer.socket.terminate();
      return;
    }
    this.bans.ban(peer.id, L.BAN_MS);
    this.bans.ban(peer.address, L.BAN_MS);
    this.book.forget(peer.address);
    peer.closing = true;
    peer.socket.terminate();
  }

  /** Peers that completed the handshake. */
  ready(): Peer[] {
    return [...this.all].filter((p) => p.ready);
  }

  /** Sends `m` to every ready peer but `except`. */
  broadcast(m: Message, except?: Peer): void {
    for (const p of this.ready()) if (p !== except) p.send(m);
  }

  private tick(): void {
    const now = Date.now();
    for (const p of this.ready()) {
      const late = p.expire(now);
      if (late.length > 0) this.handler.onTimeout(p, late);
    }
    const connected = new Set([...this.all].map((p) => p.address));
    for (const url of this.edges.due(now)) if (!connected.has(url)) this.dialEdge(url, now);
    let outbound = [...this.all].filter((p) => !p.inbound && !p.edge).length;
    for (const { address, persistent } of this.book.due(now)) {
      if (connected.has(address) || this.self.has(address) || this.bans.banned(address)) continue;
      if (!persistent && outbound >= L.MAX_OUTBOUND) continue;
      this.dial(address);
      outbound++;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const p of this.all) p.socket.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
