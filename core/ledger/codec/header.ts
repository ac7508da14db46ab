import { compareBytes } from '../../bytes.ts';
import { Reader, Writer } from '../../codec.ts';
import { ProtoError } from '../../errors.ts';
import type { Height } from '../../height.ts';
import type { Hasher } from '../../token/hash.ts';
import { MAX_CONGRESS_TIPS } from './constants.ts';

/** The tip of one congress subchain, named by its root (the proposal id). */
export interface CongressTip {
  root: Uint8Array;
  tip: Uint8Array;
}

/** Token-chain tips a header checkpoints (PROTOCOL.md §3.3). `congress` is sorted by root. */
export interface Checkpoints {
  validator: Uint8Array;
  proposal: Uint8Array;
  congress: CongressTip[];
}

/** A ledger block header (docs/ledger.md §3). Hashes are BLAKE3-256, keys ed25519. */
export interface Header {
  chainId: Uint8Array;
  height: Height;
  /** The round the proposer built the block in; turns 0..round are charged (§3.2). */
  round: number;
  /** ns; the median of the LastCommit's precommit timestamps. */
  time: bigint;
  lastBlockHash: Uint8Array;
  lastCommitHash: Uint8Array;
  /** The ordered validator list of this height (commit indices refer to it). */
  validatorsHash: Uint8Array;
  /** The members of the next height's list, sorted bytewise. */
  nextValidatorsHash: Uint8Array;
  /** The state after this block. */
  stateRoot: Uint8Array;
  txsHash: Uint8Array;
  proposer: Uint8Array;
  checkpoints: Checkpoints;
}

/** Length of a header without congress tips. */
export const HEADER_FIXED_LENGTH = 342;

/**
 * `chainId 32 ‖ height u64 ‖ round u32 ‖ time u64 ‖ lastBlockHash ‖ lastCommitHash ‖ validatorsHash ‖
 * nextValidatorsHash ‖ stateRoot ‖ txsHash ‖ proposer ‖ validatorTip ‖ proposalTip ‖ count u16 ‖
 * (root ‖ tip)*`, congress roots strictly increasing.
 */
export function encodeHeader(h: Header): Uint8Array {
  const w = new Writer().fixed(h.chainId).height(h.height).u32(h.round).time(h.time);
  for (const f of [h.lastBlockHash, h.lastCommitHash, h.validatorsHash, h.nextValidatorsHash]) w.fixed(f);
  w.fixed(h.stateRoot).fixed(h.txsHash).fixed(h.proposer);
  w.fixed(h.checkpoints.validator).fixed(h.checkpoints.proposal);
  checkCongress(h.checkpoints.congress);
  w.u16(h.checkpoints.congress.length);
  for (const c of h.checkpoints.congress) w.fixed(c.root).fixed(c.tip);
  return w.bytes();
}

/** Strict inverse of encodeHeader. */
export function decodeHeader(bytes: Uint8Array): Header {
  const r = new Reader(bytes, 'header');
  const h = readHeader(r);
  r.end();
  return h;
}

/** Reads a header from the start of a block. */
export function readHeader(r: Reader): Header {
  const chainId = r.fixed();
  const height = r.height();
  const round = r.u32();
  const time = r.time();
  const [lastBlockHash, lastCommitHash, validatorsHash, nextValidatorsHash] = [1, 2, 3, 4].map(() =>
    r.fixed(),
  );
  const [stateRoot, txsHash, proposer, validator, proposal] = [1, 2, 3, 4, 5].map(() => r.fixed());
  const n = r.count(2, MAX_CONGRESS_TIPS);
  const congress: CongressTip[] = [];
  for (let i = 0; i < n; i++) congress.push({ root: r.fixed(), tip: r.fixed() });
  checkCongress(congress);
  return {
    chainId,
    height,
    round,
    time,
    lastBlockHash: lastBlockHash!,
    lastCommitHash: lastCommitHash!,
    validatorsHash: validatorsHash!,
    nextValidatorsHash: nextValidatorsHash!,
    stateRoot: stateRoot!,
    txsHash: txsHash!,
    proposer: proposer!,
    checkpoints: { validator: validator!, proposal: proposal!, congress },
  };
}

/** The block hash: blake3 of the header's encoding. */
export function blockHash(h: Header, hash: Hasher): Uint8Array {
  return hash(encodeHeader(h));
}

function checkCongress(list: CongressTip[]): void {
  if (list.length > MAX_CONGRESS_TIPS)
    throw new ProtoError('bad-encoding', 'too many congress tips', 'penalize');
  for (let i = 1; i < list.length; i++) {
    if (compareBytes(list[i - 1]!.root, list[i]!.root) >= 0) {
      throw new ProtoError(
        'bad-encoding',
        'congress tips must be sorted by root, without repeats',
        'penalize',
      );
    }
  }
}
