import { describe, expect, it } from 'vitest';
import { easyParams, mine } from '../../../test/gen/chain.ts';
import { equalBytes, toHex } from '../../bytes.ts';
import { TokenType } from '../../token/block.ts';
import { blake3Hash } from '../../token/hash.ts';
import { TxType } from '../codec/constants.ts';
import { readAccount, treeOf } from '../state/reader.ts';
import { smtKey, smtValueHash } from '../state/smt-hash.ts';
import { verifyProof } from '../state/smt-proof.ts';
import { decodeMembers, encodeMembers, QUEUE_KEY } from '../state/state-codec.ts';
import { loadState } from '../state/state-write.ts';
import { applyBlock } from './apply-block.ts';
import type { LedgerEvent } from './events.ts';
import { keyPair, TestLedger } from './ledger.fixture.ts';
import { activeAt, membershipHash, nextValidators, validatorsHash } from './validators.ts';

const S = 1_000_000_000n;
const genesis = [1, 2, 3, 4].map(keyPair);
const [miner, operator, consensus] = [21, 22, 23].map(keyPair);
const hex = (keys: Uint8Array[]) => keys.map(toHex);

function setup(): TestLedger {
  const p = easyParams();
  p.validators = genesis.map((v) => ({ key: v.key, uses: 3 }));
  p.balances = [{ key: operator!.key, amount: 10n ** 27n }];
  const t = new TestLedger(p, [...genesis.map((v) => v.secret), consensus!.secret]);
  return t;
}

describe('a short run: genesis validators drain by uses, an announced validator takes over', () => {
  it('joins at H + 2, outlives the genesis set, and the chain keeps committing with it alone', () => {
    const t = setup();
    const now = 4_000_000_000n * S;
    const v1 = mine(t.dag, {
      prev: t.dag.genesisHash,
      type: TokenType.validator,
      time: t.params.genesisTime + S,
      key: miner!.key,
    });
    t.dag.addOrThrow(v1.bytes, now);
    const v2 = mine(t.dag, {
      prev: v1.hash,
      type: TokenType.validator,
      time: v1.block.time + S,
      key: miner!.key,
    });
    t.dag.addOrThrow(v2.bytes, now);
    const checkpoints = { ...t.state.checkpoints, validator: v2.hash };

    // Block 1: the miner sells the token; block 2: its new owner announces a consensus key.
    const give = t.sign(
      { type: TxType.tokenTransfer, token: v1.hash, newOwner: operator!.key, seq: 0 },
      miner!.secret,
    );
    expect(t.next({ txs: [give], checkpoints }).dropped).toEqual([]);
    const hello = t.sign(
      { type: TxType.announce, consensusKey: consensus!.key, token: v1.bytes },
      operator!.secret,
    );
    expect(t.next({ txs: [hello] }).dropped).toEqual([]);
    expect(hex(nextValidators(t.state))).not.toContain(toHex(consensus!.key)); // height 3
    t.next();
    expect(hex(nextValidators(t.state))).toContain(toHex(consensus!.key)); // height 4 = 2 + 2

    // Every block commits at round 0: the first member's turn costs it a use and sends it to the tail.
    const leaves: Extract<LedgerEvent, { kind: 'validator-leave' }>[] = [];
    let h = 3;
    while (nextValidators(t.state).length > 1 && h < 40) {
      const built = t.next();
      h++;
      // Header H committed to the members of H + 1 before H's rotation fixed their order.
      const next = nextValidators(t.state);
      expect(toHex(membershipHash(next, blake3Hash))).toBe(toHex(built.block.header.nextValidatorsHash));
      expect(toHex(t.build().block.header.validatorsHash)).toBe(toHex(validatorsHash(next, blake3Hash)));
      for (const e of built.events) if (e.kind === 'validator-leave') leaves.push(e);
      for (const e of leaves.filter((l) => l.until === t.state.height + 1)) {
        expect(hex(nextValidators(t.state))).toContain(toHex(e.key)); // still validates H + 1
      }
    }
    expect(hex(leaves.map((l) => l.key)).sort()).toEqual(hex(genesis.map((g) => g.key)).sort());
    expect(leaves.every((l) => l.reason === 'uses')).toBe(true);
    expect(hex(nextValidators(t.state))).toEqual([toHex(consensus!.key)]);

    // The newcomer alone proposes and commits (quorum of one); its rewards accrue to its key.
    const before = readAccount(t.state, consensus!.key).balance;
    for (let i = 0; i < 3; i++) expect(equalBytes(t.next().block.header.proposer, consensus!.key)).toBe(true);
    expect(readAccount(t.state, consensus!.key).balance).toBeGreaterThan(before);
    const member = activeAt(t.state.queue, t.state.height + 1)[0]!;
    expect(member.owner).toEqual(operator!.key);
    expect(member.uses).toBeLessThan(60);
  });

  it('applyBlock leaves its input state untouched, and a state reloads from its root', () => {
    const t = setup();
    t.next();
    const parent = t.state;
    const a = t.build({ round: 0 });
    const b = t.build({ round: 1, time: parent.time + 2n * S });
    const first = applyBlock(parent, a.block, t.env).state;
    const other = applyBlock(parent, b.block, t.env).state;
    const again = applyBlock(parent, a.block, t.env).state;
    expect(toHex(first.root)).toBe(toHex(again.root));
    expect(toHex(first.root)).not.toBe(toHex(other.root));
    expect(toHex(t.state.root)).toBe(toHex(parent.root));

    const persisted = first.store.persist();
    const loaded = loadState(first.config, first.root, first.blockHash, persisted);
    const { store: _a, ...expected } = first;
    const { store: _b, ...actual } = loaded;
    expect(actual).toEqual(expected);
  });
});

