/** A websocket client of the relay hub inside workerd: frames received, close event, and bounded waits. */
import { exports } from 'cloudflare:workers';
import { decodeMessage, encodeMessage, type Message } from '../../core/p2p/codec.ts';
import { P2P_VERSION } from '../../core/p2p/limits.ts';

export interface RelayClient {
  ws: WebSocket;
  /** Every decoded frame received, in order. */
  got: Message[];
  closed: { code: number; reason: string } | undefined;
  send(m: Message | Uint8Array | string | ArrayBuffer): void;
  /** Resolves with the first received message (from index `from`) matching `pick`; rejects after `ms`. */
  next<T extends Message['type']>(
    type: T,
    from?: number,
    ms?: number,
  ): Promise<Extract<Message, { type: T }>>;
  /** Resolves once the hub closed the socket; rejects after `ms`. */
  close(ms?: number): Promise<{ code: number; reason: string }>;
}

const open = new Set<WebSocket>();

/** Closes every client socket opened so far (after each test, so hubs do not pile up connections). */
export function closeAll(): void {
  for (const ws of open) {
    try {
      ws.close(1000, 'done');
    } catch {
      // already closed
    }
  }
  open.clear();
}

/** Opens `/v1/relay` (with `query`) and, when `chainId` is given, completes the handshake. */
export async function openRelay(chainId?: Uint8Array, query = ''): Promise<RelayClient> {
  const res = await exports.default.fetch(`http://edge/v1/relay${query}`, {
    headers: { upgrade: 'websocket' },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no websocket: ${res.status} ${await res.text()}`);
  open.add(ws);
  ws.binaryType = 'arraybuffer';
  ws.accept();
  const c: RelayClient = {
    ws,
    got: [],
    closed: undefined,
    send: (m) =>
      ws.send(
        m instanceof Uint8Array || typeof m === 'string' || m instanceof ArrayBuffer ? m : encodeMessage(m),
      ),
    next: (type, from = 0, ms = 3000) =>
      until(ms, `a ${type} frame`, () => c.got.slice(from).find((m) => m.type === type) as never),
    close: (ms = 3000) => until(ms, 'the close', () => c.closed),
  };
  ws.addEventListener('message', (e) => {
    c.got.push(decodeMessage(new Uint8Array(e.data as ArrayBuffer)));
  });
  ws.addEventListener('close', (e) => {
    c.closed = { code: e.code, reason: e.reason };
  });
  if (chainId) {
    await c.next('hello');
    c.send(hello(chainId));
    await c.next('ledgerStatus');
  }
  return c;
}

export function hello(chainId: Uint8Array, version = P2P_VERSION): Message {
  return {
    type: 'hello',
    version,
    chainId,
    nodeId: crypto.getRandomValues(new Uint8Array(32)),
    listenPort: 0,
  };
}

async function until<T>(ms: number, what: string, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Waits `ms` (to show that nothing arrives). */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));
