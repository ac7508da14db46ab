/**
 * The ledger side of a full node: the committed ledger in the node's SQLite file, the consensus host
 * loop with its WAL and double-sign guard, the mempool, and the p2p gossip and catch-up, wired
 * together. The token chain's DAG is the ledger's TokenView and follows its checkpoints.
 */
import { join } from 'node:path';
import type { LedgerStatusJson } from '../../core/api/types.ts';
import { toHex } from '../../core/bytes.ts';
import { createLedgerTables, saveEvidence } from '../../core/store/ledger-queries.ts';
import { chainId as chainIdOf, type NetworkParams } from '../../core/token/params.ts';
import { type Chain, nowNs } from '../chain.ts';
import { generateKeyPair, type KeyPair } from '../crypto/keys.ts';
import type { Network } from '../p2p/network.ts';
import { openStore } from '../store/open.ts';
import { Announcer } from './announcer.ts';
import type { Candidate } from './candidates.ts';
import { CatchUp } from './catchup.ts';
import { type Committed, LedgerChain } from './chain.ts';
import { evidenceRow, evidenceTx } from './evidence.ts';
import { faultsFromEnv, faultyBuild } from './faulty-proposer.ts';
import { LedgerGossip } from './gossip.ts';
import { ConsensusHost, type HostOutputs } from './host.ts';
import { Inbox } from './inbox.ts';
import { Mempool } from './mempool.ts';
import { PrivValidator } from './privval.ts';
import { buildProposal } from './proposer.ts';
import { tokenFollower } from './token-follow.ts';
import { haltingUpgrade, haltMessage, SUPPORTED_UPGRADES, upgradeWarnings } from './upgrades.ts';
import { keepValidatorLists } from './validator-lists.ts';
import { Wal } from './wal.ts';

export interface LedgerConfig {
  params: NetworkParams;
  dataDir: string;
  chain: Chain;
  net: Network;
  /** The validator key; absent: the node follows the ledger without signing. */
  key?: KeyPair;
  /** Upgrade names this node supports besides SUPPORTED_UPGRADES. */
  upgrades?: readonly string[];
  /** Called once when a passed upgrade this node does not support activates at the next height. */
  halt?(message: string): void;
  /** With a validator key: keep it in the queue by announcing tokens this owner mined (announcer.ts). */
  announceWith?: KeyPair;
  log(line: string): void;
}

/** A running ledger. */
export interface LedgerNode {
  ledger: LedgerChain;
  host: ConsensusHost;
  gossip: LedgerGossip;
  mempool: Mempool;
  chainId: Uint8Array;
  /** The ledger's connection to the store file (evidence reads). */
  store: ReturnType<typeof openStore>;
  /** Block subscribers (websockets): told of every commit, closed at stop. */
  subscribers: Map<{ close(code?: number, reason?: string): void }, (c: Committed) => void>;
  /** The highest ledger head a connected peer claims (what catch-up works towards). */
  syncTarget(): number;
  start(): void;
  stop(): void;
}

