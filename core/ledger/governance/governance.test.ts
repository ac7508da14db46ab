import { beforeEach, describe, expect, it } from 'vitest';
import { toHex } from '../../bytes.ts';
import { isProtoError } from '../../errors.ts';
import { TokenType } from '../../token/block.ts';
import { blake3Hash } from '../../token/hash.ts';
import { TxType } from '../codec/constants.ts';
import { readToken, treeOf } from '../state/reader.ts';
import { checkTx } from '../transition/check-tx.ts';
import type { TestLedger } from '../transition/ledger.fixture.ts';
import {
  cid,
  codes,
  congress,
  delegate,
  govLedger,
  other,
  proposalTokens,
  publish,
  publishTx,
  S,
  text,
  token,
  veto,
  vetoTx,
  voteTx,
} from './governance.fixture.ts';
import { passThreshold, proposalId } from './lifecycle.ts';
import { PARAM_IDS } from './params.ts';
import { decodeParams, decodeProposal, PARAMS_KEY, proposalKey } from './state-codec.ts';
import { Choice, type ProposalContent, ProposalKind, Status } from './types.ts';

const proposal = (t: TestLedger, id: Uint8Array) => decodeProposal(treeOf(t.state).get(proposalKey(id))!);
const minFee = (value: bigint): ProposalContent => ({
  ...text('Lower the fee'),
  kind: ProposalKind.parameter,
  changes: [{ id: PARAM_IDS.minFee, value }],
});
const upgrade = (height: number): ProposalContent => ({
  ...text('Upgrade'),
  kind: ProposalKind.upgrade,
  upgrade: { name: 'proto-v2', height },
});
/** Runs blocks until the proposal's period has ended (the block at or after its deadline tallies). */
function endPeriod(t: TestLedger, id: Uint8Array) {
  return t.next({ time: proposal(t, id).deadline });
}

describe('publish', () => {
  let t: TestLedger;
  beforeEach(() => {
    t = govLedger();
  });

  it('names the proposal in the next block as blake3(domain ‖ publishing block hash ‖ token hash)', () => {
    const [p1, p2] = proposalTokens(t, 2);
    const checkpoints = { ...t.state.checkpoints, proposal: p2!.hash };
    const built = t.next({ txs: [publishTx(t, p1!.bytes, text())], checkpoints });
    expect(codes(built)).toEqual([]);
    expect(t.state.gov.pending).toHaveLength(1);
    const publishing = t.state.blockHash;
    const t0 = t.state.time;
    const named = t.next();
    expect(toHex(t.state.gov.open[0]!.id)).toBe(toHex(proposalId(publishing, p1!.hash, blake3Hash)));
    const p = proposal(t, t.state.gov.open[0]!.id);
    expect(p).toMatchObject({ status: Status.open, t0, deadline: t0 + 60n * S, size: 5, seq: 1n });
    expect(named.block.header.checkpoints.congress.map((c) => toHex(c.root))).toEqual([toHex(p.id)]);
    expect(readToken(t.state, p1!.hash)?.use).toBe('published');
    expect(t.dag.has(p.id)).toBe(true);
  });

  it('refuses each bad input with its own code and changes nothing', () => {
    const [p1, , p3] = proposalTokens(t, 3);
    const checkpoints = { ...t.state.checkpoints, proposal: p3!.hash };
    const long = text('x'.repeat(129));
    const badCid = { ...text(), cid: cid().fill(0x55, 1, 2) };
    badCid.cid[1] = 0x71; // dag-cbor
    const fixed: ProposalContent = { ...minFee(1n), changes: [{ id: PARAM_IDS.issuance, value: 6n }] };
    const slow: ProposalContent = {
      ...minFee(1n),
      changes: [{ id: PARAM_IDS.timeoutProposeBase, value: 3600n * S }],
    };
    const cases: [ReturnType<typeof publishTx>, string][] = [
      [publishTx(t, p1!.bytes, long), 'title-too-long'],
      [publishTx(t, p1!.bytes, badCid), 'bad-cid'],
      [publishTx(t, p1!.bytes, fixed), 'param-fixed'],
      [publishTx(t, p1!.bytes, slow), 'bad-param-value'],
      [publishTx(t, p1!.bytes, text(), other), 'not-token-owner'],
      [publishTx(t, p3!.bytes, text()), 'token-unconfirmed'],
    ];
    const root = t.state.root;
    for (const [tx, code] of cases) {
      expect(errorOf(() => checkTx({ ...t.state, checkpoints }, tx, t.env))).toBe(code);
    }
    expect(toHex(t.state.root)).toBe(toHex(root));
    const built = t.next({
      txs: [publishTx(t, p1!.bytes, text()), publishTx(t, p1!.bytes, text())],
      checkpoints,
    });
    expect(codes(built)).toEqual(['token-used']);
  });

  it('a proposal token expires once K newer proposal tokens are checkpointed', () => {
    const tokens = proposalTokens(t, 9); // K = 8: the first has 8 confirmations at the ninth
    const checkpoints = { ...t.state.checkpoints, proposal: tokens[8]!.hash };
    const built = t.next({
      txs: [publishTx(t, tokens[0]!.bytes, text()), publishTx(t, tokens[1]!.bytes, text())],
      checkpoints,
    });
    expect(codes(built)).toEqual(['token-expired']);
    expect(t.state.gov.pending).toHaveLength(1);
  });
});

