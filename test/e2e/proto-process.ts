/**
 * What every e2e node process shares: free ports, polling with a deadline, and a `proto node` child
 * process (node/cli/main.ts) that is started, read through its HTTP API and stopped by signal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');

/** A free TCP port on 127.0.0.1 (free when asked; the OS may hand it out again later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** True when `port` can be bound on 127.0.0.1 now. */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((r) => {
    server.once('error', () => r(false));
    server.listen(port, '127.0.0.1', () => r(true));
  });
  if (ok) await new Promise<void>((r) => server.close(() => r()));
  return ok;
}

/**
 * A first port with `n` free ports from it on 127.0.0.1 (`proto devnet` gives node i the first port + i).
 * `pick(k)` draws a number below k: a seeded generator in tests, `Math.random` by default.
 */
export async function freeRange(
  n: number,
  pick: (k: number) => number = (k) => Math.floor(Math.random() * k),
): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + pick(40_000);
    const free = await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)));
    if (free.every(Boolean)) return first;
  }
  throw new Error(`no ${n} consecutive free ports on 127.0.0.1`);
}

/** Polls `check` every 200 ms until it holds; fails after `ms` naming what it waited for. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Free HTTP and p2p ports, and the `proto node` arguments for node `name` of `network` on them. */
export async function nodeArgs(
  network: string,
  name: string,
): Promise<{ http: number; p2p: number; args: string[] }> {
  const [http, p2p] = [await freePort(), await freePort()];
  const args = ['node', '--network', network, '--data', join(network, name), '--http-port', String(http)];
  return { http, p2p, args };
}

/** One `proto` child process on 127.0.0.1; subclasses decide how its output is kept in `log`. */
export abstract class ProtoProcess {
  readonly name: string;
  readonly url: string;
  readonly p2p: string;
  /** Lines the process printed. */
  readonly log: string[] = [];
  private proc: ChildProcess | undefined;

  protected constructor(name: string, httpPort: number, p2pPort: number) {
    this.name = name;
    this.url = `http://127.0.0.1:${httpPort}`;
    this.p2p = `127.0.0.1:${p2pPort}`;
  }

  /** Starts `proto args` (with `env` added); resolves once it serves HTTP, or fails after 30 s naming `what`. */
  protected async launch(args: string[], what: string, env?: Record<string, string>): Promise<void> {
    const options = {
      stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    };
    const proc = spawn(process.execPath, [MAIN, ...args], options);
    this.proc = proc;
    this.capture(proc);
    await waitFor(
      async () => (await this.get('/v1/status').catch(() => undefined)) !== undefined,
      30_000,
      what,
    );
  }

  /** Keeps the output of a freshly spawned `proc` in `log`. */
  protected abstract capture(proc: ChildProcess): void;

  /** GET `path` as JSON; throws on an error status. */
  async get<T = unknown>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`);
    if (!res.ok) throw new Error(`${this.name} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The exit code once the process exited by itself (null while it runs or after a signal). */
  get exitCode(): number | null {
    return this.proc?.exitCode ?? null;
  }

  /** The running process's id, or undefined before it starts. */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  }
}
