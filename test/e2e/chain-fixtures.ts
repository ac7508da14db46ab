/**
 * Chains for tests: a network whose validator and proposal targets are the largest possible, so
 * every hash meets them and blocks are built without mining.
 */

import { encodeMessage } from '../../core/p2p/codec.ts';
import { P2P_VERSION } from '../../core/p2p/limits.ts';
import { encodeBlock } from '../../core/token/block.ts';
import type { TokenDag } from '../../core/token/dag.ts';
import { chainId, makeGenesis, type NetworkParams, PRESETS } from '../../core/token/params.ts';
import { MAX_U256 } from '../../core/token/pow.ts';

const S = 1_000_000_000n;

/** Devnet parameters with trivial proof of work, genesis `ageSeconds` before `now` (ns). */
export function easyParams(now: bigint, ageSeconds = 3600n): NetworkParams {
  const d = PRESETS.devnet;
  const easy = { rootTarget: MAX_U256, maxTarget: MAX_U256 };
  return makeGenesis(
    { ...d, network: 'test', validator: { ...d.validator, ...easy }, proposal: { ...d.proposal, ...easy } },
    { genesisTime: now - ageSeconds * S, vetoKey: new Uint8Array(32).fill(9), validators: [], balances: [] },
  );
}

/** The next block on the best tip of `subchain` (merging a side tip when the DAG offers one). */
export function nextBlock(
  dag: TokenDag,
  subchain: string,
  opts: { key?: number; time?: bigint } = {},
): Uint8Array {
  const t = dag.template(subchain)!;
  const time = opts.time !== undefined && opts.time > t.minTime ? opts.time : t.minTime;
  return encodeBlock({
    prev: t.prev,
    type: t.type as 1 | 2 | 3,
    time,
    target: t.target,
    key: new Uint8Array(32).fill(opts.key ?? 1),
    ...(t.other ? { other: t.other } : {}),
  });
}

/** Appends `n` blocks to `subchain` of `dag`, one spacing apart; returns their bytes. */
export function extend(dag: TokenDag, subchain: string, n: number, now: bigint): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const raw = nextBlock(dag, subchain, { time: dag.tip(subchain).time + dag.params.validator.spacing });
    dag.addOrThrow(raw, now);
    out.push(raw);
  }
  return out;
}

/** The p2p handshake frame of a peer with node id `id` (all bytes `id`) on the network of `params`. */
export function helloFrame(params: NetworkParams, id: number): Uint8Array {
  return encodeMessage({
    type: 'hello',
    version: P2P_VERSION,
    chainId: chainId(params),
    nodeId: new Uint8Array(32).fill(id),
    listenPort: 0,
  });
}
