/**
 * Transfer signatures checked on worker threads while the main thread executes blocks, as a node
 * verifies transactions when they arrive. Each transaction has a shared cell (free, claimed, valid,
 * invalid); a worker or the main thread claims it with compare-and-swap, so each signature is checked
 * once. `env.verify` then answers for a known transaction from its cell (waiting, or checking itself,
 * when no worker got there first) and runs the full check for anything else: no check is skipped, a
 * signature is only never checked twice.
 */
import { Worker } from 'node:worker_threads';
import { equalBytes } from '../../../core/bytes.ts';
import { verify } from '../../../core/crypto/ed25519.ts';
import { DOMAIN, type VerifySignature } from '../../../core/ledger/index.ts';
import { nodeVerify } from '../../../node/crypto/ed25519-native.ts';

const FREE = 0;
const CLAIMED = 1;
const VALID = 2;
/** Transactions a worker takes at a time. */
export const CHUNK = 64;

/** What a worker gets: every transaction, the shared cells, its index among `workers`. */
export interface VerifyJob {
  chainId: Uint8Array;
  txs: Uint8Array[];
  cells: SharedArrayBuffer;
  index: number;
  workers: number;
}

/** Runs `check` for cell `i` if it was free and stores the verdict; false if it was not free. */
export function claim(cells: Int32Array, i: number, check: () => boolean): boolean {
  if (Atomics.compareExchange(cells, i, FREE, CLAIMED) !== FREE) return false;
  Atomics.store(cells, i, check() ? VALID : VALID + 1);
  Atomics.notify(cells, i);
  return true;
}

/** The full rule on the main thread: Proto's encoding rules, then node:crypto. */
export const coreVerify: VerifySignature = (sig, msg, key) => verify(sig, msg, key, nodeVerify);

/** Starts `workers` threads on `txs`; `verify` is the env.verify that answers from their verdicts. */
export function startVerifyPool(chainId: Uint8Array, txs: Uint8Array[], workers: number) {
  const cells = new Int32Array(new SharedArrayBuffer(4 * txs.length));
  const bySignature = new Map<string, number>(txs.map((t, i) => [latin1(t.subarray(t.length - 64)), i]));
  const prefix = new Uint8Array([...DOMAIN.tx, ...chainId]);
  const url = new URL('./verify-worker.ts', import.meta.url);
  const threads = Array.from({ length: workers }, (_, index) => {
    const job: VerifyJob = { chainId, txs, cells: cells.buffer as SharedArrayBuffer, index, workers };
    return new Worker(url, { workerData: job });
  });
  const signal = (what: string) =>
    Promise.all(
      threads.map(
        (w) => new Promise((ok, fail) => w.on('message', (m) => m === what && ok(m)).once('error', fail)),
      ),
    );
  const ready = signal('ready');
  const done = signal('done');
  /** True when `msg` and `key` are the sign bytes and sender of transaction `i`. */
  const matches = (i: number, msg: Uint8Array, key: Uint8Array) => {
    const t = txs[i]!;
    const body = t.subarray(0, t.length - 64);
    return (
      msg.length === prefix.length + body.length &&
      equalBytes(msg.subarray(0, prefix.length), prefix) &&
      equalBytes(msg.subarray(prefix.length), body) &&
      equalBytes(key, t.subarray(1, 33))
    );
  };
  const verifyFn: VerifySignature = (sig, msg, key) => {
    const i = sig.length === 64 ? bySignature.get(latin1(sig)) : undefined;
    if (i === undefined || !matches(i, msg, key)) return coreVerify(sig, msg, key);
    claim(cells, i, () => coreVerify(sig, msg, key));
    while (Atomics.load(cells, i) === CLAIMED) Atomics.wait(cells, i, CLAIMED);
    return Atomics.load(cells, i) === VALID;
  };
  return {
    ready: () => ready,
    /** Lets the workers start. */
    go: () => {
      for (const w of threads) w.postMessage('go');
    },
    done: () => done,
    verify: verifyFn,
    close: () => Promise.all(threads.map((w) => w.terminate())),
  };
}

function latin1(b: Uint8Array): string {
  return String.fromCharCode.apply(null, b as unknown as number[]);
}
