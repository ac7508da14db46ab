/**
 * The node's log (`proto node --log-format pretty|json --log-level LEVEL`), through pino. Components
 * log plain lines (`ledger: head 12, validating`); `pretty` prints them as before, after the time of
 * day, and `json` prints one pino object per line with the component (the word before the first
 * colon) as a field. A line's level is `warn` when it reports a failure or refusal, else `info`.
 */
import { pino } from 'pino';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];

const WARN = /\b(cannot|refused|failed|error|equivocation|banned|penali[sz]ed|invalid)\b/i;

/** A line logger writing to `out` (stdout by default). */
export function createLog(
  format: LogFormat,
  level: LogLevel,
  out: (text: string) => void = (t) => process.stdout.write(t),
): (line: string) => void {
  const stream = { write: format === 'json' ? out : (json: string) => out(pretty(json)) };
  const logger = pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.epochTime }, stream);
  return (line) => {
    const component = /^([a-z][a-z0-9-]*): /.exec(line)?.[1];
    const fields = component ? { component } : {};
    if (WARN.test(line)) logger.warn(fields, line);
    else logger.info(fields, line);
  };
}

/** `HH:MM:SS line`, the node's human format. */
function pretty(json: string): string {
  const o = JSON.parse(json) as { time: number; msg: string };
  return `${new Date(o.time).toISOString().slice(11, 19)} ${o.msg}\n`;
}
