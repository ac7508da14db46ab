import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.ts';
import { newKeyFile } from './keyfile.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-gov-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = join(dir, 'k.json');
newKeyFile(key);
const content = join(dir, 'content');
mkdirSync(content);
writeFileSync(join(content, 'README.md'), '# x\n');
const ID = 'ab'.repeat(32);
const NOWHERE = 'http://127.0.0.1:9';

describe('governance commands', () => {
  it('each has --help', async () => {
    for (const cmd of ['propose', 'proposals', 'proposal', 'vote', 'veto', 'veto-delegate', 'veto-revoke']) {
      const r = await runCli(cmd, '--help');
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toMatch(new RegExp(`Usage: proto ${cmd}`));
    }
    expect((await runCli('tx', '--help')).out).toMatch(/token-transfer --key FILE --token HASH --to KEY/);
  });

  it('refuse bad arguments with a clear message and exit code 2, before any request', async () => {
    const cases: [string[], RegExp][] = [
      [['propose', content, '--title', 't', '--token', ID, '--key', key], /--kind is required/],
      [['propose', content, '--kind', 'poll', '--title', 't'], /--kind/],
      [
        ['propose', content, '--kind', 'text', '--title', 'x'.repeat(129), '--token', ID, '--key', key],
        /at most 128/,
      ],
      [
        ['propose', content, '--kind', 'text', '--title', 't', '--token', 'xyz', '--key', key],
        /--token must be 64/,
      ],
      [['vote', ID, 'maybe', '--token', ID, '--key', key, '--url', NOWHERE], /yes, no or abstain/],
      [['vote', 'nothex', 'yes', '--token', ID, '--key', key, '--url', NOWHERE], /proposal id must be 64/],
      [['veto-delegate', 'nothex', '--key', key, '--url', NOWHERE], /KEY must be 64/],
      [['node', '--network', join(dir, 'net'), '--mine', 'congress'], /--proposal ID is required/],
      [['mine', '--type', 'congress', '--proposal', 'abc', '--key', key], /--proposal: "abc" is not 64/],
      [['mine', '--type', 'proposal', '--proposal', ID, '--key', key], /--proposal needs --type congress/],
    ];
    expect((await runCli('init', '--dir', join(dir, 'net'))).code).toBe(0);
    for (const [args, message] of cases) {
      const r = await runCli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });
});