describe('congress, vote and tally', () => {
  let t: TestLedger;
  let id: Uint8Array;
  beforeEach(() => {
    t = govLedger(5);
    id = publish(t, minFee(0n));
  });

  it(`passes with floor(2Q/3)+1 = ${passThreshold(5)} yes votes at Q = 5, and the parameter takes effect at the next height`, () => {
    const members = congress(t, id, 5);
    t.next();
    const votes = members.map((m, i) => voteTx(t, m.bytes, id, i < 4 ? Choice.yes : Choice.no));
    const built = t.next({ txs: votes });
    expect(codes(built)).toEqual([]);
    expect(proposal(t, id).votes).toHaveLength(5);
    expect(t.state.minFee).toBe(1n);
    const closing = endPeriod(t, id);
    expect(closing.events.filter((e) => e.kind === 'proposal-close')).toHaveLength(1);
    expect(proposal(t, id).status).toBe(Status.passed);
    expect(t.state.minFee).toBe(0n);
    expect(t.state.gov.open).toHaveLength(0);
    expect(closing.block.header.checkpoints.congress).toEqual([]);
  });

  it('a passed change of the consensus timeouts is in the state from the tallying block on', () => {
    const faster = publish(t, {
      ...text('Faster rounds'),
      kind: ProposalKind.parameter,
      changes: [
        { id: PARAM_IDS.timeoutProposeBase, value: 400_000_000n },
        { id: PARAM_IDS.timeoutPrevoteDelta, value: 0n },
      ],
    });
    const genesis = t.state.gov.params.timeouts;
    const members = congress(t, faster, 5);
    t.next();
    t.next({ txs: members.map((m) => voteTx(t, m.bytes, faster, Choice.yes)) });
    expect(t.state.gov.params.timeouts).toEqual(genesis);
    const root = t.state.root;
    endPeriod(t, faster);
    expect(proposal(t, faster).status).toBe(Status.passed);
    expect(t.state.gov.params.timeouts).toEqual({ ...genesis, proposeBase: 400_000_000n, prevoteDelta: 0n });
    expect(decodeParams(treeOf(t.state).get(PARAMS_KEY)!).timeouts).toEqual(t.state.gov.params.timeouts);
    expect(toHex(t.state.root)).not.toBe(toHex(root));
  });

  it('rejects with floor(2Q/3) yes votes', () => {
    const members = congress(t, id, 5);
    t.next();
    t.next({ txs: members.map((m, i) => voteTx(t, m.bytes, id, i < 3 ? Choice.yes : Choice.abstain)) });
    endPeriod(t, id);
    expect(proposal(t, id).status).toBe(Status.rejected);
    expect(t.state.minFee).toBe(1n);
  });

  it('refuses bad votes with their own codes', () => {
    const members = congress(t, id, 3);
    t.next();
    const second = publish(t, text('second'));
    const theirs = congress(t, second, 2);
    t.next();
    const first = t.next({ txs: [voteTx(t, members[0]!.bytes, id, Choice.yes)] });
    expect(codes(first)).toEqual([]);
    const built = t.next({
      txs: [
        voteTx(t, members[0]!.bytes, id, Choice.yes),
        voteTx(t, theirs[0]!.bytes, id, Choice.yes),
        voteTx(t, members[1]!.bytes, id, Choice.yes, other),
        voteTx(t, members[2]!.bytes, id, Choice.yes),
        voteTx(t, members[1]!.bytes, new Uint8Array(32).fill(3), Choice.yes),
      ],
    });
    expect(codes(built)).toEqual([
      'already-voted',
      'wrong-proposal',
      'not-token-owner',
      'token-unconfirmed',
      'unknown-proposal',
    ]);
    endPeriod(t, id);
    const late = t.next({ txs: [voteTx(t, members[1]!.bytes, id, Choice.yes)] });
    expect(codes(late)).toEqual(['vote-closed']);
  });

  it('a congress block beyond the cap is invalid; a checkpointed full congress lets its last token vote', () => {
    const members = congress(t, id, 5);
    expect(errorOf(() => token(t, members[4]!.hash, TokenType.congress, 500n))).toBe('congress-cap');
    t.next();
    const built = t.next({ txs: [voteTx(t, members[4]!.bytes, id, Choice.yes)] });
    expect(codes(built)).toEqual([]);
  });

  it('every vote changes the state root', () => {
    const members = congress(t, id, 5);
    t.next();
    const roots = new Set<string>();
    for (const m of members) {
      const before = toHex(t.state.root);
      t.next({ txs: [voteTx(t, m.bytes, id, Choice.abstain)] });
      roots.add(toHex(t.state.root));
      expect(toHex(t.state.root)).not.toBe(before);
    }
    expect(roots.size).toBe(5);
  });

  it('refuses a congress block after the tally closes the subchain', () => {
    endPeriod(t, id);
    expect(errorOf(() => congress(t, id, 1))).toBe('unknown-subchain');
  });
});

