/**
 * Real node processes on 127.0.0.1 for the e2e suites: each runs `proto node` from node/cli/main.ts
 * with its own data directory and free ports, and is driven through its HTTP API.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusJson, TokenJson } from '../../core/api/types.ts';
import { genesisToJson, type NetworkParams } from '../../core/token/params.ts';
import { nowNs } from '../../node/chain.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { initNetwork } from '../../node/cli/network-dir.ts';
import { testRng } from '../seed.ts';
import { nodeArgs, ProtoProcess, waitFor } from './proto-process.ts';

export { freePort, waitFor } from './proto-process.ts';

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
export class NodeProcess extends ProtoProcess {
  private readonly args: string[];

  private constructor(name: string, httpPort: number, p2pPort: number, args: string[]) {
    super(name, httpPort, p2pPort);
    this.args = args;
  }

  static async start(network: string, o: NodeOptions): Promise<NodeProcess> {
    const { http, p2p, args } = await nodeArgs(network, o.name);
    args.push('--port', o.noListen ? '0' : String(p2p));
    for (const p of o.peers ?? []) args.push('--peer', p);
    if (o.mine) {
      const key = join(network, `${o.name}.key.json`);
      newKeyFile(key, testRng('e2e').bytes(32));
      args.push('--mine', o.mine, '--key', key, '--threads', '1');
    }
    const node = new NodeProcess(o.name, http, p2p, args);
    await node.spawn();
    return node;
  }

  /** Starts the process (again) with the same arguments, or `args` when given; resolves once it serves HTTP. */
  spawn(args: string[] = this.args): Promise<void> {
    return this.launch(args, `${this.name} to start`);
  }

  /** Keeps the last 2000 lines. */
  protected override capture(proc: ChildProcess): void {
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.log.length > 2000) this.log.splice(0, this.log.length - 2000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
  }

  /** The arguments it was started with, for restarting it differently. */
  get startArgs(): string[] {
    return [...this.args];
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
