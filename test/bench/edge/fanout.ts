/**
 * Fan-out timing: websocket clients that said hello, one publisher sending frames one after another;
 * for each frame, the time from sending it until the last subscriber received it.
 */
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type Message } from '../../../core/p2p/codec.ts';
import { MAX_FRAME, P2P_VERSION } from '../../../core/p2p/limits.ts';

interface Client {
  ws: WebSocket;
  onFrame: ((m: Message) => void) | undefined;
}

async function connect(url: string, chainId: Uint8Array): Promise<Client> {
  const ws = new WebSocket(url, { maxPayload: MAX_FRAME });
  const c: Client = { ws, onFrame: undefined };
  const ready = new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const m = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (m.type === 'ledgerStatus') resolve();
      c.onFrame?.(m);
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const nodeId = crypto.getRandomValues(new Uint8Array(32));
  ws.send(encodeMessage({ type: 'hello', version: P2P_VERSION, chainId, nodeId, listenPort: 0 }));
  await ready;
  return c;
}

/** One relay under test: its subscribers and publisher, connected and past the handshake. */
export interface Target {
  subs: Client[];
  publisher: Client;
  close(): void;
}

export async function connectTarget(url: string, chainId: Uint8Array, subscribers: number): Promise<Target> {
  const subs: Client[] = [];
  for (let i = 0; i < subscribers; i++) subs.push(await connect(url, chainId));
  const publisher = await connect(url, chainId);
  const close = () => {
    for (const c of [...subs, publisher]) c.ws.terminate();
  };
  return { subs, publisher, close };
}

/**
 * Runs the rounds on every target alternately (round i on each before round i + 1), so a load that
 * varies over time weighs on all of them alike; `frames[t][i]` is round i's frame for target t.
 */
export async function measureFanout(targets: Target[], frames: Uint8Array[][]): Promise<number[][]> {
  const times = targets.map(() => [] as number[]);
  for (let i = 0; i < frames[0]!.length; i++)
    for (const [t, target] of targets.entries())
      times[t]!.push(await oneRound(target.publisher, target.subs, frames[t]![i]!));
  return times;
}

function oneRound(publisher: Client, subs: Client[], frame: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    let left = subs.length;
    const start = performance.now();
    const timer = setTimeout(
      () => reject(new Error(`fan-out: ${left} subscribers still waiting after 10 s`)),
      10_000,
    );
    for (const s of subs)
      s.onFrame = (m) => {
        if (m.type !== 'ledgerTxs') return;
        s.onFrame = undefined;
        if (--left > 0) return;
        clearTimeout(timer);
        resolve(performance.now() - start);
      };
    publisher.ws.send(frame);
  });
}

/** The p-th percentile (0-100) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
