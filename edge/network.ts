/**
 * The network the Worker serves: its genesis file, parsed once per isolate, and the identifiers
 * derived from it. The genesis comes from the `GENESIS` binding, or else the bundled `genesis.json`.
 */
import type { ParamsJson } from '../core/api/types.ts';
import { toHex } from '../core/bytes.ts';
import { encodeBlock } from '../core/token/block.ts';
import { genesisBlock } from '../core/token/genesis.ts';
import { blake3Hash } from '../core/token/hash.ts';
import { chainId, genesisToJson, type NetworkParams, parseGenesis } from '../core/token/params.ts';
import type { Env } from './env.ts';
import bundled from './genesis.json' with { type: 'json' };

/** A parsed network and what the API shows of it. */
export interface Network {
  params: NetworkParams;
  /** chainId as hex: also the name of the network's relay hub instance. */
  chainId: string;
  genesisHash: Uint8Array;
  genesisRaw: Uint8Array;
  /** The body of `GET /v1/params`. */
  json: ParamsJson;
}

let cached: { source: string | undefined; network: Network } | undefined;

/** The network of `env`. A malformed `GENESIS` throws a ProtoError `bad-params` (a server fault). */
export function networkOf(env: Env): Network {
  if (!cached || cached.source !== env.GENESIS) {
    const json: unknown = env.GENESIS === undefined ? bundled : JSON.parse(env.GENESIS);
    cached = { source: env.GENESIS, network: describe(parseGenesis(json)) };
  }
  return cached.network;
}

function describe(params: NetworkParams): Network {
  const genesisRaw = encodeBlock(genesisBlock(params));
  const genesisHash = blake3Hash(genesisRaw);
  const id = toHex(chainId(params));
  const json: ParamsJson = {
    chainId: id,
    genesisHash: toHex(genesisHash),
    genesisToken: toHex(genesisRaw),
    genesis: genesisToJson(params),
  };
  return { params, chainId: id, genesisHash, genesisRaw, json };
}
