/** One mining thread: searches its share of the timestamp space for the current work (see engine.ts). */
import { setTimeout as sleep, setImmediate as yieldToEvents } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createKernel } from '../../core/token/kernel/kernel.ts';
import type { HostMessage, WorkerInit, WorkerMessage } from './messages.ts';
import { nextSlice } from './space.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const kernel = createKernel(init.module);
let minTime: bigint | undefined;
let cursor = 0n;
let stopped = false;
let wake: (() => void) | undefined;

const post = (message: WorkerMessage) => port.postMessage(message);
/** Wall clock in ns; millisecond resolution is enough to bound timestamps. */
const now = () => BigInt(Date.now()) * 1_000_000n;

port.on('message', (message: HostMessage) => {
  if (message.type === 'work') {
    kernel.setTemplate(message.template);
    minTime = message.minTime;
    cursor = 0n;
  } else if (message.type === 'idle') {
    minTime = undefined;
  } else {
    stopped = true;
  }
  wake?.();
});

/** Hashes one slice of the current work; returns how many times it tried, or 0 when it must wait. */
function mineSlice(earliest: bigint): number {
  const clock = now();
  const floor = earliest > clock ? earliest : clock;
  const slice = nextSlice(cursor, floor, init.index, init.threads, clock);
  if (!slice) return 0;
  const found = kernel.search(slice.start, slice.count);
  if (!found) {
    cursor = slice.start + BigInt(slice.count);
    return slice.count;
  }
  cursor = found.time + 1n;
  post({ type: 'found', block: found.block, hash: found.hash });
  return Number(found.time - slice.start) + 1;
}

async function run() {
  let hashes = 0;
  let reported = Date.now();
  while (!stopped) {
    if (minTime === undefined) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const tried = mineSlice(minTime);
    hashes += tried;
    if (Date.now() - reported >= init.reportMs) {
      post({ type: 'hashes', count: hashes });
      hashes = 0;
      reported = Date.now();
    }
    // Between slices (a few ms each) the thread takes new work and stop requests.
    await (tried === 0 ? sleep(10) : yieldToEvents());
  }
  if (hashes > 0) post({ type: 'hashes', count: hashes });
  port.close();
}

void run();
