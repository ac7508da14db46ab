/**
 * A byzantine proposer against an honest validator's host: for each rule a block can break, the
 * proposer of round 0 sends a crafted block; the host refuses it with that rule's code and prevotes
 * nil, and the network then commits the honest proposer's block of round 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { decodeBlock, encodeBlock, readAccount, TxType } from '../../core/ledger/index.ts';
import { keyPair } from '../../core/ledger/transition/ledger.fixture.ts';
import { TokenType } from '../../core/token/block.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { mine } from '../../test/gen/chain.ts';
import { corrupt, FAULTS, type Fault, REFUSAL } from './faulty-proposer.ts';
import { LoneHost } from './lone-host.fixture.ts';

const S = 1_000_000_000n;
const FAR = 4_000_000_000n * S;

/** A host at height 3: blocks 1-2 committed, the validator checkpoint moved off the genesis token. */
async function atHeight3(): Promise<LoneHost> {
  const lone = await LoneHost.open();
  const token = mine(lone.t.dag, {
    prev: lone.t.dag.genesisHash,
    type: TokenType.validator,
    time: lone.t.params.genesisTime + S,
  });
  for (const dag of [lone.t.dag, lone.dag]) dag.add(token.bytes, FAR);
  await lone.commitNext({ checkpoints: { ...lone.t.state.checkpoints, validator: token.hash } });
  await lone.commitNext();
  return lone;
}

/** A transfer valid on the network's head, for the faults that need a transaction. */
function transfer(lone: LoneHost) {
  const from = keyPair(1);
  const { nonce } = readAccount(lone.t.state, from.key, lone.t.env.hash);
  const body = {
    type: TxType.transfer,
    from: from.key,
    to: keyPair(9).key,
    amount: 5n,
    fee: 1n,
    nonce,
  } as const;
  return lone.t.sign(body, from.secret);
}

describe('a byzantine proposer', () => {
  let lone: LoneHost;
  beforeAll(async () => {
    lone = await atHeight3();
  });
  afterAll(() => lone.close());

  it.each(FAULTS)(
    '%s: refused with its own code, no prevote for it, the next round commits',
    async (fault: Fault) => {
      const height = lone.height;
      const [round, next] = lone.othersRounds(2) as [number, number];
      const good = lone.t.build({ txs: [transfer(lone)], round });
      const bad = corrupt(fault, good.block, lone.t.state, blake3Hash);
      const verdict = lone.propose(bad.bytes, bad.value, round);
      lone.votes('prevote', null, round);
      if (fault === 'oversized') {
        expect(() => decodeBlock(bad.bytes)).toThrow(expect.objectContaining({ code: REFUSAL[fault] }));
        expect(verdict).toBe('bad');
        // Not a block of its value: the proposal never reaches the core (nil only at timeoutPropose).
        expect(lone.own('prevote', round)).toEqual([]);
      } else {
        expect(verdict).toBe('changed');
        expect(lone.host.candidates.get(bad.value)?.refusal).toBe(REFUSAL[fault]);
        expect(lone.logs.some((l) => l.includes(`refused: ${REFUSAL[fault]}`))).toBe(true);
        expect(lone.own('prevote', round)).toEqual(['nil']);
      }
      lone.votes('precommit', null, round);
      await lone.commitNext({ txs: [transfer(lone)] }, next);
      expect(lone.chain.height).toBe(height);
      expect(toHex(lone.chain.rows(height, 1)[0]!.hash)).toBe(toHex(lone.t.state.blockHash));
      expect(lone.signed.filter((v) => v.value && toHex(v.value) === toHex(bad.value))).toEqual([]);
    },
  );

  it('the crafted blocks differ from the honest one only by their fault', () => {
    const good = lone.t.build({ txs: [transfer(lone)] });
    expect(lone.t.state.height + 1).toBe(good.block.header.height);
    expect(lone.host.candidates.get(good.state.blockHash)).toBeUndefined();
    for (const fault of FAULTS.filter((f) => f !== 'oversized')) {
      const bad = decodeBlock(corrupt(fault, good.block, lone.t.state, blake3Hash).bytes);
      expect(encodeBlock(bad)).not.toEqual(encodeBlock(good.block));
      expect(bad.header.height).toBe(good.block.header.height);
    }
  });
});
