/**
 * A verification worker of verify-pool.ts: for each message it verifies the cells of every receiver
 * that nobody has claimed yet, one full check per receiver, then marks the row done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSigned } from './consensus-keys.ts';
import { claim, type PoolInit, type PoolJob } from './verify-pool.ts';

const init = workerData as PoolInit;
const cells = new Int32Array(init.cells);
const done = new Int32Array(init.done);
const counter = new Int32Array(init.counter);
const decided = new Int32Array(init.decided);

parentPort!.on('message', (job: PoolJob) => {
  const row = job.id % init.capacity;
  const check = () => {
    Atomics.add(counter, 0, 1);
    return checkSigned(init.chainId, init.keys, job);
  };
  const height = job.kind === 'vote' ? job.vote.height : job.proposal.height;
  for (let r = 0; r < init.n; r++) {
    if (Atomics.load(decided, r) < height) claim(cells, row * init.n + r, check);
  }
  Atomics.store(done, row, job.id);
  Atomics.notify(done, row);
});
parentPort!.postMessage('ready');
