import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { equalBytes } from '../../core/bytes.ts';
import { publicKeyOf, sign } from '../../core/crypto/ed25519.ts';
import { readAccount, VERIFY_MEMO_HEIGHTS } from '../../core/ledger/index.ts';
import { STATE_FLUSH_BLOCKS } from './chain.ts';
import { TestCluster } from './cluster.fixture.ts';

let cluster: TestCluster | undefined;
afterEach(() => {
  cluster?.close();
  cluster = undefined;
});

describe('LedgerChain storage', () => {
  it('writes the state every STATE_FLUSH_BLOCKS blocks, and after a crash executes the later blocks again', async () => {
    cluster = new TestCluster(1);
    await cluster.until(STATE_FLUSH_BLOCKS + 2, 30_000);
    const before = cluster.nodes[0]!.chain;
    expect(before.stateHeight % STATE_FLUSH_BLOCKS).toBe(0);
    expect(before.stateHeight).toBeGreaterThanOrEqual(STATE_FLUSH_BLOCKS);
    const heightAtCrash = before.height;
    cluster.kill(0);
    // Rows the dead node's file holds, read through a fresh open (the killed connection is closed).
    const after = cluster.restart(0).chain;
    const stored = after.rows(1, 1000).at(-1)!;
    expect(stored.height).toBe(heightAtCrash);
    expect(stored.height).toBeGreaterThan(before.stateHeight);
    expect(after.height).toBe(stored.height);
    expect(equalBytes(after.state.root, stored.root)).toBe(true);
    expect(equalBytes(after.state.blockHash, stored.hash)).toBe(true);
    // The state executed again is written at open: a second crash has nothing left to execute.
    expect(after.stateHeight).toBe(stored.height);
    const key = cluster.params.validators[0]!.key;
    expect(readAccount(after.state, key).balance).toBeGreaterThan(0n);
    await cluster.until(stored.height + 2, 20_000);
  });

  it('writes the waiting state on a clean stop', async () => {
    cluster = new TestCluster(1);
    await cluster.until(3, 20_000);
    const { dir, chain } = cluster.nodes[0]!;
    const marked = () => {
      const db = new DatabaseSync(join(dir, 'chain.db'));
      const mark = db.prepare('SELECT height FROM ledger_state').get() as { height: number };
      db.close();
      return mark.height;
    };
    expect(marked()).toBe(0);
    cluster.nodes[0]!.host.stop();
    chain.writeState();
    expect(marked()).toBe(chain.height);
    expect(chain.height).toBeGreaterThanOrEqual(3);
  });

  it('refuses to open a store whose blocks after the written state do not apply, naming the block', async () => {
    cluster = new TestCluster(1);
    await cluster.until(3, 20_000);
    const { dir, chain } = cluster.nodes[0]!;
    expect(chain.stateHeight).toBe(0);
    cluster.kill(0);
    const db = new DatabaseSync(join(dir, 'chain.db'));
    const row = db.prepare('SELECT block FROM ledger_blocks WHERE height = 2').get() as { block: Uint8Array };
    const damaged = Uint8Array.from(row.block);
    damaged[damaged.length - 1]! ^= 1; // a byte of the last transaction or of the commit
    db.prepare('UPDATE ledger_blocks SET block = ? WHERE height = 2').run(damaged);
    db.close();
    expect(() => cluster!.restart(0)).toThrow(/stored ledger block 2/);
  });
});

describe("LedgerChain's signature memo", () => {
  it('forgets a signature VERIFY_MEMO_HEIGHTS commits after its last use', async () => {
    cluster = new TestCluster(1);
    await cluster.until(2, 20_000);
    const { chain } = cluster.nodes[0]!;
    const secret = new Uint8Array(32).fill(77);
    const [msg, key] = [new Uint8Array([4, 5, 6]), publicKeyOf(secret)];
    const sig = sign(msg, secret);
    const memo = chain.env.verify;
    const check = () => {
      const before = memo.size;
      expect(memo(sig, msg, key)).toBe(true);
      return memo.size - before;
    };
    expect(check()).toBe(1);
    expect(check()).toBe(0);
    await cluster.until(chain.height + VERIFY_MEMO_HEIGHTS + 2, 30_000);
    expect(check()).toBe(1);
  });
});
