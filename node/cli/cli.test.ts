import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGenesis } from '../../core/token/params.ts';
import { edgeOption, intOption, peerOption, UsageError } from './args.ts';
import { runCli } from './cli-harness.ts';
import { readKeyFile } from './keyfile.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('proto CLI', () => {
  it('creates a network directory with a valid genesis and private key files', async () => {
    const net = join(dir, 'net');
    const r = await runCli('init', '--dir', net, '--preset', 'devnet', '--validators', '2');
    expect(r.code).toBe(0);
    const params = parseGenesis(JSON.parse(readFileSync(join(net, 'genesis.json'), 'utf8')));
    expect(params.network).toBe('devnet');
    expect(params.validators).toHaveLength(2);
    expect(statSync(join(net, 'keys', 'veto.json')).mode & 0o777).toBe(0o600);
    expect(readKeyFile(join(net, 'keys', 'veto.json')).publicKey).toEqual(params.vetoKey);
    const again = await runCli('init', '--dir', net);
    expect([again.code, again.err]).toEqual([2, expect.stringMatching(/already exists/)]);
  });

  it('prints help for every command and rejects unknown options and bad values', async () => {
    for (const cmd of ['init', 'keys', 'node', 'status', 'mine', 'devnet']) {
      const r = await runCli(cmd, '--help');
      expect([cmd, r.code, r.out]).toEqual([cmd, 0, expect.stringContaining(`Usage: proto ${cmd}`)]);
    }
    expect((await runCli('node', '--bogus')).code).toBe(2);
    expect((await runCli('node', '--network', join(dir, 'net'), '--port', '70000')).err).toMatch(
      /--port must be/,
    );
    expect((await runCli('node', '--network', join(dir, 'missing'))).err).toMatch(/proto init --dir/);
    expect((await runCli('frobnicate')).code).toBe(2);
    const slow = await runCli('devnet', '--dir', join(dir, 'dn'), '--block-ms', '50');
    expect([slow.code, slow.err]).toEqual([2, expect.stringMatching(/--block-ms must be/)]);
    expect(existsSync(join(dir, 'dn'))).toBe(false);
  });

  it('creates and checks key files', async () => {
    const file = join(dir, 'k.json');
    const made = await runCli('keys', 'new', file);
    expect(made.out).toMatch(/^[0-9a-f]{64}$/);
    expect((await runCli('keys', 'show', file)).out).toBe(made.out);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...json, publicKey: '00'.repeat(32) }));
    expect((await runCli('keys', 'show', join(dir, 'bad.json'))).err).toMatch(/does not belong/);
  });

  it('validates option values strictly', () => {
    expect(intOption({ n: '7' }, 'n', 1, 9, 1)).toBe(7);
    for (const bad of ['07', '1e3', '-1', '10', ' 7'])
      expect(() => intOption({ n: bad }, 'n', 1, 9, 1)).toThrow(UsageError);
    expect(peerOption({ peer: ['127.0.0.1:7700'] })).toEqual(['127.0.0.1:7700']);
    for (const bad of ['127.0.0.1', 'host:0', 'Host:1', 'a:99999'])
      expect(() => peerOption({ peer: [bad] })).toThrow(UsageError);
    const edge = 'ws://127.0.0.1:8787/v1/relay';
    expect(edgeOption({ edge: [edge, edge] })).toEqual([edge]);
    for (const bad of ['127.0.0.1:8787', 'http://127.0.0.1:8787/v1/relay', 'ws://127.0.0.1:8787'])
      expect(() => edgeOption({ edge: [bad] })).toThrow(/--edge must be a ws:\/\/ or wss:\/\/ URL/);
  });
});
