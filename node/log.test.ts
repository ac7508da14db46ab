import { describe, expect, it } from 'vitest';
import { createLog } from './log.ts';

function capture(format: 'pretty' | 'json', level: 'debug' | 'info' | 'warn' | 'error' | 'silent') {
  const out: string[] = [];
  const log = createLog(format, level, (t) => out.push(t));
  return { log, out };
}

describe('node log', () => {
  it('pretty prints the time of day and the line, as before', () => {
    const { log, out } = capture('pretty', 'info');
    log('ledger: head 12, validating');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d ledger: head 12, validating\n$/);
  });

  it('json prints one object per line with level, time, component and message', () => {
    const { log, out } = capture('json', 'info');
    log('ledger: cannot set the validator checkpoint: x');
    log('HTTP API  http://127.0.0.1:8700/v1/status');
    const [a, b] = out.map((l) => JSON.parse(l));
    expect(a).toMatchObject({
      level: 40,
      component: 'ledger',
      msg: 'ledger: cannot set the validator checkpoint: x',
    });
    expect(typeof a.time).toBe('number');
    expect(b).toMatchObject({ level: 30, msg: 'HTTP API  http://127.0.0.1:8700/v1/status' });
    expect(b.component).toBeUndefined();
  });

  it('drops lines below the level', () => {
    const { log, out } = capture('pretty', 'warn');
    log('ledger: head 12');
    log('p2p: peer refused: bad handshake');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('refused');
    const silent = capture('json', 'silent');
    silent.log('ledger: failed');
    expect(silent.out).toEqual([]);
  });
});
