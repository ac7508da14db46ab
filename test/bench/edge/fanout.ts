/**
 * Fan-out timing. The subscribers live in worker threads (receivers.worker.ts), spread evenly, so no
 * one event loop has to take all of them in turn; each thread time-stamps a frame on arrival, before
 * decoding it, and reports per round the arrival on its last socket. The publisher sends from this
 * thread, one frame at a time; a round's time runs from just before the send to the last arrival on
 * any thread (`performance.timeOrigin + performance.now()`, one clock for every thread).
 */
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../../core/p2p/codec.ts';
import { MAX_FRAME, P2P_VERSION } from '../../../core/p2p/limits.ts';

/** Milliseconds since the epoch, sub-millisecond, the same in every thread. */
export const clock = () => performance.timeOrigin + performance.now();

/** A publisher connection past the handshake. */
export async function connectPublisher(url: string, chainId: Uint8Array): Promise<WebSocket> {
  const ws = new WebSocket(url, { maxPayload: MAX_FRAME });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const ready = new Promise<void>((resolve) =>
    ws.on('message', (data: Buffer) => {
      const m = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (m.type === 'ledgerStatus') resolve();
    }),
  );
  const nodeId = crypto.getRandomValues(new Uint8Array(32));
  ws.send(encodeMessage({ type: 'hello', version: P2P_VERSION, chainId, nodeId, listenPort: 0 }));
  await ready;
  return ws;
}

/** A report of one thread: its last arrival of round `seq` on target `target`. */
interface Arrival {
  target: number;
  seq: number;
  at: number;
}

/** Subscribers of every target, spread over `threads` worker threads. */
export class Receivers {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<string, { left: number; last: number; done: (at: number) => void }>();

  /** Connects `subscribers` subscribers to each of `urls` (each past its handshake). */
  static async start(urls: string[], chainId: Uint8Array, subscribers: number, threads: number) {
    const r = new Receivers();
    const starts = Array.from({ length: threads }, (_, k) => {
      const share = Math.floor(subscribers / threads) + (k < subscribers % threads ? 1 : 0);
      const w = new Worker(new URL('./receivers.worker.ts', import.meta.url), {
        workerData: { urls, chainId, count: share },
      });
      r.workers.push(w);
      return new Promise<void>((resolve, reject) => {
        w.once('error', reject);
        w.on('message', (m: 'ready' | Arrival) => (m === 'ready' ? resolve() : r.arrived(m)));
      });
    });
    await within(Promise.all(starts), 60_000, 'the subscribers connecting');
    return r;
  }

  /** Resolves with the last arrival time of round `seq` on `target`, once every thread reported it. */
  expect(target: number, seq: number): Promise<number> {
    return new Promise((done) =>
      this.waiting.set(`${target}:${seq}`, { left: this.workers.length, last: 0, done }),
    );
  }

  private arrived(m: Arrival): void {
    const w = this.waiting.get(`${m.target}:${m.seq}`);
    if (!w) throw new Error(`an arrival of round ${m.seq} nobody waits for`);
    w.last = Math.max(w.last, m.at);
    if (--w.left > 0) return;
    this.waiting.delete(`${m.target}:${m.seq}`);
    w.done(w.last);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Runs the rounds on every target alternately (round i on each before round i + 1), so a load that
 * varies over time weighs on all of them alike; `frames[t][i]` is round i's frame for target t.
 * Returns per target the milliseconds from send to last arrival, per round.
 */
export async function measureFanout(
  receivers: Receivers,
  publishers: WebSocket[],
  frames: Uint8Array[][],
  seq0: number,
): Promise<number[][]> {
  const times = publishers.map(() => [] as number[]);
  for (let i = 0; i < frames[0]!.length; i++)
    for (const [t, ws] of publishers.entries()) {
      const last = receivers.expect(t, seq0 + i);
      const sent = clock();
      ws.send(frames[t]![i]!);
      times[t]!.push((await within(last, 10_000, `round ${i} of target ${t}`)) - sent);
    }
  return times;
}

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`fan-out: ${what} still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The p-th percentile (0-100) of `xs`. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
