/**
 * Per-receiver verdicts in shared memory, filled by worker threads while the simulation runs.
 *
 * Every signed message gets an id when it is signed, and a row of `n` cells, one per receiver. A cell
 * is claimed (compare-and-swap) by whoever verifies it first: a worker ahead of time, or the main
 * thread when that receiver gets the message before any worker did. Each cell is verified exactly
 * once and its verdict is that receiver's for every later copy (a relayed vote, a commit, a replay
 * of the next height's buffer), as a real node that already holds a vote does not check it again.
 * Rows are reused after `CAPACITY` messages, once the worker that owns the old one is done with it.
 * A worker skips the cells of receivers that already decided the message's height: the simulated
 * host, as the node's inbox, checks no message of a decided height.
 */
import { Worker } from 'node:worker_threads';
import type { Signed } from './consensus-keys.ts';

const CAPACITY = 4096;
/** Cell states. */
const FREE = 0;
const CLAIMED = 1;
const VALID = 2;
const INVALID = 3;

/** What a worker needs: the network, the shared arrays and how many rows there are. */
export interface PoolInit {
  readonly n: number;
  readonly chainId: Uint8Array;
  readonly keys: readonly Uint8Array[];
  readonly cells: SharedArrayBuffer;
  readonly done: SharedArrayBuffer;
  readonly counter: SharedArrayBuffer;
  /** Per receiver, the highest height it decided: workers skip its cells of that height and below. */
  readonly decided: SharedArrayBuffer;
  readonly capacity: number;
}

/** A job for a worker: verify message `id` for every receiver whose cell is still free. */
export type PoolJob = Signed & { readonly id: number };

/** Runs `check` for cell `i` if the cell was free, storing its verdict; false if it was not free. */
export function claim(cells: Int32Array, i: number, check: () => boolean): boolean {
  if (Atomics.compareExchange(cells, i, FREE, CLAIMED) !== FREE) return false;
  Atomics.store(cells, i, check() ? VALID : INVALID);
  Atomics.notify(cells, i);
  return true;
}

/** The verdict of cell `i`: verified here if free, awaited if another thread is verifying it. */
function settle(cells: Int32Array, i: number, check: () => boolean): boolean {
  claim(cells, i, check);
  while (Atomics.load(cells, i) === CLAIMED) Atomics.wait(cells, i, CLAIMED);
  return Atomics.load(cells, i) === VALID;
}

/** Verdict table and `threads` workers (0: the main thread verifies everything itself). */
export function startPool(n: number, chainId: Uint8Array, keys: readonly Uint8Array[], threads: number) {
  const sab = (length: number) => new SharedArrayBuffer(4 * length);
  const init: PoolInit = {
    n,
    chainId,
    keys,
    cells: sab(CAPACITY * n),
    done: sab(CAPACITY),
    counter: sab(1),
    decided: sab(n),
    capacity: CAPACITY,
  };
  const cells = new Int32Array(init.cells);
  const done = new Int32Array(init.done).fill(-1);
  const ids = new Int32Array(CAPACITY).fill(-1);
  const url = new URL('./verify-worker.ts', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData: init }));
  let next = 0;
  return {
    /** Resolves once every worker has loaded. */
    ready: () =>
      Promise.all(workers.map((w) => new Promise((ok, fail) => w.once('message', ok).once('error', fail)))),
    /** A new message: its id, queued for verification on a worker. */
    submit(m: Signed): number {
      const id = next++;
      const row = id % CAPACITY;
      const old = ids[row]!;
      if (workers.length > 0) while (Atomics.load(done, row) !== old) Atomics.wait(done, row, done[row]!);
      cells.fill(FREE, row * n, row * n + n);
      ids[row] = id;
      workers[id % workers.length]?.postMessage({ ...m, id } satisfies PoolJob);
      return id;
    },
    /** Receiver's verdict on message `id`, running `check` if nobody has yet; undefined once reused. */
    verdict(id: number, receiver: number, check: () => boolean): boolean | undefined {
      const row = id % CAPACITY;
      return ids[row] === id ? settle(cells, row * n + receiver, check) : undefined;
    },
    /** Receiver `r` decided `height`: it will ask for no verdict of that height again. */
    decided(r: number, height: number): void {
      Atomics.store(new Int32Array(init.decided), r, height);
    },
    /** Verifications the workers ran. */
    workerVerifications: () => Atomics.load(new Int32Array(init.counter), 0),
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** A running pool. */
export type VerifyPool = ReturnType<typeof startPool>;
