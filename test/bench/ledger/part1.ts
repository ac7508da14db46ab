/**
 * Part 1 of `bench:ledger`: one validator in process. Each configuration runs the whole workload
 * through runPipeline on a fresh SQLite file and reports transfers/s for apply alone, apply + persist
 * and end to end, with the per-block breakdown of where the time went.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoVerify, type VerifySignature } from '../../../core/ledger/index.ts';
import type { Hasher } from '../../../core/token/hash.ts';
import type { NetworkParams } from '../../../core/token/params.ts';
import { runPipeline } from './pipeline.ts';
import { Profile } from './profile.ts';
import { coreVerify, startVerifyPool } from './verify-pool.ts';

/** One way of running the loop: which verifier and hash the ledger gets. */
export interface Config {
  name: string;
  /**
   * `every`: each check on the main thread, at admission, build and apply; `memo`: the same through
   * memoVerify, so each signature is checked once; `pool`: checked once, on worker threads.
   */
  verify: 'every' | 'memo' | 'pool';
  workers: number;
  hash: Hasher;
}

export interface Part1Input {
  params: NetworkParams;
  chainId: Uint8Array;
  validatorSecret: Uint8Array;
  txs: Uint8Array[];
  /** The workload's accounts: transfers offered per block. */
  accounts: number;
}

/** Runs `config` on the workload and prints its figures; returns end-to-end transfers/s. */
export async function runConfig(input: Part1Input, config: Config): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'proto-bench-ledger-'));
  const profile = new Profile();
  const pool =
    config.verify === 'pool' ? startVerifyPool(input.chainId, input.txs, config.workers) : undefined;
  await pool?.ready();
  const verify: VerifySignature = pool
    ? pool.verify
    : config.verify === 'memo'
      ? memoVerify(coreVerify)
      : coreVerify;
  try {
    pool?.go();
    const r = runPipeline({
      ...input,
      path: join(dir, 'store.sqlite'),
      perBlock: input.accounts,
      env: { verify: profile.verify(verify), hash: profile.hash(config.hash) },
      profile,
    });
    const rate = (ms: number) => Math.round((r.txs * 1000) / ms);
    const stage = (name: string) => profile.row(name).total;
    console.log(
      `\n${config.name}: ${r.txs} transfers in ${r.blocks} blocks (${(r.txs / r.blocks).toFixed(0)}/block)`,
    );
    console.log(`  apply alone      ${rate(stage('apply'))} transfers/s`);
    console.log(`  apply + persist  ${rate(stage('apply') + stage('persist'))} transfers/s`);
    console.log(`  end to end       ${rate(r.ms)} transfers/s  (admit, build, precommit, apply, persist)`);
    console.log(
      `  main thread CPU  ${(r.cpuMs / r.blocks).toFixed(0)} ms/block for ${(r.ms / r.blocks).toFixed(0)} ms wall:` +
        ` ${rate(r.cpuMs)} transfers per CPU-second`,
    );
    console.log('  ms per block:');
    console.log(profile.table(r.blocks).replace(/^/gm, '    '));
    return rate(r.ms);
  } finally {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
