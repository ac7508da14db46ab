import { describe, expect, it } from 'vitest';
import { proposalJson, vetoJson } from '../api/governance-json.ts';
import { toHex } from '../bytes.ts';
import { isProtoError, type ProtoErrorCode } from '../errors.ts';
import { congress, govLedger, publish, text, veto, voteTx } from '../ledger/governance/governance.fixture.ts';
import { Choice, decodeProposal, encodeProof, proposalKey, proveValue, VETO_KEY } from '../ledger/index.ts';
import type { TestLedger } from '../ledger/transition/ledger.fixture.ts';
import { checkProposal, checkProposalPage, checkVeto } from './gov-answers.ts';

/** The answer a node gives for `stateKey` of `t`'s state, with `view` the JSON fields. */
function answer<T extends object>(
  t: TestLedger,
  stateKey: Uint8Array,
  view: (value: Uint8Array | undefined) => T,
) {
  const { value, proof } = proveValue(t.state, stateKey);
  return {
    ...view(value),
    height: t.state.height,
    blockHash: toHex(t.state.blockHash),
    stateRoot: toHex(t.state.root),
    value: value ? toHex(value) : null,
    proof: toHex(encodeProof(proof)),
  };
}

const fails = (f: () => unknown, code: ProtoErrorCode) => {
  try {
    f();
  } catch (e) {
    expect(isProtoError(e, code), String(e)).toBe(true);
    return;
  }
  throw new Error(`no ${code}`);
};

/** A proposal with three congress members, two of which voted (yes, no). */
function voted() {
  const t = govLedger(5);
  const id = publish(t, text('Verified votes'));
  const members = congress(t, id, 3);
  t.next();
  t.next({
    txs: [voteTx(t, members[0]!.bytes, id, Choice.yes), voteTx(t, members[1]!.bytes, id, Choice.no)],
  });
  const a = answer(t, proposalKey(id), (v) => proposalJson(decodeProposal(v!)));
  return { t, id, a };
}

describe('governance answers checked by proof', () => {
  it('a proposal with its votes and tally verifies; every changed field or byte is refused', () => {
    const { t, a } = voted();
    const p = checkProposal(a, t.state.root);
    expect(p.votes.map((v) => v.choice)).toEqual([Choice.yes, Choice.no]);
    expect(a.tally).toMatchObject({ yes: 1, no: 1, abstain: 0 });
    fails(() => checkProposal({ ...a, tally: { ...a.tally, yes: 2 } }, t.state.root), 'value-mismatch');
    const votes = a.votes.map((v, i) => (i === 1 ? { ...v, choice: 'yes' } : v));
    fails(() => checkProposal({ ...a, votes }, t.state.root), 'value-mismatch');
    fails(() => checkProposal({ ...a, votes: a.votes.slice(0, 1) }, t.state.root), 'value-mismatch');
    fails(() => checkProposal({ ...a, status: 'passed' }, t.state.root), 'value-mismatch');
    fails(() => checkProposal({ ...a, extra: 1 } as typeof a, t.state.root), 'value-mismatch');
    const flipped = `${a.value!.slice(0, -2)}${a.value!.endsWith('00') ? '01' : '00'}`;
    fails(() => checkProposal({ ...a, value: flipped }, t.state.root), 'bad-proof');
    const otherRoot = t.state.root.slice();
    otherRoot[0]! ^= 1;
    fails(() => checkProposal(a, otherRoot), 'bad-proof');
  });

  it('a page of proposals verifies under its anchor', () => {
    const { t, a } = voted();
    const { height, blockHash, stateRoot, ...item } = a;
    const page = { height, blockHash, stateRoot, proposals: [item] };
    expect(checkProposalPage(page, t.state.root)).toHaveLength(1);
    const bad = { ...page, proposals: [{ ...item, title: 'Other' }] };
    fails(() => checkProposalPage(bad, t.state.root), 'value-mismatch');
  });

  it('the veto answer verifies (no entry yet) and a changed key or seq is refused', () => {
    const t = govLedger(5);
    const a = answer(t, VETO_KEY, () => vetoJson({ seq: 0, delegates: [] }, veto.key));
    expect(checkVeto(a, veto.key, t.state.root).seq).toBe(0);
    fails(() => checkVeto({ ...a, seq: 1 }, veto.key, t.state.root), 'value-mismatch');
    fails(() => checkVeto(a, new Uint8Array(32).fill(5), t.state.root), 'value-mismatch');
  });
});
