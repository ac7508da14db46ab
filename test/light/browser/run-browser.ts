/**
 * Runs the light-client suite (test/light/suite.ts) in Debian's chromium through playwright-core: the
 * suite is bundled with esbuild into one script, loaded in a blank page, and its outcomes read back.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Flags for a headless chromium on a machine with no outside network (no background requests). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserOutcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

/** The suite bundled for browsers: one IIFE script, no Node built-ins. */
export async function bundleSuite(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Every case's outcome in chromium, and the browser's version. */
export async function runInBrowser(): Promise<{ version: string; outcomes: BrowserOutcome[] }> {
  const script = await bundleSuite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>proto light client suite</title>');
    await page.addScriptTag({ content: script });
    const outcomes = (await page.evaluate(
      () => (globalThis as unknown as { lightSuite: Promise<unknown> }).lightSuite,
    )) as BrowserOutcome[];
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return { version: browser.version(), outcomes };
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  const { version, outcomes } = await runInBrowser();
  console.log(`chromium ${version}`);
  for (const o of outcomes)
    console.log(
      `${o.ok ? 'ok  ' : 'FAIL'} ${o.name} (${o.ms.toFixed(0)} ms)${o.error ? `\n${o.error}` : ''}`,
    );
  process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
}
