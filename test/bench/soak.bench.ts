/**
 * bench:soak — `npm run bench:soak -- [--minutes N] [--uses N] [--accounts N] [--old-space-mib N]`: a 4-node devnet
 * started as `proto devnet --nodes 4 --mine validator --announce auto` (genesis validators with few
 * uses, so they drain and the nodes must announce their mined tokens to keep validating), under a
 * steady transfer load for N minutes (default 10). Prints heights per second, transfers committed,
 * and each node process's resident memory and open descriptors at the start, after the first minute
 * and at the end. Goals: no process stops, RSS grows less than 10 % after the first minute,
 * descriptors stay flat. RSS is read every 2 s and growth is judged on the median of the second
 * minute against the median of the last minute: a single reading lands anywhere on V8's collection
 * sawtooth (±20 % on these nodes), so two single readings compare GC phases rather than memory held. `--old-space-mib N` caps each node's V8 old space (NODE_OPTIONS), to tell a
 * heap that only grows lazily (the nodes keep running under the cap) from one that leaks (they die).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chainId } from '../../core/token/params.ts';
import { readKeyFile } from '../../node/cli/keyfile.ts';
import { loadNetwork } from '../../node/cli/network-dir.ts';
import { freeRange } from '../e2e/proto-process.ts';
import { closeClient, getJson } from './soak/http.ts';
import { alive, childPids, openFds, rssKib } from './soak/proc.ts';
import { printReport, type Sample } from './soak/report.ts';
import { TransferLoad } from './soak/transfers.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');
const NODES = 4;
/** RSS and descriptors are read this often, so each minute's median rests on 30 readings. */
const SAMPLE_MS = 2_000;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    uses: { type: 'string' },
    accounts: { type: 'string' },
    'old-space-mib': { type: 'string' },
  },
});
const minutes = positive('minutes', 10, 24 * 60);
const uses = positive('uses', 10, 1_000_000);
const maxAccounts = positive('accounts', 64, 10_000);
const oldSpace = values['old-space-mib'] === undefined ? undefined : positive('old-space-mib', 0, 65_536);

function positive(
  name: 'minutes' | 'uses' | 'accounts' | 'old-space-mib',
  fallback: number,
  max: number,
): number {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0) || n > max) {
    console.error(`--${name} must be a number above 0 and at most ${max}, not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const dir = mkdtempSync(join(tmpdir(), 'proto-soak-'));
const [port, httpPort] = [await freeRange(NODES), await freeRange(NODES)];
const urls = Array.from({ length: NODES }, (_, i) => `http://127.0.0.1:${httpPort + i}`);
const log: string[] = [];
const devnet = startDevnet();
try {
  await run();
} finally {
  await stop(devnet);
  closeClient();
  rmSync(dir, { recursive: true, force: true });
}

function startDevnet(): ChildProcess {
  const args = ['devnet', '--nodes', String(NODES), '--dir', dir, '--port', String(port)];
  args.push('--http-port', String(httpPort), '--mine', 'validator', '--announce', 'auto');
  args.push('--uses', String(uses), '--threads', '1');
  const env = oldSpace
    ? { ...process.env, NODE_OPTIONS: `--max-old-space-size=${Math.round(oldSpace)}` }
    : process.env;
  const proc = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  for (const s of [proc.stdout!, proc.stderr!]) createInterface({ input: s }).on('line', (l) => keep(l));
  return proc;
}

function keep(line: string): void {
  log.push(line);
  if (log.length > 5000) log.splice(0, log.length - 5000);
}

async function run(): Promise<void> {
  console.log(
    `bench:soak: ${NODES}-node devnet in ${dir}, ${minutes} min of transfers, genesis uses ${uses}`,
  );
  await waitUntil(async () => (await Promise.all(urls.map((u) => head(u)))).every((h) => h >= 1), 90_000);
  const pids = childPids(devnet.pid!);
  if (pids.length !== NODES) throw new Error(`expected ${NODES} node processes, found ${pids.length}`);
  const secrets = Array.from(
    { length: NODES },
    (_, i) => readKeyFile(join(dir, 'keys', `validator-${i + 1}.json`)).secretKey,
  );
  const load = new TransferLoad(urls, chainId(loadNetwork(dir)), secrets, maxAccounts);
  const samples: Sample[] = [];
  const start = performance.now();
  const take = async () =>
    samples.push(sample(pids, (performance.now() - start) / 1000, await head(urls[0]!)));
  await take();
  let followed = samples[0]!.height;
  let nextSample = start + SAMPLE_MS;
  while (performance.now() - start < minutes * 60_000) {
    await load.send();
    followed = await load.follow(followed + 1, await head(urls[0]!));
    if (performance.now() >= nextSample) {
      await take();
      nextSample += SAMPLE_MS;
      progress(samples.at(-1)!, load);
    }
    await sleep(250);
  }
  await take();
  printReport({ samples, load, nodes: NODES, log, minutes });
}

function sample(pids: number[], t: number, height: number): Sample {
  return {
    t,
    height,
    pids,
    rss: pids.map((p) => rssKib(p)),
    fds: pids.map((p) => openFds(p)),
    alive: pids.map((p) => alive(p)),
  };
}

function progress(s: Sample, load: TransferLoad): void {
  if (Math.round(s.t) % 60 >= SAMPLE_MS / 1000) return;
  const rss = s.rss.map((r) => (r === undefined ? '-' : `${Math.round(r / 1024)}`)).join('/');
  console.log(
    `  ${Math.round(s.t)} s: height ${s.height}, ${load.committed} transfers committed, ${load.size} accounts, RSS MiB ${rss}, fds ${s.fds.join('/')}`,
  );
}

async function head(url: string): Promise<number> {
  return (await getJson<{ height: number }>(`${url}/v1/ledger/head`))?.height ?? -1;
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end)
      throw new Error(`devnet did not commit within ${ms} ms:\n${log.slice(-30).join('\n')}`);
    await sleep(500);
  }
}

/** SIGINT to the devnet (it stops its nodes); SIGKILL to it and its nodes after 20 s. */
async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  const nodes = childPids(proc.pid!);
  proc.kill('SIGINT');
  const timer = setTimeout(() => {
    for (const pid of nodes) if (alive(pid)) process.kill(pid, 'SIGKILL');
    proc.kill('SIGKILL');
  }, 20_000);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
