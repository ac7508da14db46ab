/**
 * A local edge Worker for e2e tests and benchmarks: `wrangler dev --ip 127.0.0.1` on free ports,
 * serving a given genesis, with its Durable Object state in a fresh temporary directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './proto-process.ts';

const ROOT = join(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');

export interface LocalEdge {
  /** http://127.0.0.1:PORT */
  url: string;
  /** ws://127.0.0.1:PORT/v1/relay */
  relay: string;
  log: string[];
  /** Stops workerd (SIGKILL on the process group) and removes the state directory; `keep` keeps it. */
  stop(keep?: boolean): Promise<void>;
}

export interface EdgeOptions {
  /** Durable Object state directory (a fresh temporary one when absent). */
  state?: string;
  /** Port to serve on (a free one when absent). */
  port?: number;
  /** More Worker variables (`--var NAME:value`), e.g. UPSTREAM. */
  vars?: Record<string, string>;
}

/** Starts the edge serving `genesisFile`; resolves once healthy. */
export async function startEdge(
  genesisFile: string,
  o: EdgeOptions = {},
): Promise<LocalEdge & { state: string; port: number }> {
  const [port, inspector] = [o.port ?? (await freePort()), await freePort()];
  const state = o.state ?? mkdtempSync(join(tmpdir(), 'proto-edge-'));
  const genesis = readFileSync(genesisFile, 'utf8');
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector)];
  args.push('--persist-to', state, '--var', `GENESIS:${genesis}`, '--show-interactive-dev-session=false');
  for (const [name, value] of Object.entries(o.vars ?? {})) args.push('--var', `${name}:${value}`);
  const proc = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
  });
  const log: string[] = [];
  for (const s of [proc.stdout!, proc.stderr!])
    s.on('data', (d: Buffer) => log.push(...d.toString().split('\n')));
  const url = `http://127.0.0.1:${port}`;
  const edge = {
    state,
    port,
    url,
    relay: `ws://127.0.0.1:${port}/v1/relay`,
    log,
    stop: (keep?: boolean) => stop(proc, keep ? undefined : state),
  };
  try {
    await waitFor(() => healthy(url, proc), 60_000, `the edge at ${url}`);
  } catch (e) {
    await edge.stop();
    throw new Error(`${(e as Error).message}\n${log.slice(-20).join('\n')}`);
  }
  return edge;
}

async function healthy(url: string, proc: ChildProcess): Promise<boolean> {
  if (proc.exitCode !== null) throw new Error(`wrangler dev exited with ${proc.exitCode}`);
  const res = await fetch(`${url}/v1/health`).catch(() => undefined);
  return res?.ok === true;
}

async function stop(proc: ChildProcess, state: string | undefined): Promise<void> {
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((r) => proc.once('exit', r));
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      proc.kill('SIGKILL');
    }
    await exited;
  }
  if (state) rmSync(state, { recursive: true, force: true });
}
