/**
 * Ledger frames (types 10-15; docs/node.md, Ledger messages). Blocks, commits and transactions travel
 * as opaque bytes of bounded length (core/ledger decodes them strictly); votes and proposals in their
 * one encoding (node/ledger/wire.ts).
 */

import type { SignedProposal, SignedVote } from '../ledger/signed.ts';
import { readHeight, readProposal, readSized, readVote, writeProposal, writeVote } from '../ledger/wire.ts';
import {
  MAX_LEDGER_BATCH,
  MAX_LEDGER_BLOCK,
  MAX_LEDGER_COMMIT,
  MAX_POL_VOTES,
  MAX_TX_BATCH,
  MAX_TX_BYTES,
} from './limits.ts';
import { FrameError, type Reader, type Writer } from './wire.ts';

/** A committed block with the commit that committed it. */
export interface CommittedBlock {
  block: Uint8Array;
  commit: Uint8Array;
}

export type LedgerMessage =
  /** The sender's highest committed ledger height. */
  | { type: 'ledgerStatus'; head: number }
  /** A signed proposal with its block and, for a re-proposed value, the prevotes of its validRound. */
  | { type: 'ledgerProposal'; proposal: SignedProposal; block: Uint8Array; pol: SignedVote[] }
  | { type: 'ledgerVote'; vote: SignedVote }
  /** Catch-up: committed blocks `from`, `from + 1`, … (at most `count`). */
  | { type: 'getLedgerBlocks'; id: number; from: number; count: number }
  | { type: 'ledgerBlocks'; id: number; blocks: CommittedBlock[] }
  | { type: 'ledgerTxs'; txs: Uint8Array[] };

export const LEDGER_TYPES = [
  'ledgerStatus',
  'ledgerProposal',
  'ledgerVote',
  'getLedgerBlocks',
  'ledgerBlocks',
  'ledgerTxs',
] as const;

/** Writes the body of `m` after its type byte. */
export function writeLedger(w: Writer, m: LedgerMessage): Writer {
  switch (m.type) {
    case 'ledgerStatus':
      return w.u64(BigInt(m.head));
    case 'ledgerProposal':
      writeProposal(w, m.proposal).u32(m.block.length).bytes(m.block).u8(m.pol.length);
      for (const v of m.pol) writeVote(w, v);
      return w;
    case 'ledgerVote':
      return writeVote(w, m.vote);
    case 'getLedgerBlocks':
      return w.u32(m.id).u64(BigInt(m.from)).u8(m.count);
    case 'ledgerBlocks':
      w.u32(m.id).u8(m.blocks.length);
      for (const b of m.blocks) w.u32(b.block.length).bytes(b.block).u16(b.commit.length).bytes(b.commit);
      return w;
    case 'ledgerTxs':
      w.u8(m.txs.length);
      for (const tx of m.txs) w.u16(tx.length).bytes(tx);
      return w;
  }
}

/** Reads the body of a ledger message of `type`. */
export function readLedger(type: LedgerMessage['type'], r: Reader): LedgerMessage {
  switch (type) {
    case 'ledgerStatus':
      return { type, head: readHeight(r) };
    case 'ledgerProposal': {
      const proposal = readProposal(r);
      const block = readSized(r, MAX_LEDGER_BLOCK, 'block');
      const pol = Array.from({ length: r.count(1, 0, MAX_POL_VOTES, 'pol') }, () => readVote(r));
      return { type, proposal, block, pol };
    }
    case 'ledgerVote':
      return { type, vote: readVote(r) };
    case 'getLedgerBlocks': {
      const [id, from] = [r.u32(), readHeight(r)];
      if (from < 1) throw new FrameError('ledger heights start at 1');
      return { type, id, from, count: r.count(1, 1, MAX_LEDGER_BATCH, 'count') };
    }
    case 'ledgerBlocks': {
      const id = r.u32();
      const blocks = Array.from({ length: r.count(1, 0, MAX_LEDGER_BATCH, 'blocks') }, () => ({
        block: readSized(r, MAX_LEDGER_BLOCK, 'block'),
        commit: r.take(r.count(2, 0, MAX_LEDGER_COMMIT, 'commit')),
      }));
      return { type, id, blocks };
    }
    case 'ledgerTxs':
      return { type, txs: Array.from({ length: r.count(1, 1, MAX_TX_BATCH, 'txs') }, () => readTx(r)) };
  }
}

function readTx(r: Reader): Uint8Array {
  return r.take(r.count(2, 1, MAX_TX_BYTES, 'tx'));
}