describe('persisting a lineage', () => {
  it('writes only what the last root reaches, and the state loads whole from it', () => {
    const t = setup();
    const to = [31, 32, 33, 34, 35, 36].map((i) => keyPair(i).key);
    for (const [nonce, key] of to.entries()) {
      const tx = t.sign(
        { type: TxType.transfer, from: operator!.key, to: key, amount: 10n, fee: 1n, nonce: BigInt(nonce) },
        operator!.secret,
      );
      expect(t.next({ txs: [tx] }).dropped).toEqual([]);
    }
    const last = t.state;
    const layered = last.store.layered;
    const fresh = last.store.persistTree(last.root);
    const written = (last.store.backend.nodes as unknown as { size: number }).size;
    // Every block rewrote the path to the root: the superseded nodes stay out.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(layered / 2);
    const loaded = loadState(last.config, last.root, last.blockHash, fresh);
    expect(loaded.queue).toEqual(last.queue);
    for (const key of [...to, operator!.key]) {
      expect(readAccount(loaded, key)).toEqual(readAccount(last, key));
    }
  });
});

describe('a quiet network: the last validators drain and keep committing (§3.2)', () => {
  it('runs 3 × its uses with no announcement; the stored queue and its proof show the kept members', () => {
    const t = setup();
    const left: LedgerEvent[] = [];
    for (let i = 0; i < 36; i++) left.push(...t.next().events.filter((e) => e.kind === 'validator-leave'));
    expect(t.state.height).toBe(36);
    // The first three leave as they drain; the last one's departure would empty the queue, so it stays.
    expect(left).toHaveLength(3);
    const last = nextValidators(t.state);
    expect(last).toHaveLength(1);
    expect(hex(left.map((e) => (e as { key: Uint8Array }).key).concat(last)).sort()).toEqual(
      hex(genesis.map((g) => g.key)).sort(),
    );
    expect(t.state.queue).toHaveLength(1);
    expect(t.state.queue[0]).toMatchObject({ uses: 0, until: 0 });
    const tree = treeOf(t.state, blake3Hash);
    const bytes = tree.get(QUEUE_KEY)!;
    expect(decodeMembers(bytes)).toEqual(t.state.queue);
    const proof = tree.prove(QUEUE_KEY);
    const key = smtKey(QUEUE_KEY, blake3Hash);
    expect(verifyProof(t.state.root, key, smtValueHash(bytes, blake3Hash), proof, blake3Hash)).toBe(true);
    const drained = encodeMembers(t.state.queue.map((q) => ({ ...q, until: t.state.height + 1 })));
    expect(verifyProof(t.state.root, key, smtValueHash(drained, blake3Hash), proof, blake3Hash)).toBe(false);
  });
});
