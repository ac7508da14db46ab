/**
 * Pre-signing of the workload with `signTx` (@noble/ed25519), split over worker threads, before any
 * timing starts. Returns the encoded transactions in workload order.
 */
import { Worker } from 'node:worker_threads';
import type { Keys } from './workload.ts';

/** What a signing worker gets. */
export interface SignJob {
  chainId: Uint8Array;
  secrets: Uint8Array[];
  keys: Uint8Array[];
  from: number;
  to: number;
}

/** Transfers 0..count-1 of the workload, signed and encoded, using `threads` workers. */
export async function signAll(
  chainId: Uint8Array,
  senders: Keys,
  count: number,
  threads: number,
): Promise<Uint8Array[]> {
  const url = new URL('./sign-worker.ts', import.meta.url);
  const per = Math.ceil(count / threads);
  const parts = Array.from({ length: threads }, (_, t) => {
    const job: SignJob = { chainId, ...senders, from: t * per, to: Math.min(count, (t + 1) * per) };
    return new Promise<Uint8Array[]>((ok, fail) => {
      const w = new Worker(url, { workerData: job });
      w.once('message', (txs: Uint8Array[]) => {
        ok(txs);
        void w.terminate();
      });
      w.once('error', fail);
    });
  });
  return (await Promise.all(parts)).flat();
}
