import { equalBytes } from '../../bytes.ts';
import { isProtoError, type ProtoError } from '../../errors.ts';
import type { Tx } from '../codec/tx.ts';
import { activate, tallyDue } from '../governance/lifecycle.ts';
import type { LedgerState } from '../state/state.ts';
import { applyTx } from './apply-tx.ts';
import { type BlockContext, Draft } from './draft.ts';
import type { ResolvedEnv } from './env.ts';
import type { LedgerEvent } from './events.ts';
import { advanceQueue, type QueueEvents } from './queue.ts';
import { payIssuance } from './reward.ts';
import { activeAt } from './validators.ts';

/** A transaction a proposer left out, and why. */
export interface DroppedTx {
  tx: Tx;
  error: ProtoError;
}

/** The outcome of executing a block's body on a state. `state.blockHash` is left to the caller. */
export interface Execution {
  state: LedgerState;
  events: LedgerEvent[];
  included: Tx[];
  dropped: DroppedTx[];
}

/**
 * Executes a block whose header and LastCommit were checked (docs/ledger.md §7): checkpoint events,
 * issuance, naming the parent's publications, the transactions in order, the tally of proposals
 * whose period ended, then the queue's end-of-block steps. With `skipInvalid` (the
 * proposer building a block) a failing transaction is left out; otherwise it fails the block, with
 * action `penalize` whatever the transaction's own (a block is judged on the checkpoints it names, so
 * a transaction that may be valid later as a submission is invalid for good in this block).
 */
export function execute(
  state: LedgerState,
  ctx: BlockContext,
  input: { signers: Uint8Array[]; txs: Tx[]; events: LedgerEvent[]; skipInvalid: boolean },
  env: ResolvedEnv,
): Execution {
  const d = new Draft(state, env);
  d.events.push(...input.events);
  payIssuance(d, ctx.height, input.signers, ctx.proposer);
  activate(d);
  const included: Tx[] = [];
  const dropped: DroppedTx[] = [];
  for (const tx of input.txs) {
    try {
      applyTx(d, tx, ctx);
      included.push(tx);
    } catch (e) {
      if (!isProtoError(e)) throw e;
      if (!input.skipInvalid) throw e.as('penalize');
      dropped.push({ tx, error: e });
    }
  }
  tallyDue(d, ctx);
  const lastValidators = activeAt(state.queue, ctx.height).map((m) => m.key);
  const queue = advanceQueue(d.queue, d.pending, ctx, d.offenders);
  d.events.push(...queueEvents(queue.events, d.offenders));
  const values = {
    height: ctx.height,
    time: ctx.time,
    supply: d.supply,
    genesisSupply: state.genesisSupply,
    minFee: d.minFee,
    lastValidators,
    checkpoints: ctx.checkpoints,
    queue: queue.queue,
    pending: queue.pending,
    gov: d.gov,
  };
  const { root, store, flat } = d.finish(values);
  const next: LedgerState = {
    config: state.config,
    ...values,
    blockHash: new Uint8Array(32),
    root,
    store,
    flat,
  };
  return { state: next, events: d.events, included, dropped };
}

function queueEvents(q: QueueEvents, offenders: readonly Uint8Array[]): LedgerEvent[] {
  const offends = (key: Uint8Array) => offenders.some((k) => equalBytes(k, key));
  return [
    ...q.left.map((m) => ({
      kind: 'validator-leave' as const,
      key: m.key,
      token: m.token,
      until: m.until,
      reason: offends(m.key)
        ? ('evidence' as const)
        : m.uses === 0
          ? ('uses' as const)
          : ('expired' as const),
    })),
    ...q.removed.map((m) => ({ kind: 'pending-removed' as const, key: m.key, token: m.token })),
    ...q.expired.map((m) => ({ kind: 'pending-expired' as const, key: m.key, token: m.token })),
    ...q.joined.map((m) => ({ kind: 'validator-join' as const, key: m.key, token: m.token, since: m.since })),
  ];
}
