/** A signing worker of sign-pool.ts: signs transfers [from, to) of the workload and posts their encodings. */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeTx, signTx } from '../../../core/ledger/index.ts';
import type { SignJob } from './sign-pool.ts';
import { transferBody } from './workload.ts';

const job = workerData as SignJob;
const out: Uint8Array[] = [];
for (let i = job.from; i < job.to; i++) {
  const body = transferBody(job.keys, i);
  out.push(encodeTx(signTx(job.chainId, body, job.secrets[i % job.keys.length]!)));
}
parentPort!.postMessage(out);
