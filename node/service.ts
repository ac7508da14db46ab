/** A full node: chain and store, peer-to-peer network, HTTP API and (optionally) a miner. */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LEDGER_ROUTES } from '../core/api/ledger.ts';
import { toHex } from '../core/bytes.ts';
import { chainId, type NetworkParams } from '../core/token/params.ts';
import { Chain } from './chain.ts';
import type { KeyPair } from './crypto/keys.ts';
import { createApp } from './http/app.ts';
import type { CorsConfig } from './http/cors.ts';
import { type HttpServer, startHttp } from './http/server.ts';
import { type LedgerNode, ledgerStatus, openLedger } from './ledger/service.ts';
import { nodeMetrics } from './metrics/node-metrics.ts';
import type { MetricsServer } from './metrics/server.ts';
import { loadKernelHasher } from './miner/kernel-file.ts';
import { type MiningConfig, NodeMiner } from './mining.ts';
import { Mux } from './p2p/mux.ts';
import { Network } from './p2p/network.ts';
import { Protocol } from './p2p/protocol.ts';
import { ledgerProgress } from './progress.ts';

export interface NodeConfig {
  params: NetworkParams;
  /** Directory of the store file `chain.db`. */
  dataDir: string;
  /** Interface both servers bind to. */
  host: string;
  /** Peer-to-peer port; undefined: accept no connections (dial only). 0 picks a free port. */
  p2pPort: number | undefined;
  /** HTTP API port; 0 picks a free port. */
  httpPort: number;
  peers: string[];
  /** Edge relay URLs (ws:// or wss://) to keep connected, as peers outside the address book. */
  edges?: string[];
  mining?: MiningConfig;
  /** The ledger validator key; absent: the node follows the ledger without signing. */
  validatorKey?: KeyPair;
  /** Upgrade names this node supports (besides those the software declares). */
  upgrades?: readonly string[];
  /** With validatorKey: the owner of the mined validator tokens, to announce them (`--announce auto`). */
  announceWith?: KeyPair;
  log: (line: string) => void;
  /** CORS on the HTTP API; absent: none. */
  cors?: CorsConfig;
  /** Port of the Prometheus metrics endpoint; absent: no metrics. 0 picks a free port. */
  metricsPort?: number;
}

export interface RunningNode {
  chain: Chain;
  network: Network;
  /** Absent when the genesis names no validators. */
  ledger: LedgerNode | undefined;
  httpPort: number;
  p2pPort: number;
  /** Resolves with the message when a passed upgrade this node does not support halts it. */
  halted: Promise<string>;
  /** Port of the metrics endpoint, when served. */
  metricsPort: number | undefined;
  stop(): Promise<void>;
}

/** Opens the store, replays it, then starts the network, the API and the miner. */
export async function startNode(cfg: NodeConfig): Promise<RunningNode> {
  mkdirSync(cfg.dataDir, { recursive: true });
  const id = toHex(chainId(cfg.params));
  const chain = openChain(cfg, id);
  const network = new Network({
    chainId: chainId(cfg.params),
    nodeId: new Uint8Array(randomBytes(32)),
    ...(cfg.p2pPort === undefined ? {} : { listen: { host: cfg.host, port: cfg.p2pPort } }),
    peers: cfg.peers,
    edges: cfg.edges ?? [],
    log: cfg.log,
  });
  const protocol = new Protocol(chain, network, cfg.log);
  let halt: (message: string) => void = () => {};
  const halted = new Promise<string>((resolve) => {
    halt = resolve;
  });
  const ledgerConfig = {
    params: cfg.params,
    dataDir: cfg.dataDir,
    chain,
    net: network,
    log: cfg.log,
    upgrades: cfg.upgrades ?? [],
    halt: (message: string) => halt(message),
  };
  // A network without genesis validators (token-chain tests) runs no ledger.
  const ledger =
    cfg.params.validators.length > 0
      ? openLedger({
          ...ledgerConfig,
          ...(cfg.validatorKey ? { key: cfg.validatorKey } : {}),
          ...(cfg.announceWith ? { announceWith: cfg.announceWith } : {}),
        })
      : undefined;
  const miner = cfg.mining ? new NodeMiner(chain, cfg.mining, cfg.log) : undefined;
  const metrics = cfg.metricsPort === undefined ? undefined : nodeMetrics({ chain, network, ledger, miner });
  const app = createApp({
    chain,
    ...(ledger ? { ledger } : {}),
    ...(cfg.cors ? { cors: cfg.cors } : {}),
    ...(metrics ? { requests: metrics.http } : {}),
    status: () => ({
      peers: { count: network.ready().length, list: network.ready().map(peerJson) },
      mining: miner?.stats() ?? { enabled: false, type: null, threads: 0, hashRate: 0, found: 0 },
      sync: {
        syncing: protocol.sync.syncing,
        orphans: chain.orphans.size,
        ...(ledger ? { ledger: { height: ledger.ledger.height, target: ledger.syncTarget() } } : {}),
      },
      ...(ledger ? { ledger: ledgerStatus(ledger) } : {}),
    }),
  });
  let http: HttpServer;
  let metricsServer: MetricsServer | undefined;
  try {
    http = await startHttp(app, cfg.host, cfg.httpPort, {
      websocketPaths: ledger ? [LEDGER_ROUTES.subscribe] : [],
    });
    if (metrics) metricsServer = await metrics.serve(cfg.host, cfg.metricsPort!);
    await network.start(ledger ? new Mux(protocol, ledger.gossip) : protocol);
  } catch (e) {
    ledger?.stop();
    chain.close();
    throw e;
  }
  ledger?.start();
  miner?.start();
  const future = setInterval(() => chain.retryFuture(), 1000);
  const catchUpLog = ledger ? ledgerProgress(ledger, cfg.log) : undefined;
  return {
    chain,
    network,
    ledger,
    httpPort: http.port,
    p2pPort: network.listenPort,
    halted,
    metricsPort: metricsServer?.port,
    async stop() {
      clearInterval(future);
      if (catchUpLog) clearInterval(catchUpLog);
      protocol.stop();
      await miner?.stop();
      ledger?.stop();
      await network.stop();
      await http.close();
      await metricsServer?.close();
      chain.close();
    },
  };
}

function openChain(cfg: NodeConfig, id: string): Chain {
  const started = Date.now();
  let logged = 0;
  const progress = (done: number, total: number) => {
    if (Date.now() - logged < 1000 && done < total) return;
    logged = Date.now();
    cfg.log(`loading store: ${done}/${total} tokens (${Math.floor((100 * done) / Math.max(total, 1))}%)`);
  };
  const path = join(cfg.dataDir, 'chain.db');
  const chain = Chain.open({ params: cfg.params, path, chainId: id, hasher: loadKernelHasher(), progress });
  cfg.log(`store loaded: ${chain.dag.size - 1} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return chain;
}

function peerJson(p: { id: string; address: string; inbound: boolean; score: number }) {
  return { id: p.id, address: p.address, inbound: p.inbound, score: p.score };
}
