/** The metrics of a running node: its parts as a MetricsSource, commits counted, and the endpoint. */
import type { Chain } from '../chain.ts';
import type { LedgerNode } from '../ledger/service.ts';
import type { NodeMiner } from '../mining.ts';
import type { Network } from '../p2p/network.ts';
import { createMetrics, type NodeMetrics } from './metrics.ts';
import { type MetricsServer, startMetrics } from './server.ts';

export interface NodeParts {
  chain: Chain;
  network: Network;
  ledger: LedgerNode | undefined;
  miner: NodeMiner | undefined;
}

/** Metrics over `parts`, and `serve` to open their endpoint. */
export function nodeMetrics(parts: NodeParts): NodeMetrics & {
  serve(host: string, port: number): Promise<MetricsServer>;
} {
  const { chain, network, ledger, miner } = parts;
  const metrics = createMetrics({
    ledgerHeight: () => ledger?.ledger.height ?? 0,
    consensus: () => ({ round: ledger?.host.state.round ?? 0 }),
    mempool: () => ({ txs: ledger?.mempool.size ?? 0, bytes: ledger?.mempool.byteSize ?? 0 }),
    peers: () => network.ready(),
    tips: () => chain.dag.subchains().map((subchain) => ({ subchain, count: chain.dag.tip(subchain).count })),
    hashRate: () => miner?.stats().hashRate ?? 0,
  });
  ledger?.ledger.onCommit((c) => metrics.committed(c.block.txs.length));
  return { ...metrics, serve: (host, port) => startMetrics(metrics.registry, host, port) };
}
