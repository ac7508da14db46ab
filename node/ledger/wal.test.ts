import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { testRng } from '../../test/seed.ts';
import { Wal } from './wal.ts';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'proto-wal-'));
  dirs.push(dir);
  return join(dir, 'consensus.wal');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (i: number) => new Uint8Array(1 + (i % 50)).fill(i & 0xff);
const hexes = (rs: Uint8Array[]) => rs.map(toHex);

function written(path: string, n: number): Uint8Array[] {
  const { wal } = Wal.open(path);
  const rs = Array.from({ length: n }, (_, i) => record(i));
  for (const r of rs) wal.append(r, false);
  wal.close();
  return rs;
}

describe('consensus WAL', () => {
  it('returns every appended record in order after reopening', () => {
    const path = tempPath();
    const rs = written(path, 20);
    const { wal, contents } = Wal.open(path);
    expect(hexes(contents.records)).toEqual(hexes(rs));
    expect(contents.cut).toBe(0);
    wal.append(record(99), true);
    wal.close();
    expect(hexes(Wal.open(path).contents.records)).toEqual(hexes([...rs, record(99)]));
  });

  it('after a write cut at any byte keeps exactly the whole records and appends after them', () => {
    const path = tempPath();
    const rs = written(path, 6);
    const full = new Uint8Array(readFileSync(path));
    const ends: number[] = [];
    for (const r of rs) ends.push((ends.at(-1) ?? 0) + 8 + r.length);
    for (let cut = 0; cut <= full.length; cut++) {
      writeFileSync(path, full.subarray(0, cut));
      const { wal, contents } = Wal.open(path);
      const whole = ends.filter((e) => e <= cut).length;
      expect(hexes(contents.records)).toEqual(hexes(rs.slice(0, whole)));
      wal.append(record(7), false);
      wal.close();
      expect(hexes(Wal.open(path).contents.records)).toEqual(hexes([...rs.slice(0, whole), record(7)]));
    }
  });

  it('stops at a corrupted record (bit flips anywhere) and never returns altered bytes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const path = tempPath();
        const rs = written(path, 5);
        const bytes = new Uint8Array(readFileSync(path));
        bytes[at % bytes.length]! ^= flip;
        writeFileSync(path, bytes);
        const { wal, contents } = Wal.open(path);
        wal.close();
        const got = hexes(contents.records);
        expect(got).toEqual(hexes(rs).slice(0, got.length));
      }),
      { numRuns: 200 },
    );
  });

  it('reset empties the log durably', () => {
    const path = tempPath();
    written(path, 3);
    const { wal } = Wal.open(path);
    wal.reset();
    wal.append(record(5), true);
    wal.close();
    expect(hexes(Wal.open(path).contents.records)).toEqual(hexes([record(5)]));
  });

  it('keeps every record a writer killed with SIGKILL had synced', async () => {
    const path = tempPath();
    const script = `
      import { Wal } from ${JSON.stringify(join(import.meta.dirname, 'wal.ts'))};
      const { wal } = Wal.open(${JSON.stringify(path)});
      for (let i = 0; ; i++) {
        wal.append(new Uint8Array(100 + (i % 300)).fill(i & 0xff), true);
        process.stdout.write(i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
    let synced = -1;
    child.stdout.on('data', (d: Buffer) => {
      const lines = d.toString().trim().split('\n');
      synced = Number(lines.at(-1));
    });
    // The child's start-up time depends on the machine's load: wait for its writes, then kill mid-write.
    const end = Date.now() + 15_000;
    while (synced <= 10 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100 + testRng('WAL kill moment').int(300)));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(synced).toBeGreaterThan(10);
    appendFileSync(path, new Uint8Array([0, 0, 1])); // a torn header on top of whatever the kill left
    const { wal, contents } = Wal.open(path);
    wal.close();
    expect(contents.records.length).toBeGreaterThanOrEqual(synced + 1);
    contents.records.forEach((r, i) => {
      expect(r.length).toBe(100 + (i % 300));
      expect(r.every((b) => b === (i & 0xff))).toBe(true);
    });
  });

  it('truncates the file to its valid prefix at open', () => {
    const path = tempPath();
    const rs = written(path, 3);
    const size = readFileSync(path).length;
    appendFileSync(path, new Uint8Array([0, 0, 0, 9, 1, 2]));
    Wal.open(path).wal.close();
    expect(readFileSync(path).length).toBe(size);
    truncateSync(path, size - 1);
    expect(hexes(Wal.open(path).contents.records)).toEqual(hexes(rs.slice(0, 2)));
  });
});
