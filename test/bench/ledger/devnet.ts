/**
 * Validator processes on 127.0.0.1 for Part 2: a network directory with the bench's genesis file and
 * one key file per validator, then `proto node --validator-key` per validator (no mining), each
 * dialing the ones started before it. Optionally each runs with --cpu-prof.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../core/bytes.ts';
import { genesisToJson, type NetworkParams } from '../../../core/token/params.ts';
import { freePort, waitFor } from '../../e2e/cluster.ts';

const MAIN = join(import.meta.dirname, '../../../node/cli/main.ts');

/** One running validator. */
export interface DevnetNode {
  url: string;
  proc: ChildProcess;
  log: string[];
}

export interface Devnet {
  dir: string;
  nodes: DevnetNode[];
  /** Directory of the nodes' CPU profiles (written when they exit), when profiling. */
  profileDir?: string;
  stop(): Promise<void>;
}

/** Starts one validator process per secret; resolves once every one serves HTTP. */
export async function startDevnet(
  params: NetworkParams,
  secrets: Uint8Array[],
  profile: boolean,
): Promise<Devnet> {
  const dir = mkdtempSync(join(tmpdir(), 'proto-bench-devnet-'));
  writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesisToJson(params)));
  const profileDir = profile ? join(dir, 'profiles') : undefined;
  if (profileDir) mkdirSync(profileDir);
  const p2p: string[] = [];
  const nodes: DevnetNode[] = [];
  const devnet: Devnet = { dir, nodes, ...(profileDir ? { profileDir } : {}), stop: () => stopAll(devnet) };
  try {
    for (const [i, secret] of secrets.entries()) {
      const key = join(dir, `validator-${i}.json`);
      const pub = params.validators[i]!.key;
      writeFileSync(key, JSON.stringify({ publicKey: toHex(pub), secretKey: toHex(secret) }), {
        mode: 0o600,
      });
      const [http, port] = [await freePort(), await freePort()];
      const args = ['node', '--network', dir, '--data', join(dir, `node-${i}`), '--validator-key', key];
      args.push('--port', String(port), '--http-port', String(http), ...p2p.flatMap((p) => ['--peer', p]));
      const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
      const proc = spawn(process.execPath, [...flags, MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const node: DevnetNode = { url: `http://127.0.0.1:${http}`, proc, log: [] };
      const keep = (chunk: Buffer) => {
        node.log.push(...chunk.toString().split('\n').filter(Boolean));
        if (node.log.length > 500) node.log.splice(0, node.log.length - 500);
      };
      proc.stdout!.on('data', keep);
      proc.stderr!.on('data', keep);
      nodes.push(node);
      p2p.push(`127.0.0.1:${port}`);
    }
    for (const n of nodes) {
      await waitFor(
        async () => (await fetch(`${n.url}/v1/status`).catch(() => undefined))?.ok === true,
        30_000,
        n.url,
      );
    }
  } catch (e) {
    for (const [i, n] of nodes.entries())
      console.log(`node ${i} did not start:\n  ${n.log.slice(-10).join('\n  ')}`);
    await devnet.stop();
    throw e;
  }
  return devnet;
}

/** SIGTERM to every node, SIGKILL after 10 s; removes the directory unless it holds profiles. */
async function stopAll(d: Devnet): Promise<void> {
  await Promise.all(
    d.nodes.map(async ({ proc }) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  if (!d.profileDir) rmSync(d.dir, { recursive: true, force: true });
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where unavailable. */
export async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  try {
    const { readFile } = await import('node:fs/promises');
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine so far (/proc/stat, in clock ticks); zeros where unavailable. */
export async function machineTicks(): Promise<{ busy: number; total: number }> {
  try {
    const { readFile } = await import('node:fs/promises');
    const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1, 9);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    return {
      busy: user! + nice! + system! + irq! + softirq! + steal!,
      total: user! + nice! + system! + idle! + iowait! + irq! + softirq! + steal!,
    };
  } catch {
    return { busy: 0, total: 0 };
  }
}
