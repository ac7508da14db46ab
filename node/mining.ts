/**
 * Mining inside the node: keeps the miner engine on the best tip of one subchain (merging a side tip
 * when the DAG offers one) and submits what it finds like any other block.
 */

import type { MiningJson } from '../core/api/types.ts';
import { toHex } from '../core/bytes.ts';
import { encodeBlock, type TokenType } from '../core/token/block.ts';
import type { Chain } from './chain.ts';
import { type Miner, startMiner } from './miner/engine.ts';

export interface MiningConfig {
  /** 'validator', 'proposal' or 'congress:<proposal id hex>'. */
  subchain: string;
  /** Public key written into every block found. */
  key: Uint8Array;
  threads: number;
}

export class NodeMiner {
  private readonly chain: Chain;
  private readonly cfg: MiningConfig;
  private readonly log: (line: string) => void;
  private miner: Miner | undefined;
  private hashRate = 0;
  private found = 0;
  private poll: ReturnType<typeof setInterval> | undefined;
  private closedLogged = false;

  constructor(chain: Chain, cfg: MiningConfig, log: (line: string) => void) {
    this.chain = chain;
    this.cfg = cfg;
    this.log = log;
    chain.onAccepted((accepted) => {
      if (accepted.some((a) => a.subchain === cfg.subchain)) this.refresh();
    });
  }

  start(): void {
    this.miner = startMiner({
      threads: this.cfg.threads,
      onFound: (block) => this.onFound(block),
      onStats: (s) => {
        this.hashRate = Number(s.elapsedNs) > 0 ? Math.round((s.hashes * 1e9) / Number(s.elapsedNs)) : 0;
      },
    });
    this.refresh();
    // A congress subchain opens and closes with ledger blocks, not token blocks: look again each second.
    if (this.cfg.subchain.startsWith('congress:')) this.poll = setInterval(() => this.refresh(), 1000);
  }

  /** Gives the miner the next block of the subchain's best tip; none while it is not open, closed or full. */
  private refresh(): void {
    const dag = this.chain.dag;
    const known = dag.subchains().includes(this.cfg.subchain);
    const t = known ? dag.template(this.cfg.subchain) : undefined;
    if (!this.miner) return;
    if (!t) {
      this.miner.setWork(undefined);
      if (known && !this.closedLogged)
        this.log(`mining: ${this.cfg.subchain.slice(0, 25)}… is closed or full; idle`);
      this.closedLogged ||= known;
      return;
    }
    const block = { prev: t.prev, type: t.type as TokenType, time: 0n, target: t.target, key: this.cfg.key };
    const template = encodeBlock(t.other ? { ...block, other: t.other } : block);
    this.miner.setWork({ template, minTime: t.minTime });
  }

  private onFound(block: Uint8Array): void {
    const outcome = this.chain.submit([block]).outcomes[0]!;
    if (outcome.status !== 'added') return;
    this.found++;
    const info = this.chain.dag.info(outcome.added.hash)!;
    const merge = info.merge ? ' (merge)' : '';
    this.log(`mined ${info.subchain} token ${toHex(info.hash).slice(0, 16)}… count ${info.count}${merge}`);
  }

  stats(): MiningJson {
    const on = this.miner !== undefined;
    return {
      enabled: on,
      type: this.cfg.subchain,
      threads: this.cfg.threads,
      hashRate: this.hashRate,
      found: this.found,
    };
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.miner?.stop();
    this.miner = undefined;
  }
}
