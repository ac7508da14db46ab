import { concatBytes } from '../../bytes.ts';
import { Reader, Writer } from '../../codec.ts';
import { MAX_CONGRESS_TIPS } from '../codec/constants.ts';
import { readContent, writeContent } from './content-codec.ts';
import type {
  Choice,
  CongressVote,
  Delegate,
  GovParams,
  GovState,
  OpenProposal,
  Proposal,
  Status,
  Upgrade,
  VetoState,
} from './types.ts';

/**
 * Governance entries of the sparse Merkle state (PROTOCOL.md §3.7, docs/ledger.md §4). State key
 * prefixes continue those of ../state-codec.ts.
 */
export const GOV_PREFIX = { params: 6, gov: 7, proposal: 8, index: 9, veto: 10 } as const;

export const PARAMS_KEY = new Uint8Array([GOV_PREFIX.params]);
export const GOV_KEY = new Uint8Array([GOV_PREFIX.gov]);
export const VETO_KEY = new Uint8Array([GOV_PREFIX.veto]);
/** A proposal by its id. */
export const proposalKey = (id: Uint8Array) => concatBytes(new Uint8Array([GOV_PREFIX.proposal]), id);
/** The id of the proposal with position `seq`. */
export const indexKey = (seq: bigint) =>
  concatBytes(new Uint8Array([GOV_PREFIX.index]), new Writer().u64(seq).bytes());

/** Most passed upgrades kept in state. */
export const MAX_UPGRADES = 64;
/** Most veto delegates (active and revoked) kept in state. */
export const MAX_DELEGATES = 64;
/** Most votes one proposal holds: Q + 1 at the largest governable Q. */
const MAX_VOTES = 1001;

/**
 * `votingPeriod u64 ‖ congressSize u16 ‖ liveProposals u16 ‖ blockBytes u32 ‖ proposeBase u64 ‖
 * proposeDelta u64 ‖ prevoteBase u64 ‖ prevoteDelta u64 ‖ precommitBase u64 ‖ precommitDelta u64`.
 */
export function encodeParams(p: GovParams): Uint8Array {
  const w = new Writer().u64(p.votingPeriod).u16(p.congressSize).u16(p.liveProposals).u32(p.blockBytes);
  const t = p.timeouts;
  w.u64(t.proposeBase).u64(t.proposeDelta).u64(t.prevoteBase).u64(t.prevoteDelta);
  return w.u64(t.precommitBase).u64(t.precommitDelta).bytes();
}

export function decodeParams(bytes: Uint8Array): GovParams {
  const r = new Reader(bytes, 'parameters');
  const p = readParams(r);
  r.end();
  return p;
}

function readParams(r: Reader): GovParams {
  const p = { votingPeriod: r.u64(), congressSize: r.u16(), liveProposals: r.u16(), blockBytes: r.u32() };
  const timeouts = {
    proposeBase: r.u64(),
    proposeDelta: r.u64(),
    prevoteBase: r.u64(),
    prevoteDelta: r.u64(),
    precommitBase: r.u64(),
    precommitDelta: r.u64(),
  };
  return { ...p, timeouts };
}

/**
 * `id ‖ seq u64 ‖ token ‖ publisher ‖ content ‖ height u64 ‖ t0 u64 ‖ deadline u64 ‖ size u16 ‖
 * rootTarget u256 ‖ status u8 ‖ closedAt u64 ‖ vetoed u8 [‖ by ‖ height u64] ‖ count u16 ‖ (token ‖ choice u8)*`.
 */
export function encodeProposal(p: Proposal): Uint8Array {
  const w = new Writer().fixed(p.id).u64(p.seq).fixed(p.token).fixed(p.publisher);
  writeContent(w, p);
  w.height(p.height)
    .time(p.t0)
    .time(p.deadline)
    .u16(p.size)
    .u256(p.rootTarget)
    .u8(p.status)
    .height(p.closedAt);
  w.u8(p.veto ? 1 : 0);
  if (p.veto) w.fixed(p.veto.by).height(p.veto.height);
  w.u16(p.votes.length);
  for (const v of p.votes) w.fixed(v.token).u8(v.choice);
  return w.bytes();
}

