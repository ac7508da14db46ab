/** `proto node` and `proto status`. */
import { join } from 'node:path';
import type { StatusJson } from '../../core/api/types.ts';
import { corsProblem } from '../http/cors.ts';
import { createLog, LOG_FORMATS, LOG_LEVELS } from '../log.ts';
import { startNode } from '../service.ts';
import {
  type Command,
  choiceOption,
  congressOption,
  edgeOption,
  intOption,
  peerOption,
  stringOption,
  UsageError,
  urlOption,
} from './args.ts';
import { getJson } from './get-json.ts';
import { readKeyFile } from './keyfile.ts';
import { loadNetwork } from './network-dir.ts';
import { watchStatus } from './watch.ts';

export const node: Command = {
  summary: 'run a full node (store, peers, HTTP API, optional miner)',
  usage: `Usage: proto node [--network DIR] [--data DIR] [--host IP] [--port N] [--http-port N]
                  [--peer HOST:PORT ...] [--edge URL ...] [--mine validator|proposal|congress] [--proposal ID]
                  [--key FILE] [--threads N] [--validator-key FILE] [--announce auto|off]
                  [--cors ORIGIN ...] [--cors-writes] [--metrics-port N] [--log-format pretty|json]
                  [--log-level LEVEL] [--supports-upgrade NAME ...]

  --network DIR     network directory from \`proto init\` (default .proto/network)
  --data DIR        where the chain is stored (default <network>/node)
  --host IP         interface for both servers (default 127.0.0.1)
  --port N          peer-to-peer port (default 7700; 0: accept no connections, dial only)
  --http-port N     HTTP API port (default 8700)
  --peer HOST:PORT  a peer to keep connected; repeat for several
  --edge URL        an edge relay to keep connected (ws://HOST[:PORT]/v1/relay or wss://…), used
                    like a peer for gossip and sync (redialled with backoff, never offered to
                    peers); repeat for several. A node given only --edge syncs from the edge
  --mine TYPE       mine validator, proposal or congress tokens
  --proposal ID     with --mine congress: the proposal (64 hex) whose congress to mine; the miner
                    waits for its subchain to open and stops when it closes
  --key FILE        key written into mined tokens (default <network>/keys/miner.json)
  --threads N       mining threads (default 1)
  --validator-key FILE  ledger validator key: the node signs ledger votes when the key is in the
                    validator queue (default: follow the ledger without signing)
  --announce MODE   auto: with --mine validator and --validator-key, announce this node's own mined
                    validator tokens whenever its key has no usable place in the queue, so the
                    node keeps validating by itself; off: never (default: auto on a devnet network,
                    off otherwise)
  --cors ORIGIN     let pages from ORIGIN (https://host[:port], or * for any) read the API; repeat
                    for several (default: no CORS)
  --cors-writes     also let those origins POST (tokens, transactions); not with *
  --metrics-port N  serve Prometheus metrics at http://<host>:N/metrics (default: none)
  --log-format F    pretty (time and line, the default) or json (one pino object per line)
  --log-level L     debug, info (default), warn, error or silent
  --supports-upgrade NAME  treat the passed upgrade NAME as implemented: do not halt at its
                    activation height (repeat for several). Without it the node halts there with
                    exit code 3 and a message naming the upgrade`,
  options: {
    network: { type: 'string' },
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'http-port': { type: 'string' },
    peer: { type: 'string', multiple: true },
    edge: { type: 'string', multiple: true },
    mine: { type: 'string' },
    proposal: { type: 'string' },
    key: { type: 'string' },
    threads: { type: 'string' },
    'validator-key': { type: 'string' },
    'supports-upgrade': { type: 'string', multiple: true },
    announce: { type: 'string' },
    cors: { type: 'string', multiple: true },
    'cors-writes': { type: 'boolean' },
    'metrics-port': { type: 'string' },
    'log-format': { type: 'string' },
    'log-level': { type: 'string' },
  },
  async run(values) {
    const dir = stringOption(values, 'network', '.proto/network');
    const params = loadNetwork(dir);
    const mine = choiceOption(values, 'mine', ['validator', 'proposal', 'congress'] as const);
    if (!mine && (values.key || values.threads))
      throw new UsageError('--key and --threads need --mine validator|proposal|congress');
    if (mine !== 'congress' && values.proposal) throw new UsageError('--proposal needs --mine congress');
    const subchain = mine === 'congress' ? congressOption(values) : mine;
    const port = intOption(values, 'port', 0, 65535, 7700);
    const host = stringOption(values, 'host', '127.0.0.1');
    const announce = choiceOption(values, 'announce', ['auto', 'off'] as const);
    const validatorKey =
      typeof values['validator-key'] === 'string' ? readKeyFile(values['validator-key']) : undefined;
    if (announce === 'auto' && (mine !== 'validator' || !validatorKey))
      throw new UsageError('--announce auto needs --mine validator and --validator-key');
    const minerKeyFile = stringOption(values, 'key', join(dir, 'keys', 'miner.json'));
    const autoAnnounce = (announce ?? (params.network === 'devnet' ? 'auto' : 'off')) === 'auto';
    const announceWith =
      autoAnnounce && mine === 'validator' && validatorKey ? readKeyFile(minerKeyFile) : undefined;
    const log = createLog(
      choiceOption(values, 'log-format', LOG_FORMATS, 'pretty')!,
      choiceOption(values, 'log-level', LOG_LEVELS, 'info')!,
    );
    const cors = corsOption(values);
    const metricsPort =
      values['metrics-port'] === undefined ? undefined : intOption(values, 'metrics-port', 1, 65535, 0);
    const running = await startNode({
      params,
      dataDir: stringOption(values, 'data', join(dir, 'node')),
      host,
      p2pPort: port === 0 ? undefined : port,
      httpPort: intOption(values, 'http-port', 1, 65535, 8700),
      peers: peerOption(values),
      edges: edgeOption(values),
      ...(mine
        ? {
            mining: {
              subchain: subchain!,
              key: readKeyFile(minerKeyFile).publicKey,
              threads: intOption(values, 'threads', 1, 256, 1),
            },
          }
        : {}),
      ...(validatorKey ? { validatorKey } : {}),
      ...(announceWith ? { announceWith } : {}),
      upgrades: (values['supports-upgrade'] as string[] | undefined) ?? [],
      ...(cors ? { cors } : {}),
      ...(metricsPort === undefined ? {} : { metricsPort }),
      log,
    });
    log(`HTTP API  http://${host}:${running.httpPort}/v1/status`);
    if (running.p2pPort) log(`p2p       ws://${host}:${running.p2pPort}`);
    if (running.metricsPort) log(`metrics   http://${host}:${running.metricsPort}/metrics`);
    const halted = await new Promise<string | undefined>((resolve) => {
      process.once('SIGINT', () => resolve(undefined));
      process.once('SIGTERM', () => resolve(undefined));
      void running.halted.then(resolve);
    });
    log(halted ? `ledger: ${halted}` : 'stopping');
    await running.stop();
    if (halted) console.error(`proto: ${halted}`);
    return halted ? 3 : 0;
  },
};

