import { beforeEach, describe, expect, it } from 'vitest';
import { easyParams, mine } from '../../../test/gen/chain.ts';
import { equalBytes } from '../../bytes.ts';
import { isProtoError } from '../../errors.ts';
import { TokenType } from '../../token/block.ts';
import { QUEUE_MAX, TOKEN_LIFETIME, TxType } from '../codec/constants.ts';
import type { Tx } from '../codec/tx.ts';
import { readToken } from '../state/reader.ts';
import { keyPair, TestLedger } from './ledger.fixture.ts';
import { nextValidators } from './validators.ts';

const S = 1_000_000_000n;
const FAR = 4_000_000_000n * S; // "now" for the DAG: nothing is from the future
const validators = [1, 2, 3, 4].map(keyPair);
const [miner, operator, consensus, other] = [21, 22, 23, 24].map(keyPair);

function ledger(genesis = validators, uses = 1000): TestLedger {
  const p = easyParams();
  p.validators = genesis.map((v, i) => ({ key: v.key, uses: i === 0 ? uses : 1000 }));
  p.balances = [];
  return new TestLedger(
    p,
    genesis.map((v) => v.secret),
  );
}

/** Mines and adds a token on `prev`; returns its bytes and hash. */
function token(t: TestLedger, prev: Uint8Array, type: number, offset: bigint, key = miner!.key) {
  const m = mine(t.dag, { prev, type, time: t.params.genesisTime + offset * S, key });
  t.dag.addOrThrow(m.bytes, FAR);
  return m;
}

const announce = (t: TestLedger, bytes: Uint8Array, signer = miner!, key = consensus!.key): Tx =>
  t.sign({ type: TxType.announce, consensusKey: key, token: bytes }, signer.secret);

const codes = (built: { dropped: { error: { code: string } }[] }) => built.dropped.map((d) => d.error.code);

describe('announce', () => {
  let t: TestLedger;
  let v1: ReturnType<typeof token>;
  let v2: ReturnType<typeof token>;
  let v3: ReturnType<typeof token>;
  let checkpoints: TestLedger['state']['checkpoints'];

  beforeEach(() => {
    t = ledger();
    v1 = token(t, t.dag.genesisHash, TokenType.validator, 1n);
    v2 = token(t, v1.hash, TokenType.validator, 3n);
    v3 = token(t, v2.hash, TokenType.validator, 5n);
    checkpoints = { ...t.state.checkpoints, validator: v3.hash };
  });

  it('a confirmed, checkpointed token seats its consensus key two heights later', () => {
    const built = t.next({ txs: [announce(t, v1.bytes)], checkpoints });
    expect(codes(built)).toEqual([]);
    expect(built.events.map((e) => e.kind)).toEqual(['checkpoint', 'issuance', 'announce', 'validator-join']);
    expect(readToken(t.state, v1.hash)?.use).toBe('announced');
    const joined = t.state.queue.find((m) => equalBytes(m.token, v1.hash))!;
    expect(joined).toMatchObject({ key: consensus!.key, owner: miner!.key, uses: 60, since: 3, until: 0 });
    expect(joined.expiry).toBe(v1.block.time + TOKEN_LIFETIME);
    expect(nextValidators(t.state).length).toBe(4);
    t.next();
    expect(nextValidators(t.state).length).toBe(5);
  });

  it('rejects: unconfirmed, off the checkpointed chain, unknown, another type, wrong signer', () => {
    const fork = token(t, t.dag.genesisHash, TokenType.validator, 2n);
    const proposal = token(t, t.dag.genesisHash, TokenType.proposal, 2n);
    const unknown = mine(t.dag, { prev: v3.hash, type: 1, time: v3.block.time + 1n, key: miner!.key });
    const cases: [string, Tx][] = [
      ['token-unconfirmed', announce(t, v3.bytes)],
      ['token-not-checkpointed', announce(t, fork.bytes)],
      ['token-not-checkpointed', announce(t, unknown.bytes)],
      ['wrong-token-type', announce(t, proposal.bytes)],
      ['bad-signature', announce(t, v1.bytes, other)],
      ['bad-input', announce(t, v1.bytes, miner, new Uint8Array(32))],
    ];
    for (const [code, tx] of cases) expect(codes(t.build({ txs: [tx], checkpoints }))).toEqual([code]);
  });

  it('rejects an expired token, and a token announced before (same block or later)', () => {
    t.next();
    const late = t.params.genesisTime + TOKEN_LIFETIME + 2n * S;
    expect(codes(t.build({ txs: [announce(t, v1.bytes)], checkpoints, time: late }))).toEqual([
      'token-expired',
    ]);
    const twice = [announce(t, v1.bytes), announce(t, v1.bytes, miner, other!.key)];
    expect(codes(t.next({ txs: twice, checkpoints }))).toEqual(['token-used']);
    expect(codes(t.build({ txs: [announce(t, v1.bytes, miner, other!.key)] }))).toEqual(['token-used']);
  });

  it('rejects a consensus key already queued or pending', () => {
    const txs = [
      announce(t, v1.bytes),
      announce(t, v2.bytes),
      announce(t, v2.bytes, miner, validators[0]!.key),
    ];
    expect(codes(t.build({ txs, checkpoints }))).toEqual(['duplicate-validator', 'duplicate-validator']);
  });

  it('a key whose member is spent (no uses left, kept by §3.2) is announced again: one entry per height', () => {
    t = ledger([validators[0]!], 2);
    v1 = token(t, t.dag.genesisHash, TokenType.validator, 1n);
    v2 = token(t, v1.hash, TokenType.validator, 3n);
    checkpoints = { ...t.state.checkpoints, validator: v2.hash };
    const self = validators[0]!.key;
    expect(codes(t.build({ txs: [announce(t, v1.bytes, miner, self)], checkpoints }))).toEqual([
      'duplicate-validator',
    ]);
    for (let i = 0; i < 3; i++) t.next();
    expect(t.state.queue).toMatchObject([{ uses: 0, until: 0 }]);
    expect(codes(t.next({ txs: [announce(t, v1.bytes, miner, self)], checkpoints }))).toEqual([]);
    const h = t.state.height;
    // The old entry held this height's turn, so rotation moved it behind the new one.
    expect(t.state.queue).toMatchObject([
      { uses: 60, since: h + 2, until: 0 },
      { uses: 0, until: h + 1 },
    ]);
    for (let i = 0; i < 3; i++) {
      expect(nextValidators(t.state)).toEqual([self]);
      t.next();
    }
    expect(t.state.queue).toHaveLength(1);
  });

  it('token transfers: the current owner signs, seq prevents replay, one move per block, none once announced', () => {
    const give = (to: Uint8Array, seq: number, from = miner!) =>
      t.sign({ type: TxType.tokenTransfer, token: v2.hash, newOwner: to, seq }, from.secret);
    expect(
      codes(t.next({ txs: [give(operator!.key, 0), give(other!.key, 1, operator)], checkpoints })),
    ).toEqual(['token-moved']);
    expect(readToken(t.state, v2.hash)).toMatchObject({ owner: operator!.key, seq: 1, use: 'none' });
    expect(codes(t.build({ txs: [give(operator!.key, 0)] }))).toEqual(['bad-nonce']);
    expect(codes(t.build({ txs: [give(other!.key, 1)] }))).toEqual(['bad-signature']);
    expect(codes(t.build({ txs: [announce(t, v2.bytes)] }))).toEqual(['bad-signature']);
    const built = t.next({ txs: [announce(t, v2.bytes, operator)] });
    expect(codes(built)).toEqual([]);
    expect(t.state.queue.find((m) => equalBytes(m.token, v2.hash))?.owner).toEqual(operator!.key);
    expect(codes(t.build({ txs: [give(other!.key, 1, operator)] }))).toEqual(['token-used']);
  });
});

