/**
 * Real node processes on 127.0.0.1 for the e2e suites: each runs `proto node` from node/cli/main.ts
 * with its own data directory and free ports, and is driven through its HTTP API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusJson, TokenJson } from '../../core/api/types.ts';
import { genesisToJson, type NetworkParams } from '../../core/token/params.ts';
import { nowNs } from '../../node/chain.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { initNetwork } from '../../node/cli/network-dir.ts';

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');

/** A free TCP port on 127.0.0.1 (free when asked; the OS may hand it out again later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A temporary network directory: the devnet preset, or the given parameters. */
export function makeNetwork(params?: NetworkParams): string {
  const dir = mkdtempSync(join(tmpdir(), 'proto-e2e-'));
  if (params) writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesisToJson(params)));
  else initNetwork(dir, 'devnet', 1, nowNs());
  return dir;
}

export function removeNetwork(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface NodeOptions {
  name: string;
  peers?: string[];
  mine?: 'validator' | 'proposal';
  /** Accept no p2p connections (dial only). */
  noListen?: boolean;
}

/** One `proto node` process. */
export class NodeProcess {
  readonly name: string;
  readonly url: string;
  readonly p2p: string;
  readonly log: string[] = [];
  private proc: ChildProcess | undefined;
  private readonly args: string[];

  private constructor(name: string, httpPort: number, p2pPort: number, args: string[]) {
    this.name = name;
    this.url = `http://127.0.0.1:${httpPort}`;
    this.p2p = `127.0.0.1:${p2pPort}`;
    this.args = args;
  }

  static async start(network: string, o: NodeOptions): Promise<NodeProcess> {
    const [http, p2p] = [await freePort(), await freePort()];
    const args = ['node', '--network', network, '--data', join(network, o.name), '--http-port', String(http)];
    args.push('--port', o.noListen ? '0' : String(p2p));
    for (const p of o.peers ?? []) args.push('--peer', p);
    if (o.mine) {
      const key = join(network, `${o.name}.key.json`);
      newKeyFile(key);
      args.push('--mine', o.mine, '--key', key, '--threads', '1');
    }
    const node = new NodeProcess(o.name, http, p2p, args);
    await node.spawn();
    return node;
  }

  /** Starts the process (again) with the same arguments, or `args` when given; resolves once it serves HTTP. */
  async spawn(args: string[] = this.args): Promise<void> {
    const proc = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.log.length > 2000) this.log.splice(0, this.log.length - 2000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    await waitFor(
      async () => (await this.get('/v1/status').catch(() => undefined)) !== undefined,
      30_000,
      `${this.name} to start`,
    );
  }

  /** The arguments it was started with, for restarting it differently. */
  get startArgs(): string[] {
    return [...this.args];
  }

  async get<T = unknown>(path: string): Promise<T> {
    const res = await fetch(`${this.url}${path}`);
    if (!res.ok) throw new Error(`${this.name} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  status(): Promise<StatusJson> {
    return this.get<StatusJson>('/v1/status');
  }

  /** Every canonical token of `subchain`, in order. */
  async canonical(subchain = 'validator'): Promise<TokenJson[]> {
    const out: TokenJson[] = [];
    for (let after: number | null = 0; after !== null; ) {
      const page: { tokens: TokenJson[]; next: number | null } = await this.get(
        `/v1/subchains/${subchain}/tokens?after=${after}&limit=1000`,
      );
      out.push(...page.tokens);
      after = page.next;
    }
    return out;
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

/** Waits until every node reports the same tip for `subchain`; returns it. */
export async function converged(nodes: NodeProcess[], ms: number, subchain = 'validator'): Promise<string> {
  let tip = '';
  await waitFor(
    async () => {
      const tips = await Promise.all(nodes.map(async (n) => (await n.status()).tips[subchain]?.hash));
      tip = tips[0] ?? '';
      return tips.every((t) => t === tip) && tip !== '';
    },
    ms,
    `${nodes.map((n) => n.name).join(', ')} to agree on the ${subchain} tip`,
  );
  return tip;
}
