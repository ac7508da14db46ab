/**
 * `npm run bench:mine`: BLAKE3 hash rates on the 105-byte token block, one thread and all cores, for the
 * mining kernel (through the real miner engine), hash-wasm and @noble/hashes; the kernel's scaling from
 * 1 to 2 threads; and the single-hash (validation) path against noble.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { blake3 } from '@noble/hashes/blake3.js';
import { createBLAKE3 } from 'hash-wasm';
import { encodeBlock } from '../../core/token/block.ts';
import { createKernel } from '../../core/token/kernel/kernel.ts';
import { startMiner } from '../../node/miner/engine.ts';
import { loadKernelModule } from '../../node/miner/kernel-file.ts';
import { SPAN } from '../../node/miner/space.ts';

const WARMUP_MS = 500;
const MEASURE_MS = 2000;
type Library = 'kernel' | 'kernel-single' | 'hash-wasm' | 'noble';

/** A block nothing meets (target 0), so the miner hashes without pause. */
const BLOCK = encodeBlock({
  prev: new Uint8Array(32).fill(1),
  type: 1,
  time: 0n,
  target: 0n,
  key: new Uint8Array(32),
});

/** Hashes per second of the miner engine on `threads` threads, after a warm-up. */
async function engineRate(threads: number): Promise<number> {
  let hashes = 0;
  let ns = 0n;
  let intervals = 0;
  const miner = startMiner({
    threads,
    statsIntervalMs: 250,
    onFound: () => {},
    onStats: (stats) => {
      if (++intervals * 250 <= WARMUP_MS) return;
      hashes += stats.hashes;
      ns += stats.elapsedNs;
    },
  });
  miner.setWork({ template: BLOCK, minTime: 0n });
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS + MEASURE_MS + 50));
  await miner.stop();
  return (hashes * 1e9) / Number(ns);
}

interface Rate {
  /** Hashes per wall-clock second, summed over threads. */
  wall: number;
  /** Hashes per second of each thread's own CPU time, summed: the rate of idle cores. */
  cpu: number;
}

/** Body of a bench worker: hash BLOCK at successive times, warm up, then count for MEASURE_MS. */
async function libraryLoop(library: Library): Promise<Rate> {
  const hasher = await createBLAKE3();
  const kernel = createKernel(loadKernelModule());
  kernel.setTemplate(BLOCK);
  let time = 0n;
  const block = BLOCK.slice();
  const view = new DataView(block.buffer);
  const batch: Record<Library, () => number> = {
    kernel: () => {
      kernel.search(time, SPAN);
      time += BigInt(SPAN);
      return SPAN;
    },
    'kernel-single': () => each(kernel.hash),
    'hash-wasm': () => each((bytes) => hasher.init().update(bytes).digest('binary')),
    noble: () => each(blake3),
  };
  function each(hash: (bytes: Uint8Array) => Uint8Array): number {
    for (let i = 0; i < 256; i++) {
      view.setUint32(37, Number(time++ & 0xffffffffn));
      hash(block);
    }
    return 256;
  }
  const run = (ms: number) => {
    let n = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) n += batch[library]();
    return n;
  };
  run(WARMUP_MS);
  const [started, cpu] = [performance.now(), process.threadCpuUsage()];
  const n = run(MEASURE_MS);
  const used = process.threadCpuUsage(cpu);
  return { wall: (n * 1000) / (performance.now() - started), cpu: (n * 1e6) / (used.user + used.system) };
}

/** Rates of `threads` workers running `library` side by side. */
async function libraryRate(library: Library, threads: number): Promise<Rate> {
  const rates = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL(import.meta.url), { workerData: library });
    return new Promise<Rate>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  });
  const all = await Promise.all(rates);
  return { wall: all.reduce((a, r) => a + r.wall, 0), cpu: all.reduce((a, r) => a + r.cpu, 0) };
}

const mhs = (rate: number) => (rate / 1e6).toFixed(2);
const row = (cells: string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(10))).join('');

async function main() {
  const cores = availableParallelism();
  const load = loadavg()[0]!.toFixed(1);
  console.log(`BLAKE3 of the 105-byte token block, MH/s (${cores} cores, load average ${load})`);
  console.log(row(['', 'wall-clock', '', '', 'per CPU-s', '']));
  console.log(
    row(['implementation', '1 thread', `${cores} threads`, 'scaling', '1 thread', `${cores} threads`]),
  );
  for (const [label, library] of [
    ['kernel (wasm SIMD)', 'kernel'],
    ['hash-wasm blake3', 'hash-wasm'],
    ['@noble/hashes blake3', 'noble'],
  ] as const) {
    const one = await libraryRate(library, 1);
    const all = await libraryRate(library, cores);
    const scaling = `${(all.wall / one.wall).toFixed(2)}x`;
    console.log(row([label, mhs(one.wall), mhs(all.wall), scaling, mhs(one.cpu), mhs(all.cpu)]));
  }
  const [engine1, engine2] = [await engineRate(1), await engineRate(2)];
  const scaling = (engine2 / engine1).toFixed(2);
  console.log(`miner engine: 1 thread ${mhs(engine1)}, 2 threads ${mhs(engine2)}, scaling ${scaling}x`);
  console.log('goals: kernel >= 12 MH/s per core; 2 threads >= 1.8x one thread');
  const [single, noble] = [await libraryRate('kernel-single', 1), await libraryRate('noble', 1)];
  console.log(
    `single hash (validation path), 1 thread: kernel ${mhs(single.wall)}, noble ${mhs(noble.wall)}`,
  );
  console.log('per CPU-s: hashes per second of CPU time each thread got (the rate on an idle core)');
}

if (isMainThread) await main();
else parentPort!.postMessage(await libraryLoop(workerData as Library));
