/**
 * What the WAL holds: every consensus input of the current height that changed the core's state,
 * with what the host needs to act on it again (a proposal's block bytes and its valid(v) verdict,
 * signatures and timestamps). `start-height` is not logged: it follows from the stored chain.
 *   1 proposal:      proposal ‖ valid u8 ‖ block (u32 length)
 *   2 vote:          vote
 *   3 timeout:       kind u8 (0 propose, 1 prevote, 2 precommit) ‖ height u64 ‖ round u32
 *   4 propose-value: height u64 ‖ round u32 ‖ value 32 ‖ block (u32 length)
 */
import { Reader, Writer } from '../../core/codec.ts';
import type { Timeout, Value } from '../../core/consensus/index.ts';
import type { Height } from '../../core/height.ts';
import {
  MAX_BLOCK_BYTES,
  proposalCodec,
  type SignedProposal,
  type SignedVote,
  voteCodec,
} from '../../core/ledger/index.ts';

export type WalRecord =
  | { kind: 'proposal'; proposal: SignedProposal; valid: boolean; block: Uint8Array }
  | { kind: 'vote'; vote: SignedVote }
  | { kind: 'timeout'; timeout: Timeout }
  | { kind: 'propose-value'; height: Height; round: number; value: Value; block: Uint8Array };

const KINDS = ['proposal', 'vote', 'timeout', 'propose-value'] as const;
const STEPS = ['propose', 'prevote', 'precommit'] as const;

export function encodeWalRecord(rec: WalRecord): Uint8Array {
  const w = new Writer().u8(KINDS.indexOf(rec.kind) + 1);
  switch (rec.kind) {
    case 'proposal':
      return proposalCodec
        .write(w, rec.proposal)
        .u8(rec.valid ? 1 : 0)
        .sized(rec.block)
        .bytes();
    case 'vote':
      return voteCodec.write(w, rec.vote).bytes();
    case 'timeout': {
      const t = rec.timeout;
      return w.u8(STEPS.indexOf(t.kind)).height(t.height).u32(t.round).bytes();
    }
    case 'propose-value':
      return w.height(rec.height).u32(rec.round).fixed(rec.value).sized(rec.block).bytes();
  }
}

/** Strict inverse of encodeWalRecord; throws a ProtoError. */
export function decodeWalRecord(bytes: Uint8Array): WalRecord {
  const r = new Reader(bytes, 'WAL record');
  const rec = readBody(r);
  r.end();
  return rec;
}

function readBody(r: Reader): WalRecord {
  const kind = KINDS[r.u8() - 1];
  switch (kind) {
    case 'proposal': {
      const proposal = proposalCodec.read(r);
      const valid = readFlag(r);
      return { kind, proposal, valid, block: r.sized(MAX_BLOCK_BYTES, 'block') };
    }
    case 'vote':
      return { kind, vote: voteCodec.read(r) };
    case 'timeout': {
      const step = STEPS[r.u8()];
      if (step === undefined) throw r.fail('timeout kind');
      return { kind, timeout: { kind: step, height: r.height(), round: r.u32() } };
    }
    case 'propose-value': {
      const [height, round, value] = [r.height(), r.u32(), r.fixed()];
      return { kind, height, round, value, block: r.sized(MAX_BLOCK_BYTES, 'block') };
    }
    default:
      throw r.fail('unknown WAL record kind');
  }
}

function readFlag(r: Reader): boolean {
  const b = r.u8();
  if (b > 1) throw r.fail('flag');
  return b === 1;
}

/** The height a record belongs to. */
export function recordHeight(rec: WalRecord): number {
  if (rec.kind === 'proposal') return rec.proposal.height;
  if (rec.kind === 'vote') return rec.vote.height;
  if (rec.kind === 'timeout') return rec.timeout.height;
  return rec.height;
}
