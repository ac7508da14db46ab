/**
 * Ledger frames (types 10-15; docs/node.md, Ledger messages). Blocks, commits and transactions travel
 * as opaque bytes of bounded length (core/ledger decodes them strictly); votes and proposals in their
 * one encoding (core/ledger/codec/signed-codec.ts).
 */

import type { Reader, Writer } from '../codec.ts';
import type { Height } from '../height.ts';
import { proposalCodec, type SignedProposal, type SignedVote, voteCodec } from '../ledger/index.ts';
import {
  MAX_LEDGER_BATCH,
  MAX_LEDGER_BLOCK,
  MAX_LEDGER_COMMIT,
  MAX_POL_VOTES,
  MAX_TX_BATCH,
  MAX_TX_BYTES,
} from './limits.ts';

/** A committed block with the commit that committed it. */
export interface CommittedBlock {
  block: Uint8Array;
  commit: Uint8Array;
}

export type LedgerMessage =
  /** The sender's highest committed ledger height. */
  | { type: 'ledgerStatus'; head: Height }
  /** A signed proposal with its block and, for a re-proposed value, the prevotes of its validRound. */
  | { type: 'ledgerProposal'; proposal: SignedProposal; block: Uint8Array; pol: SignedVote[] }
  | { type: 'ledgerVote'; vote: SignedVote }
  /** Catch-up: committed blocks `from`, `from + 1`, … (at most `count`). */
  | { type: 'getLedgerBlocks'; id: number; from: Height; count: number }
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
      return w.height(m.head);
    case 'ledgerProposal':
      proposalCodec.write(w, m.proposal).sized(m.block).u8(m.pol.length);
      for (const v of m.pol) voteCodec.write(w, v);
      return w;
    case 'ledgerVote':
      return voteCodec.write(w, m.vote);
    case 'getLedgerBlocks':
      return w.u32(m.id).height(m.from).u8(m.count);
    case 'ledgerBlocks':
      w.u32(m.id).u8(m.blocks.length);
      for (const b of m.blocks) w.sized(b.block).u16(b.commit.length).raw(b.commit);
      return w;
    case 'ledgerTxs':
      w.u8(m.txs.length);
      for (const tx of m.txs) w.u16(tx.length).raw(tx);
      return w;
  }
}

/** Reads the body of a ledger message of `type`. */
export function readLedger(type: LedgerMessage['type'], r: Reader): LedgerMessage {
  switch (type) {
    case 'ledgerStatus':
      return { type, head: r.height() };
    case 'ledgerProposal': {
      const proposal = proposalCodec.read(r);
      const block = r.sized(MAX_LEDGER_BLOCK, 'block');
      const pol = Array.from({ length: r.count(1, MAX_POL_VOTES, 0, 'pol') }, () => voteCodec.read(r));
      return { type, proposal, block, pol };
    }
    case 'ledgerVote':
      return { type, vote: voteCodec.read(r) };
    case 'getLedgerBlocks': {
      const [id, from] = [r.u32(), r.height()];
      if (from < 1) throw r.fail('ledger heights start at 1');
      return { type, id, from, count: r.count(1, MAX_LEDGER_BATCH, 1, 'count') };
    }
    case 'ledgerBlocks': {
      const id = r.u32();
      const blocks = Array.from({ length: r.count(1, MAX_LEDGER_BATCH, 0, 'blocks') }, () => ({
        block: r.sized(MAX_LEDGER_BLOCK, 'block'),
        commit: r.fixed(r.count(2, MAX_LEDGER_COMMIT, 0, 'commit')),
      }));
      return { type, id, blocks };
    }
    case 'ledgerTxs':
      return { type, txs: Array.from({ length: r.count(1, MAX_TX_BATCH, 1, 'txs') }, () => readTx(r)) };
  }
}

function readTx(r: Reader): Uint8Array {
  return r.fixed(r.count(2, MAX_TX_BYTES, 1, 'tx'));
}
