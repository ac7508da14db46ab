/** Worker thread of `measureInWorker` (http-load.ts): runs the cases, posts the rows or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LoadCase, type LoadOptions, measureCases } from './http-load.ts';

const { cases, options } = workerData as { cases: LoadCase[]; options: LoadOptions };
try {
  parentPort!.postMessage({ rows: await measureCases(cases, options) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}
