/**
 * A network directory: `genesis.json` and `keys/` (the veto root key, the genesis validators' keys and
 * a miner key), as `proto init` writes it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProtoError } from '../../core/errors.ts';
import { TOKEN_USES } from '../../core/ledger/index.ts';
import {
  genesisToJson,
  makeGenesis,
  type NetworkParams,
  PRESETS,
  parseGenesis,
} from '../../core/token/params.ts';
import { requireFile, UsageError } from './args.ts';
import { newKeyFile } from './keyfile.ts';

export const GENESIS_FILE = 'genesis.json';
/** Coins given to each genesis validator (the ledger's initial supply is their sum). */
export const GENESIS_BALANCE = 1_000_000_000_000n;

/** What a new network may change from its preset: genesis validators' uses, the ledger's block interval (ns). */
export interface NetworkOptions {
  uses?: number;
  blockInterval?: bigint;
}

/** Writes a new network directory from a preset; the genesis time is `now` (ns). */
export function initNetwork(
  dir: string,
  preset: keyof typeof PRESETS,
  validators: number,
  now: bigint,
  { uses = TOKEN_USES, blockInterval = PRESETS[preset].blockInterval }: NetworkOptions = {},
): NetworkParams {
  mkdirSync(join(dir, 'keys'), { recursive: true });
  try {
    writeFileSync(join(dir, GENESIS_FILE), '', { flag: 'wx' });
  } catch {
    throw new UsageError(
      `${join(dir, GENESIS_FILE)} already exists: choose another --dir, or delete it to start over`,
    );
  }
  const veto = newKeyFile(join(dir, 'keys', 'veto.json'));
  const keys = Array.from({ length: validators }, (_, i) =>
    newKeyFile(join(dir, 'keys', `validator-${i + 1}.json`)),
  );
  newKeyFile(join(dir, 'keys', 'miner.json'));
  const params = makeGenesis(
    { ...PRESETS[preset], blockInterval },
    {
      genesisTime: now,
      vetoKey: veto.publicKey,
      validators: keys.map((k) => ({ key: k.publicKey, uses })),
      balances: keys.map((k) => ({ key: k.publicKey, amount: GENESIS_BALANCE })),
    },
  );
  writeFileSync(join(dir, GENESIS_FILE), `${JSON.stringify(genesisToJson(params), null, 2)}\n`);
  return params;
}

/** Reads the network directory's genesis file, with a fix for each fault. */
export function loadNetwork(dir: string): NetworkParams {
  const path = join(dir, GENESIS_FILE);
  requireFile(path, 'genesis file', `run \`proto init --dir ${dir}\` first, or pass --network <dir>`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON (${(e as Error).message})`);
  }
  try {
    return parseGenesis(json);
  } catch (e) {
    if (isProtoError(e) && e.message.startsWith('genesis.timeouts is missing'))
      throw new UsageError(
        `${path}: ${e.message}: the file predates consensus timeouts in genesis; ` +
          'make a new network (`proto devnet --fresh`, or `proto init` in another directory)',
      );
    if (isProtoError(e)) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
}