describe('checkpoints', () => {
  function throws(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      return isProtoError(e) ? e.code : 'other';
    }
    return 'none';
  }

  it('must be held, stay in their subchain and extend the previous checkpoint', () => {
    const t = ledger();
    const v1 = token(t, t.dag.genesisHash, TokenType.validator, 1n);
    const fork = token(t, t.dag.genesisHash, TokenType.validator, 2n);
    const unknown = mine(t.dag, { prev: v1.hash, type: 1, time: v1.block.time + 1n });
    const base = t.state.checkpoints;
    expect(throws(() => t.build({ checkpoints: { ...base, validator: unknown.hash } }))).toBe(
      'unknown-checkpoint',
    );
    expect(throws(() => t.build({ checkpoints: { ...base, proposal: v1.hash } }))).toBe(
      'checkpoint-not-descendant',
    );
    const root = { root: v1.hash, tip: v1.hash };
    expect(throws(() => t.build({ checkpoints: { ...base, congress: [root] }, congressTip: null }))).toBe(
      'bad-header',
    );
    t.next({ checkpoints: { ...base, validator: v1.hash } });
    expect(throws(() => t.build({ checkpoints: { ...base, validator: fork.hash } }))).toBe(
      'checkpoint-not-descendant',
    );
    expect(throws(() => t.next({ checkpoints: { ...base, validator: v1.hash } }))).toBe('none');
  });
});

describe('a full queue', () => {
  it('sends announcements to the pending FIFO; the oldest joins when a seat frees up', () => {
    const many = Array.from({ length: QUEUE_MAX }, (_, i) => keyPair(100 + i));
    const t = ledger(many, 1); // the first member has one use left: its turn at block 1 drains it
    const v1 = token(t, t.dag.genesisHash, TokenType.validator, 1n);
    const v2 = token(t, v1.hash, TokenType.validator, 3n);
    const v3 = token(t, v2.hash, TokenType.validator, 5n);
    const checkpoints = { ...t.state.checkpoints, validator: v3.hash };
    const txs = [announce(t, v1.bytes), announce(t, v2.bytes, miner, other!.key)];
    const built = t.next({ txs, checkpoints });
    const kinds = built.events.filter((e) => e.kind !== 'checkpoint' && e.kind !== 'issuance');
    expect(kinds.map((e) => e.kind)).toEqual(['announce', 'announce', 'validator-leave', 'validator-join']);
    expect(kinds.slice(0, 2).map((e) => (e as { queued: boolean }).queued)).toEqual([false, false]);
    expect(t.state.pending.map((m) => m.key)).toEqual([other!.key]);
    const joined = t.state.queue.at(-1)!;
    expect(joined.key).toEqual(consensus!.key);
    expect(joined.since).toBe(3);
    expect(nextValidators(t.state)).not.toContainEqual(consensus!.key);
  });
});
