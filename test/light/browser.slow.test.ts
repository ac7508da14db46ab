/** The light-client suite once in a real browser (Debian's chromium, driven by playwright-core). */
import { describe, expect, it } from 'vitest';
import { runInBrowser } from './browser/run-browser.ts';
import { LIGHT_CASES } from './suite.ts';

describe('light client in chromium', () => {
  it('passes every case of the suite', async () => {
    const { outcomes } = await runInBrowser();
    expect(outcomes.map((o) => o.name)).toEqual(LIGHT_CASES.map((c) => c.name));
    for (const o of outcomes) expect(o.error ?? '', o.name).toBe('');
  }, 300_000);
});
