import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { readAccount } from '../../core/ledger/index.ts';
import { seededRng } from '../../test/seed.ts';
import { type OneValidator, startOneValidator } from '../http/one-validator.fixture.ts';
import type { RunningNode } from '../service.ts';
import { type CliResult, runCli } from './cli-harness.ts';
import { newKeyFile } from './keyfile.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-ledger-'));
const validatorFile = join(dir, 'validator.json');
const keys = seededRng(0xc11);
let one: OneValidator;
let validator: OneValidator['key'];
let node: RunningNode;
let url: string;

beforeAll(async () => {
  one = await startOneValidator('cli-ledger', 0xc10, { balance: 10_000n, keyFile: validatorFile });
  ({ node, url, key: validator } = one);
});
afterAll(async () => {
  await one.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `proto tx transfer` of `amount` from the validator's key to the account `to` (hex). */
function transfer(to: string, amount: string): Promise<CliResult> {
  return runCli('tx', 'transfer', '--key', validatorFile, '--to', to, '--amount', amount, '--url', url);
}

describe('proto ledger commands', () => {
  it('tx transfer signs with the next nonce and the transfer is committed', async () => {
    const to = newKeyFile(join(dir, 'bob.json'), keys.bytes(32)).publicKey;
    const r = await transfer(toHex(to), '250');
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/^submitted transfer [0-9a-f]{64}$/)]);
    const ledger = node.ledger!.ledger;
    const end = Date.now() + 10_000;
    while (readAccount(ledger.state, to).balance !== 250n && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    expect(readAccount(ledger.state, to).balance).toBe(250n);
    const second = await transfer(toHex(to), '5');
    expect(second.code).toBe(0);
  });

  it('tx transfer --nonce sends ahead: a later nonce waits in the mempool for the earlier one', async () => {
    const to = newKeyFile(join(dir, 'carol.json'), keys.bytes(32)).publicKey;
    const lnode = node.ledger!;
    const settled = async (ok: () => boolean) => {
      const end = Date.now() + 10_000;
      while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    };
    await settled(() => lnode.mempool.size === 0);
    const n = readAccount(lnode.ledger.state, validator.publicKey).nonce;
    const send = (nonce: string, amount: string) =>
      runCli(
        'tx',
        'transfer',
        '--key',
        validatorFile,
        '--to',
        toHex(to),
        '--amount',
        amount,
        '--nonce',
        nonce,
        '--url',
        url,
      );
    expect((await send(String(n + 1n), '7')).code).toBe(0);
    expect(lnode.mempool.held).toBe(1);
    expect((await send(String(n), '3')).code).toBe(0);
    await settled(() => readAccount(lnode.ledger.state, to).balance === 10n);
    expect(readAccount(lnode.ledger.state, to).balance).toBe(10n);
    expect((await send('-1', '1')).code).toBe(2);
  });

  it('refuses bad arguments with advice and exit code 2', async () => {
    expect((await runCli('tx', 'mint', '--url', url)).code).toBe(2);
    expect((await transfer('xyz', '1')).code).toBe(2);
    const poor = await transfer(toHex(validator.publicKey), '99999999');
    expect([poor.code, poor.err]).toEqual([2, expect.stringMatching(/insufficient-balance/)]);
    expect(
      (
        await runCli(
          'announce',
          '--token',
          'ab',
          '--owner-key',
          validatorFile,
          '--validator-key',
          validatorFile,
          '--url',
          url,
        )
      ).code,
    ).toBe(2);
  });

  it('validators lists the queue', async () => {
    const r = await runCli('validators', '--url', url);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 validator\(s\)/);
    expect(r.out).toContain(toHex(validator.publicKey).slice(0, 16));
    const json = JSON.parse((await runCli('validators', '--url', url, '--json')).out);
    expect(json.validators).toEqual([toHex(validator.publicKey)]);
  });
});
