import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCid } from '../../core/ledger/index.ts';
import { contentCid } from './cid.ts';

const root = mkdtempSync(join(tmpdir(), 'proto-cid-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fixedDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# Lower the minimum fee\n\nSet minFee to 0.\n');
  writeFileSync(join(dir, 'src', 'params.ts'), 'export const MIN_FEE = 0n;\n');
  return dir;
}

describe('proposal CIDs (unixfs-v1-2025)', () => {
  it('pins the CID of a fixed directory, whatever the directory is called', async () => {
    const a = await contentCid(fixedDir('a'));
    const b = await contentCid(fixedDir('other-name'));
    expect(CID.decode(a).toString()).toBe('bafybeieh3nttfg72giuizwjwxc2vkhqgzewzt4xzd6jqxy3nylbiepdlgy');
    expect(b).toEqual(a);
    expect(a).toHaveLength(36);
    expect(a[1]).toBe(0x70); // dag-pb
    checkCid(a);
  });

  it('a one-chunk file is a raw leaf: its CID is the sha2-256 multihash of its bytes', async () => {
    const bytes = new TextEncoder().encode('one file, one chunk\n');
    const path = join(root, 'one.txt');
    writeFileSync(path, bytes);
    const digest = createHash('sha256').update(bytes).digest();
    const expected = new Uint8Array([0x01, 0x55, 0x12, 0x20, ...digest]);
    expect(await contentCid(path)).toEqual(expected);
  });

  it('changes with any byte of any file, and refuses symbolic links and empty directories', async () => {
    const dir = fixedDir('changed');
    const before = await contentCid(dir);
    writeFileSync(join(dir, 'src', 'params.ts'), 'export const MIN_FEE = 1n;\n');
    expect(await contentCid(dir)).not.toEqual(before);
    symlinkSync(join(dir, 'README.md'), join(dir, 'link.md'));
    await expect(contentCid(dir)).rejects.toThrow(/symbolic link/);
    mkdirSync(join(root, 'empty'));
    await expect(contentCid(join(root, 'empty'))).rejects.toThrow(/no files/);
  });
});
