import { describe, expect, it } from 'vitest';
import { duration, Progress } from './progress.ts';

describe('progress lines', () => {
  it('report done, total, percent, average rate and time left', () => {
    const p = new Progress();
    expect(p.line(100, 1000, 'blocks', 0)).toBe('100/1000 blocks (10%, 0.0/s)');
    expect(p.line(300, 1000, 'blocks', 10_000)).toBe('300/1000 blocks (30%, 20.0/s ~35 s left)');
    expect(p.line(500, 1000, 'blocks', 20_000)).toBe('500/1000 blocks (50%, 20.0/s ~25 s left)');
  });

  it('start a new run when the count falls back or after reset', () => {
    const p = new Progress();
    p.line(500, 1000, 'tokens', 0);
    expect(p.line(10, 1000, 'tokens', 5000)).toBe('10/1000 tokens (1%, 0.0/s)');
    p.reset();
    expect(p.line(20, 40, 'tokens', 6000)).toBe('20/40 tokens (50%, 0.0/s)');
  });

  it('formats durations', () => {
    expect(duration(12.2)).toBe('13 s');
    expect(duration(600)).toBe('10 min');
    expect(duration(3 * 3600)).toBe('3.0 h');
  });
});
