import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { encodeBlock } from '../../core/ledger/index.ts';
import { TokenType } from '../../core/token/block.ts';
import { mine } from '../../test/gen/chain.ts';
import { LoneHost } from './lone-host.fixture.ts';

const S = 1_000_000_000n;
const FAR = 4_000_000_000n * S;

let lone: LoneHost | undefined;
afterEach(() => {
  lone?.close();
  lone = undefined;
});

/** Block 1 of the network, checkpointing a validator token the lone host has not received yet. */
function blockOnUnseenToken(h: LoneHost) {
  const token = mine(h.t.dag, {
    prev: h.t.dag.genesisHash,
    type: TokenType.validator,
    time: h.t.params.genesisTime + S,
  });
  h.t.dag.add(token.bytes, FAR);
  const built = h.t.build({ checkpoints: { ...h.t.state.checkpoints, validator: token.hash } });
  return { token, bytes: encodeBlock(built.block), value: built.state.blockHash };
}

describe('a verdict that waits for a token', () => {
  it('prevotes nil while the token is missing, precommits the block once it arrives', async () => {
    lone = await LoneHost.open();
    const { token, bytes, value } = blockOnUnseenToken(lone);
    expect(lone.propose(bytes, value)).toBe('changed');
    expect(lone.own('prevote')).toEqual(['nil']);
    expect(lone.host.candidates.get(value)).toMatchObject({ valid: false, waiting: true });
    lone.votes('prevote', value);
    expect(lone.own('precommit')).toEqual([]);
    lone.dag.add(token.bytes, FAR);
    lone.host.rejudge();
    expect(lone.own('precommit')).toEqual([toHex(value)]);
    lone.votes('precommit', value);
    expect(lone.chain.height).toBe(1);
  });

  it('decides the block when the token arrives after the quorum precommitted it', async () => {
    lone = await LoneHost.open();
    const { token, bytes, value } = blockOnUnseenToken(lone);
    lone.propose(bytes, value);
    lone.votes('prevote', value);
    lone.votes('precommit', value);
    expect(lone.chain.height).toBe(0);
    lone.host.rejudge();
    expect(lone.chain.height).toBe(0);
    lone.dag.add(token.bytes, FAR);
    lone.host.rejudge();
    expect(lone.chain.height).toBe(1);
    expect(toHex(lone.chain.rows(1, 1)[0]!.hash)).toBe(toHex(value));
  });
});
