/**
 * A one-validator ledger node started in process for HTTP and CLI tests: a devnet genesis with 200 ms
 * blocks, one funded validator key (from a seeded generator), no p2p port, a free HTTP port, a temporary
 * directory removed at stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeGenesis, type NetworkParams, PRESETS, type Preset } from '../../core/token/params.ts';
import { seededRng } from '../../test/seed.ts';
import { nowNs } from '../chain.ts';
import { newKeyFile } from '../cli/keyfile.ts';
import { type NodeConfig, type RunningNode, startNode } from '../service.ts';

export interface OneValidator {
  node: RunningNode;
  params: NetworkParams;
  key: { publicKey: Uint8Array; secret: Uint8Array };
  /** The HTTP API's base URL. */
  url: string;
  stop(): Promise<void>;
}

export interface OneValidatorOptions {
  /** Node options added to the defaults (e.g. a metrics port). */
  node?: Partial<NodeConfig>;
  /** Values of the devnet preset replaced (e.g. an easy validator target, a short voting period). */
  preset?: Partial<Preset>;
  /** The validator's genesis coins (default 5 000 000). */
  balance?: bigint;
  /** The genesis time in ns (default now). */
  genesisTime?: bigint;
  /** Where to write the validator's key file, for tests that hand it to the CLI. */
  keyFile?: string;
}

/** Starts the node; `seed` picks the validator key (also the veto key). */
export async function startOneValidator(
  name: string,
  seed: number,
  opts: OneValidatorOptions = {},
): Promise<OneValidator> {
  const dir = mkdtempSync(join(tmpdir(), `proto-${name}-`));
  const key = seededRng(seed).keyPair();
  if (opts.keyFile) newKeyFile(opts.keyFile, key.secret);
  const params = makeGenesis(
    { ...PRESETS.devnet, blockInterval: 200_000_000n, ...opts.preset },
    {
      genesisTime: opts.genesisTime ?? nowNs(),
      vetoKey: key.publicKey,
      validators: [{ key: key.publicKey, uses: 1000 }],
      balances: [{ key: key.publicKey, amount: opts.balance ?? 5_000_000n }],
    },
  );
  const node = await startNode({
    params,
    dataDir: dir,
    host: '127.0.0.1',
    p2pPort: undefined,
    httpPort: 0,
    peers: [],
    validatorKey: { publicKey: key.publicKey, secretKey: key.secret },
    log: () => {},
    ...opts.node,
  });
  const stop = async () => {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { node, params, key, url: `http://127.0.0.1:${node.httpPort}`, stop };
}
