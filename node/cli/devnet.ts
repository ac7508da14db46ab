/** `proto devnet`: N node processes on 127.0.0.1 that find each other and mine. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nowNs } from '../chain.ts';
import { type Command, choiceOption, intOption, stringOption } from './args.ts';
import { NODE_HEAP_FLAGS } from './heap-flags.ts';
import { newKeyFile } from './keyfile.ts';
import { GENESIS_FILE, initNetwork } from './network-dir.ts';

const MAIN = join(import.meta.dirname, 'main.ts');

export const devnet: Command = {
  summary: 'run N mining nodes on 127.0.0.1 (a local test network)',
  usage: `Usage: proto devnet [--nodes N] [--dir DIR] [--port N] [--http-port N] [--threads N]
                    [--mine validator|proposal|mixed] [--announce auto|off] [--uses N] [--block-ms N]
                    [--fresh]

Creates a devnet network in DIR (unless one is there) with N genesis validators and starts N node
processes; node i validates the ledger with keys/validator-<i+1>.json. Node i listens on port+i (p2p)
and http-port+i (HTTP API); every node dials node 0 and finds the others through it.
Ctrl-C stops them all; run again to resume the same chain, or pass --fresh to start over.

  --nodes N       node processes, 1 to 16 (default 1)
  --dir DIR       network directory (default .proto/devnet)
  --port N        first p2p port (default 7700)
  --http-port N   first HTTP port (default 8700)
  --threads N     mining threads per node (default 1)
  --mine MODE     what nodes mine: validator, proposal, or mixed (even nodes validator, odd proposal;
                  the default)
  --announce MODE auto (default): nodes mining validator tokens announce them to stay validators;
                  off: they do not, and drain out after their uses (the last ones stay, §3.2)
  --uses N        turns each genesis validator holds when the network is created (default 60)
  --block-ms N    the ledger's block interval in milliseconds when the network is created, 100 to
                  60000 (default 1000); a faster devnet for experiments and tests
  --fresh         delete DIR first`,
  options: {
    nodes: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string' },
    'http-port': { type: 'string' },
    threads: { type: 'string' },
    mine: { type: 'string' },
    announce: { type: 'string' },
    uses: { type: 'string' },
    'block-ms': { type: 'string' },
    fresh: { type: 'boolean' },
  },
  async run(values) {
    const n = intOption(values, 'nodes', 1, 16, 1);
    const dir = stringOption(values, 'dir', '.proto/devnet');
    const port = intOption(values, 'port', 1, 65535 - n, 7700);
    const httpPort = intOption(values, 'http-port', 1, 65535 - n, 8700);
    const threads = intOption(values, 'threads', 1, 64, 1);
    const mode = choiceOption(values, 'mine', ['validator', 'proposal', 'mixed'] as const, 'mixed')!;
    const announce = choiceOption(values, 'announce', ['auto', 'off'] as const, 'auto')!;
    const uses = intOption(values, 'uses', 1, 1_000_000, 60);
    const blockInterval = BigInt(intOption(values, 'block-ms', 100, 60_000, 1000)) * 1_000_000n;
    if (values.fresh) rmSync(dir, { recursive: true, force: true });
    if (!existsSync(join(dir, GENESIS_FILE))) initNetwork(dir, 'devnet', n, nowNs(), { uses, blockInterval });
    const children = Array.from({ length: n }, (_, i) => {
      const key = join(dir, 'keys', `miner-${i}.json`);
      if (!existsSync(key)) newKeyFile(key);
      const type = mode === 'mixed' ? (i % 2 === 0 ? 'validator' : 'proposal') : mode;
      const args = ['node', '--network', dir, '--data', join(dir, `node-${i}`), '--port', String(port + i)];
      args.push(
        '--http-port',
        String(httpPort + i),
        '--mine',
        type,
        '--key',
        key,
        '--threads',
        String(threads),
      );
      if (i > 0) args.push('--peer', `127.0.0.1:${port}`);
      const validatorKey = join(dir, 'keys', `validator-${i + 1}.json`);
      if (existsSync(validatorKey)) {
        args.push('--validator-key', validatorKey);
        if (type === 'validator') args.push('--announce', announce);
      }
      return launch(i, args);
    });
    console.log(`devnet: ${n} node(s) in ${dir}`);
    for (let i = 0; i < n; i++)
      console.log(`  node ${i}  http://127.0.0.1:${httpPort + i}/v1/status   p2p 127.0.0.1:${port + i}`);
    console.log('Ctrl-C stops the devnet.');
    return await supervise(children);
  },
};

function launch(i: number, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [...NODE_HEAP_FLAGS, MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[node ${i}] ${line}`));
  }
  child.on('exit', (code, signal) => console.log(`[node ${i}] exited (${signal ?? `code ${code}`})`));
  return child;
}

/** Waits for Ctrl-C (then stops every node) or for every node to exit; returns 1 if one failed. */
async function supervise(children: ChildProcess[]): Promise<number> {
  const exits = children.map((c) => new Promise<number>((r) => c.once('exit', (code) => r(code ?? 0))));
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const codes = await Promise.all(exits);
  return codes.some((c) => c !== 0) ? 1 : 0;
}
