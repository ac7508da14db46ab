/** Runs the `proto` command line in process for tests, capturing what it prints. */
import { vi } from 'vitest';
import { main } from './main.ts';

/** The exit code of one `proto` run and what it printed to stdout and stderr. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `proto args` in process; returns the exit code and what it printed. */
export async function runCli(...args: string[]): Promise<CliResult> {
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
