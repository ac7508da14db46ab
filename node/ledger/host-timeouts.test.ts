import { afterEach, describe, expect, it } from 'vitest';
import { proposerOf } from '../../core/consensus/index.ts';
import { congress, publishTx, text, voteTx } from '../../core/ledger/governance/governance.fixture.ts';
import { Choice, PARAM_IDS, ProposalKind } from '../../core/ledger/index.ts';
import { keyPair } from '../../core/ledger/transition/ledger.fixture.ts';
import { TokenType } from '../../core/token/block.ts';
import { PROPOSAL } from '../../core/token/dag.ts';
import { mine } from '../../test/gen/chain.ts';
import { LoneHost, STILL } from './lone-host.fixture.ts';

const MS = 1_000_000n;
const S = 1_000_000_000n;
const FAR = 4_000_000_000n * S;
const miner = keyPair(21);
let lone: LoneHost | undefined;
afterEach(() => {
  lone?.close();
  lone = undefined;
});

/** Mines a proposal token on the proposal subchain's tip into the shared DAG. */
function proposalToken(h: LoneHost, offset: bigint) {
  const tip = h.t.dag.tip(PROPOSAL);
  const time = tip.time + offset * S;
  const m = mine(h.t.dag, { prev: tip.hash, type: TokenType.proposal, time, key: miner.key });
  h.t.dag.add(m.bytes, FAR);
  return m;
}

/** Commits empty blocks until the host does not propose round 0 of the height it runs. */
async function untilOthersPropose(h: LoneHost): Promise<void> {
  while (proposerOf(4, 0) === h.self) await h.commitNext();
}

/** Resolves with the host's round-0 prevotes of the current height once it has one, or after `ms`. */
async function prevoteWithin(h: LoneHost, ms: number): Promise<string[]> {
  const end = Date.now() + ms;
  while (h.own('prevote', 0).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return h.own('prevote', 0);
}

describe('consensus timeouts under governance', () => {
  it('a passed parameter proposal changes the propose timeout from the height after the tally', async () => {
    lone = await LoneHost.open({ sharedTokens: true });
    const h = lone;
    expect(h.host.state.params).toEqual(STILL);
    const t1 = proposalToken(h, 1n);
    proposalToken(h, 2n); // gives t1 its confirmation
    const content = {
      ...text('Faster rounds'),
      kind: ProposalKind.parameter,
      changes: [{ id: PARAM_IDS.timeoutProposeBase, value: 50n * MS }],
    };
    const checkpoints = { ...h.t.state.checkpoints, proposal: h.t.dag.tip(PROPOSAL).hash };
    await h.commitNext({ txs: [publishTx(h.t, t1.bytes, content, miner)], checkpoints });
    await h.commitNext();
    const id = h.t.state.gov.open[0]!.id;
    const members = congress(h.t, id, 5);
    await h.commitNext();
    await h.commitNext({ txs: members.map((m) => voteTx(h.t, m.bytes, id, Choice.yes, miner)) });
    expect(h.chain.state.gov.params.timeouts).toEqual(STILL);

    // Still the genesis timeouts: a height without a proposal has no prevote after 300 ms.
    await untilOthersPropose(h);
    expect(await prevoteWithin(h, 300)).toEqual([]);

    // The block at the end of the voting period tallies; the next height runs with 50 ms.
    const deadline = h.t.state.gov.open[0]!.deadline;
    await h.commitNext({ time: deadline });
    expect(h.chain.state.gov.params.timeouts).toEqual({ ...STILL, proposeBase: 50n * MS });
    expect(h.host.state.params.proposeBase).toBe(50n * MS);
    await untilOthersPropose(h);
    expect(await prevoteWithin(h, 2000)).toEqual(['nil']);
  });
});
