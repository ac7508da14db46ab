/**
 * The binary range of committed ledger blocks (`GET /v1/ledger/blocks/raw?from=&count=`, docs/api.md):
 * `from u64 ‖ n u16 ‖ (block u32-sized ‖ commit u32-sized)*`, blocks from..from+n-1 in order. Each
 * part is a committed block's own strict encoding (core/ledger), as p2p `ledgerBlocks` frames carry
 * them, without their 16-block cap, so a client bootstraps in few requests.
 */
import { Reader, Writer } from '../codec.ts';
import type { CommittedBlock } from '../p2p/ledger-codec.ts';
import { MAX_LEDGER_BLOCK, MAX_LEDGER_COMMIT } from '../p2p/limits.ts';

/** Most blocks in one range. */
export const MAX_LEDGER_RANGE = 1000;

/** A decoded range: the height of its first block, and the blocks. */
export interface LedgerRange {
  from: number;
  blocks: CommittedBlock[];
}

export function encodeLedgerRange(r: LedgerRange): Uint8Array {
  const w = new Writer().height(r.from).u16(r.blocks.length);
  for (const b of r.blocks) w.sized(b.block).sized(b.commit);
  return w.bytes();
}

/** Strict inverse of encodeLedgerRange; the blocks are left encoded (core/ledger decodes them). */
export function decodeLedgerRange(bytes: Uint8Array): LedgerRange {
  const r = new Reader(bytes, 'ledger range');
  const from = r.height();
  const n = r.count(2, MAX_LEDGER_RANGE, 0, 'blocks');
  const blocks = Array.from({ length: n }, () => ({
    block: r.sized(MAX_LEDGER_BLOCK, 'block'),
    commit: r.sized(MAX_LEDGER_COMMIT, 'commit'),
  }));
  r.end();
  return { from, blocks };
}