/** Opens the ledger and builds its parts; `start` replays the WAL and starts gossip. */
export function openLedger(cfg: LedgerConfig): LedgerNode {
  const chainId = chainIdOf(cfg.params);
  const store = openStore(join(cfg.dataDir, 'chain.db'), toHex(chainId));
  createLedgerTables(store.db);
  const dag = cfg.chain.dag;
  const follow = tokenFollower(cfg.chain, cfg.log);
  const ledger = LedgerChain.open({ db: store.db, params: cfg.params, tokens: dag, log: cfg.log, follow });
  const dropped = cfg.chain.dropDeferred();
  if (dropped > 0) cfg.log(`ledger: ${dropped} stored congress blocks belong to closed proposals`);
  ledger.onCommit((c) => follow.events(c.events));
  const supported = new Set([...SUPPORTED_UPGRADES, ...(cfg.upgrades ?? [])]);
  const checkUpgrades = (state: typeof ledger.state) => {
    for (const w of upgradeWarnings(state, supported)) cfg.log(`ledger: ${w}`);
    const halting = haltingUpgrade(state, supported);
    if (halting) cfg.halt?.(haltMessage(halting));
    return halting;
  };
  ledger.onCommit((c) => checkUpgrades(c.state));
  keepValidatorLists(ledger, store.db);
  const mempool = new Mempool();
  ledger.onCommit((c) => mempool.recheck(c.state, ledger.env, c.block.txs));
  const { wal, contents } = Wal.open(join(cfg.dataDir, 'consensus.wal'));
  const privval = cfg.key ? PrivValidator.open(join(cfg.dataDir, 'privval.json'), cfg.key, chainId) : null;
  // Evidence transactions are signed by the validator key, or by a key of this run on a follower.
  const reporter = cfg.key ?? ephemeralKey();
  const outputs: HostOutputs = {
    proposal: (proposal, block, pol) => {
      inbox.noteOwn(proposal);
      cfg.net.broadcast({ type: 'ledgerProposal', proposal, block, pol });
    },
    vote: (vote) => cfg.net.broadcast({ type: 'ledgerVote', vote }),
    evidence: (kind, first, second) => {
      const row = evidenceRow(kind, first, second, host.validators);
      if (!row) return;
      saveEvidence(store.db, row);
      const tx = evidenceTx(kind, first, second, host.validators, chainId, reporter);
      const admitted = tx && mempool.add(tx, ledger.state, ledger.env);
      if (admitted?.ok && admitted.fresh) gossip.announceTx(tx!);
      cfg.log(
        `ledger: equivocation by ${toHex(row.validator).slice(0, 16)} at ${row.height}/${row.round} ${kind}`,
      );
    },
  };
  const host: ConsensusHost = new ConsensusHost({
    chain: ledger,
    wal,
    privval,
    blockInterval: cfg.params.blockInterval,
    build: proposer(cfg, ledger, mempool),
    outputs,
    now: nowNs,
    log: cfg.log,
    behind: () => catchUp.best() > ledger.height,
  });
  cfg.chain.onAccepted(() => host.rejudge());
  const inbox = new Inbox(host, ledger, chainId, outputs);
  const catchUp = new CatchUp(ledger, host, (p, points, why) => cfg.net.penalize(p, points, why), cfg.log);
  const gossip = new LedgerGossip({
    net: cfg.net,
    chain: ledger,
    host,
    inbox,
    catchUp,
    mempool,
    log: cfg.log,
  });
  const announcer =
    cfg.key && cfg.announceWith
      ? new Announcer({
          dag,
          raw: (hash) => cfg.chain.raw(hash),
          chainId,
          owner: cfg.announceWith,
          consensusKey: cfg.key.publicKey,
          submit: (raw) => {
            const a = mempool.add(raw, ledger.state, ledger.env);
            if (!a.ok) return `${a.error.code}: ${a.error.message}`;
            if (a.fresh) gossip.announceTx(raw);
            return undefined;
          },
          log: cfg.log,
        })
      : undefined;
  if (announcer) ledger.onCommit((c) => announcer.onCommit(c.state));
  const subscribers: LedgerNode['subscribers'] = new Map();
  ledger.onCommit((c) => {
    for (const send of subscribers.values()) send(c);
  });
  return {
    subscribers,
    ledger,
    host,
    gossip,
    mempool,
    chainId,
    store,
    syncTarget: () => catchUp.best(),
    start() {
      cfg.log(`ledger: head ${ledger.height}, ${privval ? 'validating' : 'following'}`);
      if (checkUpgrades(ledger.state)) return;
      host.start(contents);
      gossip.start();
      announcer?.onCommit(ledger.state);
    },
    stop() {
      for (const ws of subscribers.keys()) ws.close(1001, 'node stopping');
      subscribers.clear();
      gossip.stop();
      host.stop();
      wal.close();
      ledger.writeState();
      store.close();
    },
  };
}

/** getValue(): the honest proposer, or (test only, PROTO_TEST_FAULTY_PROPOSER) a faulty one. */
function proposer(cfg: LedgerConfig, ledger: LedgerChain, mempool: Mempool): (round: number) => Candidate {
  const honest = (round: number) => buildProposal(ledger, mempool, cfg.chain.dag, round, nowNs());
  const faults = faultsFromEnv(process.env.PROTO_TEST_FAULTY_PROPOSER);
  if (faults.length === 0) return honest;
  cfg.log(`ledger: WARNING test only: this node proposes invalid blocks (${faults.join(', ')})`);
  return faultyBuild(faults, honest, ledger, cfg.key, cfg.log);
}

/** The ledger part of `GET /v1/status`. */
export function ledgerStatus(node: LedgerNode): LedgerStatusJson {
  const { host, ledger } = node;
  const cs = host.state;
  const fault = host.fault;
  return {
    height: ledger.height,
    deciding: { height: cs.height, round: cs.round, step: cs.step },
    validators: host.validators.length,
    validating: cs.self !== null,
    sinceLastBlockMs: Number((nowNs() - ledger.state.time) / 1_000_000n),
    stalled: fault && { ...fault, since: fault.since.toString() },
  };
}

function ephemeralKey(): KeyPair {
  const { publicKey, secret } = generateKeyPair();
  return { publicKey, secretKey: secret };
}