function corsOption(values: Record<string, unknown>) {
  const origins = (values.cors as string[] | undefined) ?? [];
  if (origins.length === 0) {
    if (values['cors-writes']) throw new UsageError('--cors-writes needs --cors ORIGIN');
    return undefined;
  }
  const config = { origins, writes: values['cors-writes'] === true };
  const problem = corsProblem(config);
  if (problem) throw new UsageError(`--cors: ${problem}`);
  return config;
}

export const status: Command = {
  summary: "print a node's tips, peers and mining state",
  usage: `Usage: proto status [--url URL] [--json] [--watch]

  --url URL   the node's HTTP API (default http://127.0.0.1:8700)
  --json      print the raw JSON of GET /v1/status
  --watch     print a line each second (ledger height and catch-up progress with rate and time
              left, subchain tips, peers) until Ctrl-C; with --json, one JSON object per line`,
  options: { url: { type: 'string' }, json: { type: 'boolean' }, watch: { type: 'boolean' } },
  async run(values) {
    const url = urlOption(values, 'http://127.0.0.1:8700');
    if (values.watch) {
      await watchStatus(url, values.json === true);
      return 0;
    }
    const s = (await getJson(`${url}/v1/status`)) as StatusJson;
    if (values.json) {
      console.log(JSON.stringify(s, null, 2));
      return 0;
    }
    console.log(`network ${s.network}  chain ${s.chainId.slice(0, 16)}…`);
    for (const [id, t] of Object.entries(s.tips))
      console.log(`  ${id.padEnd(10)} count ${String(t.count).padStart(7)}  tip ${t.hash.slice(0, 16)}…`);
    console.log(`peers ${s.peers.count}${s.sync.syncing ? '  (syncing)' : ''}`);
    if (s.ledger) {
      const l = s.ledger;
      const role = l.validating ? 'validating' : 'following';
      const at = `${l.deciding.height}/${l.deciding.round} ${l.deciding.step}`;
      console.log(`ledger height ${l.height}, deciding ${at}, ${l.validators} validator(s), ${role}`);
      if (l.stalled) console.log(`  stalled at ${l.stalled.height}: ${l.stalled.code}: ${l.stalled.message}`);
    }
    const m = s.mining;
    console.log(
      m.enabled
        ? `mining ${m.type} on ${m.threads} thread(s): ${m.hashRate} H/s, found ${m.found}`
        : 'not mining',
    );
    return 0;
  },
};
