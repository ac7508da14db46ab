/**
 * Ledger e2e helpers: a network directory with N genesis validators (their key files), `proto node`
 * processes that validate with one of those keys, and checks over what the nodes report: block
 * hashes by height, signatures in the logs, recorded evidence, supply against balances.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { toHex } from '../../core/bytes.ts';
import { genesisToJson, makeGenesis, PRESETS } from '../../core/token/params.ts';
import { nowNs } from '../../node/chain.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { nodeArgs, ProtoProcess } from './proto-process.ts';

/** A network directory whose genesis names `n` validators with `uses` each; key files in keys/. */
export function ledgerNetwork(dir: string, n: number, uses = 60): string[] {
  const files = Array.from({ length: n }, (_, i) => join(dir, `validator-${i + 1}.json`));
  const keys = files.map((f) => newKeyFile(f, testRng('e2e').bytes(32)).publicKey);
  const params = makeGenesis(PRESETS.devnet, {
    genesisTime: nowNs(),
    vetoKey: keys[0]!,
    validators: keys.map((key) => ({ key, uses })),
    balances: keys.map((key) => ({ key, amount: 1_000_000_000n })),
  });
  writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesisToJson(params)));
  return files;
}

export interface LedgerNodeOptions {
  name: string;
  validatorKey?: string;
  peers?: string[];
  extra?: string[];
  /** Environment variables added for the process (test hooks). */
  env?: Record<string, string>;
}

/** One `proto node` process that validates (or follows) the ledger, driven through its HTTP API. */
export class LedgerNode extends ProtoProcess {
  readonly args: string[];
  private readonly env: Record<string, string> | undefined;

  private constructor(name: string, http: number, p2p: number, args: string[], env?: Record<string, string>) {
    super(name, http, p2p);
    this.args = args;
    this.env = env;
  }

  /** Starts `proto node` validating with `o.validatorKey` on free ports; resolves once it serves HTTP. */
  static async start(network: string, o: LedgerNodeOptions): Promise<LedgerNode> {
    const { http, p2p, args } = await nodeArgs(network, o.name);
    args.push('--port', String(p2p));
    if (o.validatorKey) args.push('--validator-key', o.validatorKey);
    for (const p of o.peers ?? []) args.push('--peer', p);
    args.push(...(o.extra ?? []));
    const node = new LedgerNode(o.name, http, p2p, args, o.env);
    await node.spawn();
    return node;
  }

  spawn(): Promise<void> {
    return this.launch(this.args, this.name, this.env);
  }

  /** Keeps every line the process printed, across restarts. */
  protected override capture(proc: ChildProcess): void {
    for (const stream of [proc.stdout!, proc.stderr!])
      createInterface({ input: stream }).on('line', (line) => this.log.push(line));
  }
}

/**
 * Starts a validator for each key file, `v0` first and the others dialing it, pushing each onto
 * `nodes` as soon as it runs (so the caller's cleanup stops it even when a later one fails).
 */
export async function startValidators(dir: string, keys: string[], nodes: LedgerNode[]): Promise<void> {
  nodes.push(await LedgerNode.start(dir, { name: 'v0', validatorKey: keys[0]! }));
  for (let i = 1; i < keys.length; i++)
    nodes.push(
      await LedgerNode.start(dir, { name: `v${i}`, validatorKey: keys[i]!, peers: [nodes[0]!.p2p] }),
    );
}

/** Kills every node (SIGKILL), then removes the network directory `dir`. */
export async function removeLedgerNetwork(dir: string, nodes: LedgerNode[]): Promise<void> {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
}

export interface Head {
  height: number;
  hash: string;
  supply: string;
}

export async function head(n: LedgerNode): Promise<Head> {
  return n.get<Head>('/v1/ledger/head');
}

/** Block hashes of heights 1..upTo as `n` reports them. */
export async function blockHashes(n: LedgerNode, upTo: number): Promise<string[]> {
  const out: string[] = [];
  for (let h = 1; h <= upTo; h++) out.push((await n.get<{ hash: string }>(`/v1/ledger/blocks/${h}`)).hash);
  return out;
}

/** Heights at which two nodes committed different blocks (a fork), up to the lower head. */
export async function forks(nodes: LedgerNode[]): Promise<number[]> {
  const heads = await Promise.all(nodes.map(head));
  const upTo = Math.min(...heads.map((h) => h.height));
  const all = await Promise.all(nodes.map((n) => blockHashes(n, upTo)));
  const out: number[] = [];
  for (let h = 0; h < upTo; h++) if (new Set(all.map((list) => list[h])).size > 1) out.push(h + 1);
  return out;
}

const SIGNED = /ledger: signed (proposal|prevote|precommit) (\d+\/\d+) (\S+) sig (\S+)/;

/** Positions (height/round/step) a key signed twice with different signatures, from the nodes' logs. */
export function doubleSigns(logs: { key: string; lines: string[] }[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const { key, lines } of logs) {
    for (const line of lines) {
      const m = SIGNED.exec(line);
      if (!m) continue;
      const id = `${key} ${m[2]}/${m[1]}`;
      const sig = `${m[3]} ${m[4]}`;
      if (seen.has(id) && seen.get(id) !== sig) out.push(id);
      seen.set(id, sig);
    }
  }
  return out;
}

/** Number of signatures in a log. */
export function signatures(lines: string[]): number {
  return lines.filter((l) => SIGNED.test(l)).length;
}

/** Recorded equivocations at `n`. */
export async function evidence(
  n: LedgerNode,
): Promise<{ kind: string; height: number; validator: string }[]> {
  return (
    await n.get<{ evidence: { kind: string; height: number; validator: string }[] }>('/v1/ledger/evidence')
  ).evidence;
}

/** The sum of the balances of `keys` at `n`, and its supply, read at one height. */
export async function balances(n: LedgerNode, keys: Uint8Array[]): Promise<{ sum: bigint; supply: bigint }> {
  for (;;) {
    const before = await head(n);
    let sum = 0n;
    for (const k of keys)
      sum += BigInt((await n.get<{ balance: string }>(`/v1/accounts/${toHex(k)}`)).balance);
    const after = await head(n);
    if (after.height === before.height) return { sum, supply: BigInt(after.supply) };
  }
}
