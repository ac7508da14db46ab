import { concatBytes } from '../../bytes.ts';
import { Reader, Writer } from '../../codec.ts';
import type { Height } from '../../height.ts';
import { MAX_CONGRESS_TIPS, QUEUE_MAX } from '../codec/constants.ts';
import type { Checkpoints } from '../codec/header.ts';
import { type Account, type Member, TOKEN_USES_ENCODED, type TokenEntry } from './state.ts';

/**
 * State keys and values of the sparse Merkle tree (PROTOCOL.md §3.7, docs/ledger.md §4). A state key
 * is a one-byte prefix plus an id; the tree key is blake3(state key), the value hash blake3(value).
 */
export const PREFIX = { account: 1, token: 2, queue: 3, pending: 4, chain: 5, evidence: 0x10 } as const;

/** Most pending announcements a value may hold: one per unexpired validator token, generously. */
const MAX_PENDING = 1_000_000;

/** State keys: an account by its key, a token entry by the token hash, and the three single entries. */
export const accountKey = (key: Uint8Array) => concatBytes(new Uint8Array([PREFIX.account]), key);
export const tokenKey = (hash: Uint8Array) => concatBytes(new Uint8Array([PREFIX.token]), hash);
export const QUEUE_KEY = new Uint8Array([PREFIX.queue]);
export const PENDING_KEY = new Uint8Array([PREFIX.pending]);
export const CHAIN_KEY = new Uint8Array([PREFIX.chain]);

/** An equivocation's record: `0x10 ‖ offender 32 ‖ kind u8 (1 prevote, 2 precommit, 3 proposal) ‖ height u64 ‖ round u32`. */
export function evidenceKey(offender: Uint8Array, kind: number, height: Height, round: number): Uint8Array {
  return new Writer().u8(PREFIX.evidence).fixed(offender).u8(kind).height(height).u32(round).bytes();
}

/** What the state records of an equivocation: the height whose block recorded it, and its reporter. */
export interface EvidenceRecord {
  recordedAt: Height;
  reporter: Uint8Array;
}

/** `recordedAt u64 ‖ reporter 32`. */
export function encodeEvidenceRecord(e: EvidenceRecord): Uint8Array {
  return new Writer().height(e.recordedAt).fixed(e.reporter).bytes();
}

/** Strict inverse of encodeEvidenceRecord. */
export function decodeEvidenceRecord(bytes: Uint8Array): EvidenceRecord {
  const r = new Reader(bytes, 'evidence record');
  const e = { recordedAt: r.height(), reporter: r.fixed() };
  r.end();
  return e;
}

/** `balance u256 ‖ nonce u64`. */
export function encodeAccount(a: Account): Uint8Array {
  return new Writer().u256(a.balance).u64(a.nonce).bytes();
}

/** Strict inverse of encodeAccount. */
export function decodeAccount(bytes: Uint8Array): Account {
  const r = new Reader(bytes, 'account');
  const a = { balance: r.u256(), nonce: r.u64() };
  r.end();
  return a;
}

/** `owner 32 ‖ seq u32 ‖ movedAt u64 ‖ use u8` (0 none, 1 announced, 2 published, 3 voted). */
export function encodeTokenEntry(t: TokenEntry): Uint8Array {
  return new Writer()
    .fixed(t.owner)
    .u32(t.seq)
    .height(t.movedAt)
    .u8(TOKEN_USES_ENCODED.indexOf(t.use))
    .bytes();
}

/** Strict inverse of encodeTokenEntry. */
export function decodeTokenEntry(bytes: Uint8Array): TokenEntry {
  const r = new Reader(bytes, 'token entry');
  const owner = r.fixed();
  const seq = r.u32();
  const movedAt = r.height();
  const flag = r.u8();
  const use = TOKEN_USES_ENCODED[flag];
  if (use === undefined) throw r.fail(`token use ${flag}`);
  r.end();
  return { owner, seq, movedAt, use };
}

/** `count u32 ‖ (key ‖ token ‖ owner ‖ uses u32 ‖ expiry u64 ‖ since u64 ‖ until u64)*`. */
export function encodeMembers(list: readonly Member[]): Uint8Array {
  const w = new Writer().u32(list.length);
  for (const m of list) {
    w.fixed(m.key).fixed(m.token).fixed(m.owner).u32(m.uses).time(m.expiry).height(m.since).height(m.until);
  }
  return w.bytes();
}

/** Strict inverse of encodeMembers; `max` bounds the count. */
export function decodeMembers(bytes: Uint8Array, max = MAX_PENDING): Member[] {
  const r = new Reader(bytes, 'members');
  const n = r.count(4, max);
  const out: Member[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      key: r.fixed(),
      token: r.fixed(),
      owner: r.fixed(),
      uses: r.u32(),
      expiry: r.time(),
      since: r.height(),
      until: r.height(),
    });
  }
  r.end();
  return out;
}

/** The chain-wide values of the state. */
export interface ChainValues {
  height: Height;
  time: bigint;
  supply: bigint;
  genesisSupply: bigint;
  minFee: bigint;
  lastValidators: readonly Uint8Array[];
  checkpoints: Checkpoints;
}

/**
 * `height u64 ‖ time u64 ‖ supply u256 ‖ genesisSupply u256 ‖ minFee u128 ‖ count u8 ‖ lastValidators ‖
 * validatorTip ‖ proposalTip ‖ count u16 ‖ (root ‖ tip)*`.
 */
export function encodeChain(c: ChainValues): Uint8Array {
  const w = new Writer().height(c.height).time(c.time).u256(c.supply).u256(c.genesisSupply).u128(c.minFee);
  w.u8(c.lastValidators.length);
  for (const k of c.lastValidators) w.fixed(k);
  w.fixed(c.checkpoints.validator).fixed(c.checkpoints.proposal).u16(c.checkpoints.congress.length);
  for (const t of c.checkpoints.congress) w.fixed(t.root).fixed(t.tip);
  return w.bytes();
}

/** Strict inverse of encodeChain. */
export function decodeChain(bytes: Uint8Array): ChainValues {
  const r = new Reader(bytes, 'chain values');
  const [height, time, supply, genesisSupply, minFee] = [r.height(), r.time(), r.u256(), r.u256(), r.u128()];
  const lastValidators = Array.from({ length: r.count(1, QUEUE_MAX) }, () => r.fixed());
  const [validator, proposal] = [r.fixed(), r.fixed()];
  const congress = Array.from({ length: r.count(2, MAX_CONGRESS_TIPS) }, () => ({
    root: r.fixed(),
    tip: r.fixed(),
  }));
  r.end();
  const checkpoints = { validator, proposal, congress };
  return { height, time, supply, genesisSupply, minFee, lastValidators, checkpoints };
}
