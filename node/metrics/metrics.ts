/**
 * The node's Prometheus metrics (docs/node.md, Metrics), on a registry of its own. Gauges read live
 * values when scraped; counters and histograms are fed by ledger commits, the HTTP middleware and the
 * probes of hot paths (probes.ts), which this module switches on.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { probes } from './probes.ts';

/** What the gauges read at scrape time. */
export interface MetricsSource {
  ledgerHeight(): number;
  consensus(): { round: number };
  mempool(): { txs: number; bytes: number };
  peers(): { inbound: boolean }[];
  tips(): { subchain: string; count: number }[];
  hashRate(): number;
}

export interface NodeMetrics {
  registry: Registry;
  /** A ledger block committed with `txs` transactions. */
  committed(txs: number): void;
  /** An HTTP request answered. */
  http(method: string, route: string, status: number): void;
}

const LATENCY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const BLOCK = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

/** Creates the metrics over `source` and switches the probes on. */
export function createMetrics(source: MetricsSource): NodeMetrics {
  const registry = new Registry();
  const registers = [registry];
  gauges(source, registers);
  const commitTime = new Histogram({
    name: 'proto_ledger_commit_seconds',
    help: 'Time from the previous ledger commit to this one',
    buckets: BLOCK,
    registers,
  });
  const txs = new Counter({
    name: 'proto_ledger_txs_committed_total',
    help: 'Transactions committed',
    registers,
  });
  const blocks = new Counter({
    name: 'proto_ledger_blocks_committed_total',
    help: 'Ledger blocks committed',
    registers,
  });
  const http = new Counter({
    name: 'proto_http_requests_total',
    help: 'HTTP API requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers,
  });
  switchProbesOn(registers);
  let last: number | undefined;
  return {
    registry,
    committed(n) {
      const now = performance.now();
      if (last !== undefined) commitTime.observe((now - last) / 1000);
      last = now;
      blocks.inc();
      txs.inc(n);
    },
    http(method, route, status) {
      http.inc({ method, route, status: String(status) });
    },
  };
}

function gauges(source: MetricsSource, registers: Registry[]): void {
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge('proto_ledger_height', 'Height of the last committed ledger block', () => source.ledgerHeight());
  gauge(
    'proto_consensus_round',
    'Consensus round at the height being decided',
    () => source.consensus().round,
  );
  gauge('proto_mempool_txs', 'Pending transactions', () => source.mempool().txs);
  gauge('proto_mempool_bytes', 'Bytes of pending transactions', () => source.mempool().bytes);
  gauge('proto_miner_hash_rate', "Hashes per second of this node's miner", () => source.hashRate());
  new Gauge({
    name: 'proto_peers',
    help: 'Connected peers by direction',
    labelNames: ['direction'],
    registers,
    collect() {
      const peers = source.peers();
      const inbound = peers.filter((p) => p.inbound).length;
      this.set({ direction: 'inbound' }, inbound);
      this.set({ direction: 'outbound' }, peers.length - inbound);
    },
  });
  new Gauge({
    name: 'proto_token_tip_count',
    help: 'Tokens in the past of each subchain tip (count)',
    labelNames: ['subchain'],
    registers,
    collect() {
      for (const t of source.tips()) this.set({ subchain: t.subchain }, t.count);
    },
  });
}

function switchProbesOn(registers: Registry[]): void {
  const fsync = new Histogram({
    name: 'proto_wal_fsync_seconds',
    help: 'Latency of consensus WAL fsyncs',
    buckets: LATENCY,
    registers,
  });
  const verified = new Counter({
    name: 'proto_signature_verifications_total',
    help: 'ed25519 signatures verified natively',
    registers,
  });
  const steps = new Histogram({
    name: 'proto_consensus_step_seconds',
    help: 'Time spent in each consensus step',
    labelNames: ['step'],
    buckets: [...LATENCY, 2, 5, 10],
    registers,
  });
  let at: { key: string; step: string; since: number } | undefined;
  probes.fsync = (s) => fsync.observe(s);
  probes.verified = () => verified.inc();
  probes.consensus = (state) => {
    const key = `${state.height}/${state.round}/${state.step}`;
    if (at?.key === key) return;
    const now = performance.now();
    if (at) steps.observe({ step: at.step }, (now - at.since) / 1000);
    at = { key, step: state.step, since: now };
  };
}
