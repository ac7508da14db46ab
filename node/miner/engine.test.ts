import { blake3 } from '@noble/hashes/blake3.js';
import { describe, expect, it } from 'vitest';
import { compareBytes, equalBytes } from '../../core/bytes.ts';
import { decodeBlock, encodeBlock, type TokenBlock } from '../../core/token/block.ts';
import { blockMeetsTarget, meetsTarget } from '../../core/token/pow.ts';
import { startMiner } from './engine.ts';
import { HORIZON_NS, SPAN } from './space.ts';

/** About one hash in 2^18 meets it: a few hundred blocks per second on two threads. */
const EASY = (1n << 238n) - 1n;

function template(prev: number, other?: number): Uint8Array {
  const block: TokenBlock = {
    prev: new Uint8Array(32).fill(prev),
    type: 1,
    time: 0n,
    target: EASY,
    key: new Uint8Array(32).fill(7),
  };
  if (other !== undefined) block.other = new Uint8Array(32).fill(other);
  return encodeBlock(block);
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('miner engine', () => {
  it('finds valid blocks on two threads, follows new work without restarting, and stops cleanly', async () => {
    const found: { block: Uint8Array; hash: Uint8Array; at: bigint }[] = [];
    let hashes = 0;
    const miner = startMiner({
      threads: 2,
      statsIntervalMs: 100,
      onFound: (block, hash) => found.push({ block, hash, at: BigInt(Date.now()) * 1_000_000n }),
      onStats: (stats) => (hashes += stats.hashes),
    });
    expect(miner.threads).toBe(2);
    const minTime = BigInt(Date.now() + 3000) * 1_000_000n;
    miner.setWork({ template: template(1), minTime });
    // Both threads contribute: span floor(time / SPAN) belongs to thread span mod 2.
    const threadsSeen = () => new Set(found.map((f) => (decodeBlock(f.block).time / BigInt(SPAN)) % 2n)).size;
    await until(() => found.length >= 5 && threadsSeen() === 2, 20_000);
    miner.setWork({ template: template(2, 3), minTime: 0n });
    await until(() => found.some((f) => f.block.length === 137), 20_000);
    await miner.stop();
    const count = found.length;

    for (const { block, hash, at } of found) {
      const decoded = decodeBlock(block);
      expect(equalBytes(encodeBlock(decoded), block)).toBe(true);
      expect(equalBytes(hash, blake3(block))).toBe(true);
      expect(meetsTarget(hash, decoded.target) && blockMeetsTarget(hash, block)).toBe(true);
      expect(decoded.time <= at + HORIZON_NS).toBe(true);
      if (decoded.prev[0] === 1) expect(decoded.time >= minTime).toBe(true);
    }
    const blocks = found.map((f) => f.block).sort(compareBytes);
    for (let i = 1; i < blocks.length; i++) expect(equalBytes(blocks[i - 1]!, blocks[i]!)).toBe(false);
    expect(found.filter((f) => f.block[0] === 1).length).toBeGreaterThanOrEqual(5);
    expect(hashes).toBeGreaterThan(count * 10_000);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(found.length).toBe(count);
  });

  it('rejects a thread count below one', () => {
    expect(() => startMiner({ threads: 0, onFound: () => {} })).toThrow(/bad-input/);
  });

  it('rejects a template of the wrong length before any thread sees it', async () => {
    const miner = startMiner({ threads: 1, onFound: () => {} });
    expect(() => miner.setWork({ template: new Uint8Array(104), minTime: 0n })).toThrow(/bad-length/);
    await miner.stop();
  });
});
