/**
 * A verification worker of verify-pool.ts: once told to go, walks its share of the transactions in order, chunk by
 * chunk, and for each one nobody has claimed checks the full rule (decode, sign bytes, Proto's
 * encoding rules, then node:crypto's cofactorless verify) and stores the verdict.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verify } from '../../../core/crypto/ed25519.ts';
import { decodeTx, txSignBytes } from '../../../core/ledger/index.ts';
import { nodeVerify } from '../../../node/crypto/ed25519-native.ts';
import { CHUNK, claim, type VerifyJob } from './verify-pool.ts';

const job = workerData as VerifyJob;
const cells = new Int32Array(job.cells);

function check(bytes: Uint8Array): boolean {
  const tx = decodeTx(bytes);
  if (tx.type !== 1) return false;
  return verify(tx.signature, txSignBytes(job.chainId, tx), tx.from, nodeVerify);
}

parentPort!.once('message', () => {
  for (let c = job.index * CHUNK; c < job.txs.length; c += job.workers * CHUNK) {
    for (let i = c; i < Math.min(c + CHUNK, job.txs.length); i++) claim(cells, i, () => check(job.txs[i]!));
  }
  parentPort!.postMessage('done');
});
parentPort!.postMessage('ready');
