/** The light-client suite as a browser page: runs every case and leaves the outcomes on `window`. */
import { LIGHT_CASES } from '../suite.ts';

interface Outcome {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

async function runAll(): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of LIGHT_CASES) {
    const t0 = performance.now();
    try {
      await c.run();
      out.push({ name: c.name, ok: true, ms: performance.now() - t0 });
    } catch (e) {
      out.push({
        name: c.name,
        ok: false,
        error: String((e as Error)?.stack ?? e),
        ms: performance.now() - t0,
      });
    }
  }
  return out;
}

(globalThis as unknown as { lightSuite: Promise<Outcome[]> }).lightSuite = runAll();
