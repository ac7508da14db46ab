/** Argument parsing for `proto` commands: node:util parseArgs in strict mode plus value validators. */
import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isAddress } from '../../core/p2p/codec.ts';
import { edgeUrlProblem } from '../p2p/edges.ts';

/** A mistake of the user: printed without a stack trace, with what to do, and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command: its usage text and what it does with its parsed arguments. */
export interface Command {
  summary: string;
  usage: string;
  options: Options;
  positionals?: { min: number; max: number };
  run(
    values: Record<string, unknown>,
    positionals: string[],
  ): Promise<number | undefined> | number | undefined;
}

/** Parses `argv` for `cmd`; `--help` prints usage and returns undefined. */
export function parseCommand(
  cmd: Command,
  argv: string[],
): { values: Record<string, unknown>; positionals: string[] } | undefined {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: (cmd.positionals?.max ?? 0) > 0,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${cmd.usage}`);
  }
  if (parsed.values.help) {
    console.log(cmd.usage);
    return undefined;
  }
  const { min, max } = cmd.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new UsageError(`expected ${min === max ? min : `${min} to ${max}`} argument(s)\n\n${cmd.usage}`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** An integer option from `min` to `max`, or `fallback` when absent. */
export function intOption(
  values: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = values[name];
  if (text === undefined) return fallback;
  if (
    typeof text !== 'string' ||
    !/^(0|[1-9][0-9]{0,8})$/.test(text) ||
    Number(text) < min ||
    Number(text) > max
  ) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** A string option restricted to `choices`. */
export function choiceOption<T extends string>(
  values: Record<string, unknown>,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T | undefined {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !choices.includes(v as T)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** A string option, or `fallback`. */
export function stringOption(values: Record<string, unknown>, name: string, fallback: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : fallback;
}

/** Peer addresses from a repeatable `--peer host:port` option. */
export function peerOption(values: Record<string, unknown>): string[] {
  const list = (values.peer as string[] | undefined) ?? [];
  for (const a of list) {
    if (!isAddress(a))
      throw new UsageError(
        `--peer must be host:port (lowercase host, port 1-65535), not ${JSON.stringify(a)}`,
      );
  }
  return list;
}

/** The `--edge` URLs: ws:// or wss:// with the relay's path, each checked by edgeUrlProblem. */
export function edgeOption(values: Record<string, unknown>): string[] {
  const list = (values.edge as string[] | undefined) ?? [];
  for (const u of list) {
    const problem = edgeUrlProblem(u);
    if (problem)
      throw new UsageError(
        `--edge must be a ws:// or wss:// URL with the relay's path, such as wss://edge.example.org/v1/relay; ${JSON.stringify(u)}: ${problem}`,
      );
  }
  return [...new Set(list)];
}

/** An HTTP base URL, such as http://127.0.0.1:8700. */
export function urlOption(values: Record<string, unknown>, fallback: string): string {
  const text = stringOption(values, 'url', fallback);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be a URL such as ${fallback}, not ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError('--url must start with http:// or https://');
  return url.origin;
}

/** Fails with what to do when `path` is missing. */
export function requireFile(path: string, what: string, fix: string): void {
  if (!existsSync(path)) throw new UsageError(`${what} not found at ${path}: ${fix}`);
}

/** `--proposal ID`: a proposal id of 64 hex digits, as its congress subchain id `congress:<id>`. */
export function congressOption(values: Record<string, unknown>): string {
  const id = values.proposal;
  if (typeof id !== 'string') throw new UsageError('--proposal ID is required with congress');
  if (!/^[0-9a-f]{64}$/.test(id)) throw new UsageError(`--proposal: "${id}" is not 64 lowercase hex digits`);
  return `congress:${id}`;
}
