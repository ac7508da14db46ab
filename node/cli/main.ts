#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
/** `proto`: the command line of the Proto full node. */
import { account } from './account.ts';
import type { Command } from './args.ts';
import { parseCommand, UsageError } from './args.ts';
import { devnet } from './devnet.ts';
import { proposal, proposals, propose, veto, vetoDelegate, vetoRevoke, vote } from './governance.ts';
import { init, keys } from './init.ts';
import { announce, tx, validators } from './ledger.ts';
import { light } from './light.ts';
import { mine } from './mine.ts';
import { node, status } from './node.ts';

const COMMANDS: Record<string, Command> = {
  init,
  keys,
  node,
  status,
  mine,
  devnet,
  tx,
  announce,
  validators,
  propose,
  proposals,
  proposal,
  vote,
  veto,
  'veto-delegate': vetoDelegate,
  'veto-revoke': vetoRevoke,
  account,
  light,
};

const OVERVIEW = `Usage: proto <command> [options]    (proto <command> --help for its options)

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`)
  .join('\n')}

Start with \`proto devnet\` for a local network, or \`proto init\` then \`proto node\`.`;

/** Runs the command in `argv` and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(OVERVIEW);
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`unknown command ${JSON.stringify(name)}\n\n${OVERVIEW}`);
    return 2;
  }
  try {
    const parsed = parseCommand(cmd, rest);
    if (!parsed) return 0;
    return (await cmd.run(parsed.values, parsed.positionals)) ?? 0;
  } catch (e) {
    return report(e);
  }
}

function report(e: unknown): number {
  if (e instanceof UsageError) {
    console.error(`proto: ${e.message}`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException & { port?: number };
  if (err.code === 'EADDRINUSE') {
    console.error(
      `proto: port ${err.port ?? ''} is in use: stop what uses it, or pass other --port / --http-port`,
    );
    return 2;
  }
  if (err.code === 'EACCES' || err.code === 'ENOENT') {
    console.error(`proto: ${err.message}: check the path and its permissions`);
    return 2;
  }
  console.error('proto: internal error:', e);
  return 1;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
