import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { type OneValidator, startOneValidator } from '../http/one-validator.fixture.ts';
import { runCli } from './cli-harness.ts';
import { refusal } from './refusal.ts';
import { waitForTx } from './wait.ts';
import { watchStatus } from './watch.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-wallet-'));
const validatorFile = join(dir, 'validator.json');
let one: OneValidator;
let me: string;
let url: string;

beforeAll(async () => {
  one = await startOneValidator('cli-wallet', 0x3a11e7, { balance: 10_000n, keyFile: validatorFile });
  url = one.url;
  me = toHex(one.key.publicKey);
});
afterAll(async () => {
  await one.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a wallet in the CLI', () => {
  it('account prints balance, nonce, owned validator tokens and the height read', async () => {
    const r = await runCli('account', me, '--url', url);
    expect(r.code).toBe(0);
    expect(r.out).toContain('balance 10,000');
    expect(r.out).toMatch(/nonce {3}0/);
    expect(r.out).toMatch(/read at height \d+/);
    const json = JSON.parse((await runCli('account', me, '--url', url, '--json')).out);
    expect(json).toMatchObject({ key: me, balance: '10000', nonce: '0' });
    expect(json.tokens).toEqual([expect.objectContaining({ validator: me, state: 'queue' })]);
    expect(r.out).toMatch(/token [0-9a-f]{16}… {2}queue, \d+ use\(s\) left/);
    expect(typeof json.height).toBe('number');
    expect((await runCli('account', 'nope', '--url', url)).code).toBe(2);
  });

  it('tx transfer --wait returns the height it committed at', async () => {
    const to = toHex(new Uint8Array(32).fill(8));
    const r = await runCli(
      'tx',
      'transfer',
      '--key',
      validatorFile,
      '--to',
      to,
      '--amount',
      '70',
      '--url',
      url,
      '--wait',
    );
    expect(r.code).toBe(0);
    const m = /^transfer ([0-9a-f]{64}) committed at height (\d+)$/.exec(r.out);
    expect(m).not.toBeNull();
    const block = (await (await fetch(`${url}/v1/ledger/blocks/${m![2]}`)).json()) as {
      txs: { to: string }[];
    };
    expect(block.txs.map((t) => t.to)).toContain(to);
    const j = await runCli(
      'tx',
      'transfer',
      '--key',
      validatorFile,
      '--to',
      to,
      '--amount',
      '1',
      '--url',
      url,
      '--wait',
      '--json',
    );
    expect(JSON.parse(j.out)).toMatchObject({ status: 'committed', height: expect.any(Number) });
    const account = JSON.parse((await runCli('account', to, '--url', url, '--json')).out);
    expect(account.balance).toBe('71');
  });

  it('a transaction the node never saw (or that left the mempool uncommitted) is reported dropped', async () => {
    const fate = await waitForTx(url, 'ab'.repeat(32), 5);
    expect(fate.status).toBe('dropped');
  });

  it('error lines say the code once', async () => {
    const to = toHex(new Uint8Array(32).fill(9));
    const r = await runCli(
      'tx',
      'transfer',
      '--key',
      validatorFile,
      '--to',
      to,
      '--amount',
      '99999999',
      '--url',
      url,
    );
    expect(r.code).toBe(2);
    expect(r.err.match(/insufficient-balance/g)).toHaveLength(1);
    const missing = await runCli('validators', '--url', `${url}/`);
    expect(missing.code).toBe(0);
    expect(refusal('bad-nonce', 'bad-nonce: expected 3')).toBe('bad-nonce: expected 3');
    expect(refusal('not-found', 'no token ab')).toBe('not-found: no token ab');
    expect(refusal('internal', undefined)).toBe('internal');
  });

  it('status --watch prints a line a second with the ledger height', async () => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    try {
      await watchStatus(url, false, 2);
      await watchStatus(url, true, 1);
    } finally {
      log.mockRestore();
    }
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d · ledger \d+ · validator 0 · proposal 0 · peers 0$/);
    expect(JSON.parse(out[2]!).sync.ledger).toMatchObject({ height: expect.any(Number), target: 0 });
  });
});