describe('upgrades and veto', () => {
  let t: TestLedger;
  beforeEach(() => {
    t = govLedger(5);
  });

  function passAll(id: Uint8Array) {
    const members = congress(t, id, 5);
    t.next();
    t.next({ txs: members.map((m) => voteTx(t, m.bytes, id, Choice.yes)) });
  }

  it('a passed upgrade is recorded with its activation height', () => {
    const id = publish(t, upgrade(1000));
    passAll(id);
    endPeriod(t, id);
    expect(proposal(t, id).status).toBe(Status.passed);
    expect(t.state.gov.upgrades).toMatchObject([{ name: 'proto-v2', height: 1000 }]);
  });

  it('an upgrade whose activation height is not above the tallying height expires', () => {
    const id = publish(t, upgrade(4)); // tallied at height 5
    passAll(id);
    endPeriod(t, id);
    expect(proposal(t, id).status).toBe(Status.expired);
    expect(t.state.gov.upgrades).toEqual([]);
  });

  it('the veto key and active delegates veto upgrades only; revoked and unknown keys cannot', () => {
    const up = publish(t, upgrade(1000));
    const txt = publish(t, text());
    const grant = t.sign({ type: TxType.vetoDelegate, delegate: delegate.key, seq: 0 }, veto.secret);
    const revoke = t.sign({ type: TxType.vetoRevoke, delegate: delegate.key, seq: 1 }, veto.secret);
    expect(codes(t.next({ txs: [grant] }))).toEqual([]);
    expect(codes(t.next({ txs: [vetoTx(t, txt, veto), vetoTx(t, up, other)] }))).toEqual([
      'veto-not-upgrade',
      'veto-not-authorized',
    ]);
    expect(codes(t.next({ txs: [revoke, grant] }))).toEqual(['bad-nonce']);
    const before = toHex(t.state.root);
    expect(codes(t.next({ txs: [vetoTx(t, up, delegate)] }))).toEqual(['veto-delegate-revoked']);
    expect(toHex(t.state.root)).not.toBe(before); // issuance still moves the root; the veto did not land:
    expect(proposal(t, up).veto).toBeUndefined();
    const vetoed = t.next({ txs: [vetoTx(t, up, veto)] });
    expect(codes(vetoed)).toEqual([]);
    expect(proposal(t, up).veto?.by).toEqual(veto.key);
    passAll(up);
    endPeriod(t, up);
    expect(proposal(t, up).status).toBe(Status.vetoed);
    expect(t.state.gov.upgrades).toEqual([]);
  });
});

function errorOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isProtoError(e)) return e.code;
    throw e;
  }
  return undefined;
}
