import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { decodeLightBlock } from '../../core/client/light-block.ts';
import { blockHash } from '../../core/ledger/index.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { canonicalJson, genesisToJson } from '../../core/token/params.ts';
import { type OneValidator, startOneValidator } from '../http/one-validator.fixture.ts';
import type { RunningNode } from '../service.ts';
import { runCli } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-light-'));
const genesisFile = join(dir, 'genesis.json');
let one: OneValidator;
let validator: OneValidator['key'];
let node: RunningNode;
let url: string;

beforeAll(async () => {
  one = await startOneValidator('cli-light', 0x119e, { balance: 10_000n });
  ({ node, url, key: validator } = one);
  writeFileSync(genesisFile, canonicalJson(genesisToJson(one.params)));
  while (node.ledger!.ledger.height < 3) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await one.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('proto light', () => {
  it('prints verified accounts, token entries and validators with the block they were verified against', async () => {
    const acct = await runCli(
      'light',
      '--url',
      url,
      '--genesis',
      genesisFile,
      'account',
      toHex(validator.publicKey),
    );
    expect(acct.err).toBe('');
    expect(acct.code).toBe(0);
    expect(acct.out).toMatch(/^balance \d+\nnonce 0\nverified against block \d+ [0-9a-f]{64}/);
    const token = await runCli('light', '--url', url, '--genesis', genesisFile, 'token', 'ab'.repeat(32));
    expect(token.out).toContain('no ledger entry');
    const vals = await runCli('light', '--url', url, '--genesis', genesisFile, 'validators', '2');
    expect(vals.out).toContain(`0 ${toHex(validator.publicKey)}`);
    const queue = await runCli('light', '--url', url, '--genesis', genesisFile, 'validators');
    expect(queue.out).toContain('queue 1, pending 0');
  });

  it('starts from --trust HEIGHT:HASH and refuses a hash the node does not serve', async () => {
    const res = await fetch(`${url}/v1/ledger/light/2`);
    const b = decodeLightBlock(new Uint8Array(await res.arrayBuffer()));
    const hash = toHex(blockHash(b.header, blake3Hash));
    const args = ['light', '--url', url, '--genesis', genesisFile];
    const ok = await runCli(...args, '--trust', `2:${hash}`, 'account', toHex(validator.publicKey));
    expect(ok.code).toBe(0);
    const bad = await runCli(
      ...args,
      '--trust',
      `2:${'0'.repeat(64)}`,
      'account',
      toHex(validator.publicKey),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not verified: bad-header');
  });

  it('refuses malformed arguments with a usage error', async () => {
    for (const argv of [
      ['light', '--url', url, 'account', 'ab'.repeat(32)],
      ['light', '--url', url, '--genesis', genesisFile, 'account', 'xyz'],
      ['light', '--url', url, '--genesis', genesisFile, '--trust', '2:zz', 'account', 'ab'.repeat(32)],
      ['light', '--url', url, '--genesis', genesisFile, 'balance', 'ab'.repeat(32)],
      ['light', '--url', url, '--genesis', join(dir, 'missing.json'), 'validators'],
    ]) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
  });
});