export function decodeProposal(bytes: Uint8Array): Proposal {
  const r = new Reader(bytes, 'proposal');
  const p = readProposal(r);
  r.end();
  return p;
}

function readProposal(r: Reader): Proposal {
  const [id, seq, token, publisher] = [r.fixed(), r.u64(), r.fixed(), r.fixed()];
  const content = readContent(r);
  const [height, t0, deadline, size, rootTarget] = [r.height(), r.time(), r.time(), r.u16(), r.u256()];
  const status = r.u8();
  if (status > 4) throw r.fail(`status ${status}`);
  const closedAt = r.height();
  const flag = r.u8();
  if (flag > 1) throw r.fail(`veto flag ${flag}`);
  const veto = flag === 1 ? { by: r.fixed(), height: r.height() } : undefined;
  const votes: CongressVote[] = [];
  const n = r.count(2, MAX_VOTES);
  for (let i = 0; i < n; i++) votes.push({ token: r.fixed(), choice: r.u8() as Choice });
  const base = { id, seq, token, publisher, ...content, height, t0, deadline, size, rootTarget };
  return { ...base, status: status as Status, closedAt, veto, votes };
}

/** `count u64 ‖ pending: n u16 ‖ (length u32 ‖ proposal)* ‖ open: n u16 ‖ (id ‖ t0 ‖ deadline ‖ size u16 ‖ rootTarget u256)* ‖ upgrades: n u8 ‖ (proposal ‖ nameLength u8 ‖ name ‖ height u64)*`. */
export function encodeGov(g: Omit<GovState, 'params'>): Uint8Array {
  const w = new Writer().u64(g.count).u16(g.pending.length);
  for (const p of g.pending) {
    const bytes = encodeProposal(p);
    w.u32(bytes.length).raw(bytes);
  }
  w.u16(g.open.length);
  for (const o of g.open) w.fixed(o.id).time(o.t0).time(o.deadline).u16(o.size).u256(o.rootTarget);
  w.u8(g.upgrades.length);
  for (const u of g.upgrades) {
    const name = new TextEncoder().encode(u.name);
    w.fixed(u.proposal).u8(name.length).raw(name).height(u.height);
  }
  return w.bytes();
}

export function decodeGov(bytes: Uint8Array): Omit<GovState, 'params'> {
  const r = new Reader(bytes, 'governance');
  const count = r.u64();
  const pending = Array.from({ length: r.count(2, MAX_CONGRESS_TIPS) }, () =>
    decodeProposal(r.fixed(r.u32())),
  );
  const open: OpenProposal[] = Array.from({ length: r.count(2, MAX_CONGRESS_TIPS) }, () => ({
    id: r.fixed(),
    t0: r.time(),
    deadline: r.time(),
    size: r.u16(),
    rootTarget: r.u256(),
  }));
  const upgrades: Upgrade[] = Array.from({ length: r.count(1, MAX_UPGRADES) }, () => ({
    proposal: r.fixed(),
    name: new TextDecoder().decode(r.fixed(r.u8())),
    height: r.height(),
  }));
  r.end();
  return { count, pending, open, upgrades };
}

/** `seq u32 ‖ n u8 ‖ (key ‖ since u64 ‖ revokedAt u64)*`. */
export function encodeVeto(v: VetoState): Uint8Array {
  const w = new Writer().u32(v.seq).u8(v.delegates.length);
  for (const d of v.delegates) w.fixed(d.key).height(d.since).height(d.revokedAt);
  return w.bytes();
}

export function decodeVeto(bytes: Uint8Array): VetoState {
  const r = new Reader(bytes, 'veto');
  const seq = r.u32();
  const delegates: Delegate[] = Array.from({ length: r.count(1, MAX_DELEGATES) }, () => ({
    key: r.fixed(),
    since: r.height(),
    revokedAt: r.height(),
  }));
  r.end();
  return { seq, delegates };
}

export const EMPTY_VETO: VetoState = Object.freeze({ seq: 0, delegates: [] });
