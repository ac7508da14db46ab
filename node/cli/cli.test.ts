import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseGenesis } from '../../core/token/params.ts';
import { intOption, peerOption, UsageError } from './args.ts';
import { readKeyFile } from './keyfile.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `proto args` in process; returns the exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('proto CLI', () => {
  it('creates a network directory with a valid genesis and private key files', async () => {
    const net = join(dir, 'net');
    const r = await run('init', '--dir', net, '--preset', 'devnet', '--validators', '2');
    expect(r.code).toBe(0);
    const params = parseGenesis(JSON.parse(readFileSync(join(net, 'genesis.json'), 'utf8')));
    expect(params.network).toBe('devnet');
    expect(params.validators).toHaveLength(2);
    expect(statSync(join(net, 'keys', 'veto.json')).mode & 0o777).toBe(0o600);
    expect(readKeyFile(join(net, 'keys', 'veto.json')).publicKey).toEqual(params.vetoKey);
    const again = await run('init', '--dir', net);
    expect([again.code, again.err]).toEqual([2, expect.stringMatching(/already exists/)]);
  });

  it('prints help for every command and rejects unknown options and bad values', async () => {
    for (const cmd of ['init', 'keys', 'node', 'status', 'mine', 'devnet']) {
      const r = await run(cmd, '--help');
      expect([cmd, r.code, r.out]).toEqual([cmd, 0, expect.stringContaining(`Usage: proto ${cmd}`)]);
    }
    expect((await run('node', '--bogus')).code).toBe(2);
    expect((await run('node', '--network', join(dir, 'net'), '--port', '70000')).err).toMatch(
      /--port must be/,
    );
    expect((await run('node', '--network', join(dir, 'missing'))).err).toMatch(/proto init --dir/);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('creates and checks key files', async () => {
    const file = join(dir, 'k.json');
    const made = await run('keys', 'new', file);
    expect(made.out).toMatch(/^[0-9a-f]{64}$/);
    expect((await run('keys', 'show', file)).out).toBe(made.out);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...json, publicKey: '00'.repeat(32) }));
    expect((await run('keys', 'show', join(dir, 'bad.json'))).err).toMatch(/does not belong/);
  });

  it('validates option values strictly', () => {
    expect(intOption({ n: '7' }, 'n', 1, 9, 1)).toBe(7);
    for (const bad of ['07', '1e3', '-1', '10', ' 7'])
      expect(() => intOption({ n: bad }, 'n', 1, 9, 1)).toThrow(UsageError);
    expect(peerOption({ peer: ['127.0.0.1:7700'] })).toEqual(['127.0.0.1:7700']);
    for (const bad of ['127.0.0.1', 'host:0', 'Host:1', 'a:99999'])
      expect(() => peerOption({ peer: [bad] })).toThrow(UsageError);
  });
});
