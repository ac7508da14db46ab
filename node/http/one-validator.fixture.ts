/**
 * A one-validator ledger node started in process for HTTP tests: a devnet genesis with 200 ms blocks,
 * one funded validator key (from a seeded generator), no p2p port, a free HTTP port, a temporary
 * directory removed at stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeGenesis, type NetworkParams, PRESETS, type Preset } from '../../core/token/params.ts';
import { seededRng } from '../../test/seed.ts';
import { nowNs } from '../chain.ts';
import { type NodeConfig, type RunningNode, startNode } from '../service.ts';

export interface OneValidator {
  node: RunningNode;
  params: NetworkParams;
  key: { publicKey: Uint8Array; secret: Uint8Array };
  /** The HTTP API's base URL. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the node; `seed` picks the validator key, `extra` adds node options (e.g. a metrics port),
 * `preset` overrides values of the devnet preset (e.g. an easy validator target).
 */
export async function startOneValidator(
  name: string,
  seed: number,
  extra: Partial<NodeConfig> = {},
  preset: Partial<Preset> = {},
): Promise<OneValidator> {
  const dir = mkdtempSync(join(tmpdir(), `proto-${name}-`));
  const key = seededRng(seed).keyPair();
  const params = makeGenesis(
    { ...PRESETS.devnet, blockInterval: 200_000_000n, ...preset },
    {
      genesisTime: nowNs(),
      vetoKey: key.publicKey,
      validators: [{ key: key.publicKey, uses: 1000 }],
      balances: [{ key: key.publicKey, amount: 5_000_000n }],
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
    ...extra,
  });
  const stop = async () => {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { node, params, key, url: `http://127.0.0.1:${node.httpPort}`, stop };
}
