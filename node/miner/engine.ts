import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ProtoError } from '../../core/errors.ts';
import { BLOCK_LENGTH, MERGE_BLOCK_LENGTH } from '../../core/token/block.ts';
import type { KernelModule } from '../../core/token/kernel/kernel.ts';
import { loadKernelModule } from './kernel-file.ts';
import type { HostMessage, WorkerInit, WorkerMessage } from './messages.ts';

/** What to mine: a block (105 or 137 bytes) whose time field the miner fills in, at times >= minTime. */
export interface MinerWork {
  template: Uint8Array;
  /** Earliest allowed time, inclusive: the parents' latest time + 1 (PROTOCOL.md §1.3). */
  minTime: bigint;
}

/** Hashes done by all threads during the last `elapsedNs`. */
export interface MinerStats {
  hashes: number;
  elapsedNs: bigint;
}

export interface MinerOptions {
  /** Mining threads; one per core by default. */
  threads?: number;
  /** A block that meets its target, with its hash. */
  onFound(block: Uint8Array, hash: Uint8Array): void;
  /** Called every `statsIntervalMs` (default 1000) with the hashes done in that interval. */
  onStats?(stats: MinerStats): void;
  statsIntervalMs?: number;
  /** A thread failed (it stops; the others go on). Default: logged to stderr. */
  onError?(error: Error): void;
  /** The compiled kernel; by default the committed kernel.wasm. */
  module?: KernelModule;
}

export interface Miner {
  readonly threads: number;
  /** Replaces the work of every thread without restarting it; undefined makes them idle. */
  setWork(work: MinerWork | undefined): void;
  /** Asks every thread to finish its slice and exit; resolves once all have. */
  stop(): Promise<void>;
}

/**
 * Starts a proof-of-work miner on worker threads. Each thread runs its own kernel instance over its
 * own spans of the timestamp space (space.ts): from max(minTime, wall clock), never past wall clock
 * + 10 s, so threads never hash the same block. After a find, threads go on with later times of the
 * same work until `setWork` gives them a new tip; a block found while new work was in flight still
 * meets its own target and is reported.
 *
 * @example
 * const miner = startMiner({ threads: 2, onFound: (block, hash) => submit(block) });
 * miner.setWork({ template: encodeBlock({ ...next, time: 0n }), minTime: parentTime + 1n });
 * await miner.stop();
 */
export function startMiner(options: MinerOptions): Miner {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new ProtoError('bad-input', `threads = ${threads}`, 'penalize');
  const module = options.module ?? loadKernelModule();
  const onError = options.onError ?? ((error: Error) => console.error('miner thread failed:', error));
  let hashes = 0;
  let since = process.hrtime.bigint();

  const workers = Array.from({ length: threads }, (_, index) => {
    const init: WorkerInit = { module, index, threads, reportMs: 200 };
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: init });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'found') options.onFound(message.block, message.hash);
      else hashes += message.count;
    });
    worker.on('error', onError);
    return worker;
  });
  const exited = workers.map(
    (worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())),
  );
  const broadcast = (message: HostMessage) => {
    for (const worker of workers) worker.postMessage(message);
  };
  const report = () => {
    const at = process.hrtime.bigint();
    options.onStats?.({ hashes, elapsedNs: at - since });
    hashes = 0;
    since = at;
  };
  const timer = setInterval(report, options.statsIntervalMs ?? 1000);
  timer.unref();

  return {
    threads,
    setWork(work) {
      if (!work) return broadcast({ type: 'idle' });
      if (work.template.length !== BLOCK_LENGTH && work.template.length !== MERGE_BLOCK_LENGTH) {
        throw new ProtoError(
          'bad-length',
          `template is ${work.template.length} bytes, expected 105 or 137`,
          'penalize',
        );
      }
      broadcast({ type: 'work', template: work.template, minTime: work.minTime });
    },
    async stop() {
      clearInterval(timer);
      broadcast({ type: 'stop' });
      const deadline = setTimeout(() => {
        for (const worker of workers) void worker.terminate();
      }, 5000);
      await Promise.all(exited);
      clearTimeout(deadline);
      report();
    },
  };
}
