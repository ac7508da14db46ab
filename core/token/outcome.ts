/**
 * What became of a block offered to `TokenDag.add`, as data rather than an exception: the host acts
 * on each case (store and announce, ignore, hold an orphan until its `missing` parent arrives, retry
 * a future block when due, or penalise the sender of a `refused` block when its error says so).
 */
import { toHex } from '../bytes.ts';
import { ProtoError } from '../errors.ts';

/** What `add` reports about an accepted block. */
export interface Added {
  hash: Uint8Array;
  /** The block's bytes, for the host to store (a held future block comes back through retryFuture). */
  raw: Uint8Array;
  type: number;
  subchain: string;
  tipChanged: boolean;
}

export type AddOutcome =
  /** Validated and inserted. */
  | { status: 'added'; hash: Uint8Array; added: Added }
  /** Already in the DAG. */
  | { status: 'known'; hash: Uint8Array }
  /** A parent is not in the DAG: `missing` (the selected parent first). The DAG does not keep it. */
  | { status: 'orphan'; hash: Uint8Array; missing: Uint8Array }
  /** Its time is beyond `now` plus the future limit: held by the DAG until due (`retryFuture`). */
  | { status: 'future'; hash: Uint8Array; time: bigint; now: bigint }
  /** Breaks a rule: `error` has the rule's code and the action for the sender. */
  | { status: 'refused'; hash: Uint8Array; error: ProtoError };

/** The outcome of a block that was not added, as the ProtoError a caller that expected it valid throws. */
export function outcomeError(o: Exclude<AddOutcome, { status: 'added' }>): ProtoError {
  switch (o.status) {
    case 'known':
      return new ProtoError('duplicate', 'block is already known', 'ignore');
    case 'orphan':
      return new ProtoError('unknown-parent', `parent ${toHex(o.missing)} is unknown`, 'retry');
    case 'future':
      return new ProtoError(
        'from-future',
        `time ${o.time} is more than the limit ahead of ${o.now}`,
        'retry',
      );
    case 'refused':
      return o.error;
  }
}
