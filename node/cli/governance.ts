/**
 * Governance commands against a node's API (docs/governance.md): propose, proposals, proposal, vote,
 * veto, veto-delegate, veto-revoke, and the token-transfer transaction of `proto tx`.
 */
import type { TokenJson } from '../../core/api/types.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import {
  Choice,
  checkCid,
  MAX_TITLE,
  PARAM_IDS,
  type ParamChange,
  ProposalKind,
  paramId,
  type TxBody,
  TxType,
} from '../../core/ledger/index.ts';
import { type Command, choiceOption, intOption, stringOption, UsageError, urlOption } from './args.ts';
import { contentCid } from './cid.ts';
import { getJson } from './get-json.ts';
import { readKeyFile } from './keyfile.ts';
import { required, submit } from './submit.ts';

const URL_DEFAULT = 'http://127.0.0.1:8700';
const KEY_RE = /^[0-9a-f]{64}$/;

function hashArg(text: string | undefined, what: string): Uint8Array {
  const h = text === undefined ? undefined : fromHex(text, 32);
  if (!h) throw new UsageError(`${what} must be 64 lowercase hex digits`);
  return h;
}

async function tokenRaw(url: string, hash: string): Promise<Uint8Array> {
  const t = (await getJson(`${url}/v1/tokens/${hash}`)) as TokenJson;
  return fromHex(t.raw)!;
}

export const propose: Command = {
  summary: 'publish a proposal: its content directory, kind and title, with a live proposal token',
  usage: `Usage: proto propose DIR --kind text|parameter|upgrade --title TEXT --token HASH --key FILE
                     [--set NAME=VALUE ...] [--upgrade NAME --height N] [--url URL] [--wait SECONDS]

Computes the CIDv1 of DIR (ipfs-unixfs-importer, profile unixfs-v1-2025; docs/protocol.md) and
publishes it with the proposal token HASH, signed by its owner's key. The token must be among the
8 most recent proposal tokens the ledger checkpointed, with its confirmations; the command retries
until it is (for up to --wait seconds, default 60). Prints the proposal id once a block names it.

  --kind KIND         text, parameter or upgrade
  --title TEXT        at most ${MAX_TITLE} bytes of UTF-8
  --token HASH        the proposal token (mined with \`proto mine --type proposal\` or a node)
  --key FILE          the token owner's key file
  --set NAME=VALUE    parameter proposals: a change; repeat for several. Governable: minFee,
                      votingPeriod (ns), congressSize, liveProposals, blockBytes, and the
                      consensus timeouts (ns): timeout{Propose,Prevote,Precommit}{Base,Delta}
  --upgrade NAME      upgrade proposals: the software name (1-32 of [a-z0-9.-])
  --height N          upgrade proposals: the activation height
  --url URL           the node's HTTP API (default ${URL_DEFAULT})`,
  options: {
    kind: { type: 'string' },
    title: { type: 'string' },
    token: { type: 'string' },
    key: { type: 'string' },
    set: { type: 'string', multiple: true },
    upgrade: { type: 'string' },
    height: { type: 'string' },
    url: { type: 'string' },
    wait: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(values, [dir]) {
    const url = urlOption(values, URL_DEFAULT);
    const kindName = choiceOption(values, 'kind', ['text', 'parameter', 'upgrade'] as const);
    if (!kindName) throw new UsageError(`--kind is required\n\n${propose.usage}`);
    const title = new TextEncoder().encode(required(values, 'title'));
    if (title.length > MAX_TITLE)
      throw new UsageError(`--title is ${title.length} bytes, at most ${MAX_TITLE}`);
    const tokenHash = required(values, 'token');
    hashArg(tokenHash, '--token');
    const key = readKeyFile(required(values, 'key'));
    const cid = await contentCid(dir!);
    checkCid(cid);
    const body: TxBody = {
      type: TxType.publish,
      token: await tokenRaw(url, tokenHash),
      signer: key.publicKey,
      kind: ProposalKind[kindName],
      cid,
      title,
      changes: kindName === 'parameter' ? changesOption(values) : [],
      upgrade: kindName === 'upgrade' ? upgradeOption(values) : undefined,
    };
    if (kindName !== 'parameter' && values.set) throw new UsageError('--set is for parameter proposals');
    const tx = await submit(url, body, key.secretKey, intOption(values, 'wait', 0, 3600, 60));
    console.log(`published ${kindName} proposal (transaction ${tx})`);
    const id = await namedId(url, tokenHash, 30);
    console.log(
      id ? `proposal id ${id}` : 'the proposal id is named by the next block: see `proto proposals`',
    );
    return 0;
  },
};

function changesOption(values: Record<string, unknown>): ParamChange[] {
  const sets = (values.set as string[] | undefined) ?? [];
  if (sets.length === 0) throw new UsageError('a parameter proposal needs --set NAME=VALUE');
  const changes = sets.map((s) => {
    const m = /^([A-Za-z]+)=(0|[1-9][0-9]{0,37})$/.exec(s);
    if (!m) throw new UsageError(`--set ${s}: expected NAME=VALUE with a decimal integer VALUE`);
    const id = paramId(m[1]!);
    if (id === undefined)
      throw new UsageError(`--set ${s}: unknown parameter; known: ${Object.keys(PARAM_IDS).join(', ')}`);
    return { id, value: BigInt(m[2]!) };
  });
  return changes.sort((a, b) => a.id - b.id);
}

function upgradeOption(values: Record<string, unknown>) {
  const name = required(values, 'upgrade');
  const height = required(values, 'height');
  if (!/^[1-9][0-9]{0,15}$/.test(height) || !Number.isSafeInteger(Number(height)))
    throw new UsageError('--height must be a positive decimal integer below 2^53');
  return { name, height: Number(height) };
}

/** Waits up to `seconds` for a block to name the proposal of `token`; returns its id. */
async function namedId(url: string, token: string, seconds: number): Promise<string | undefined> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const page = (await getJson(`${url}/v1/proposals?status=open&limit=100`)) as ProposalsJson;
    const p = page.proposals.find((x) => x.token === token);
    if (p) return p.id;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return undefined;
}

interface ProposalJson {
  id: string;
  seq: number;
  kind: string;
  title: string;
  status: string;
  token: string;
  cid: string;
  votingEnds: string;
  tally: { yes: number; no: number; abstain: number; needed: number };
  votes: { token: string; choice: string }[];
  changes: { parameter: string; value: string }[];
  upgrade: { name: string; height: number } | null;
  veto: { by: string } | null;
}
interface ProposalsJson {
  proposals: ProposalJson[];
  next: number | null;
}

function line(p: ProposalJson): string {
  const t = p.tally;
  const tally = `yes ${t.yes} no ${t.no} abstain ${t.abstain} (needs ${t.needed})`;
  return `#${p.seq} ${p.id.slice(0, 16)}…  ${p.kind.padEnd(9)} ${p.status.padEnd(8)} ${tally}  ${p.title}`;
}

export const proposals: Command = {
  summary: 'list proposals (open, passed, rejected, vetoed, expired)',
  usage: `Usage: proto proposals [--status STATUS] [--json] [--url URL]`,
  options: { status: { type: 'string' }, json: { type: 'boolean' }, url: { type: 'string' } },
  async run(values) {
    const url = urlOption(values, URL_DEFAULT);
    const status = choiceOption(values, 'status', [
      'open',
      'passed',
      'rejected',
      'vetoed',
      'expired',
    ] as const);
    const all: ProposalJson[] = [];
    let after = 0;
    for (;;) {
      const q = `after=${after}&limit=100${status ? `&status=${status}` : ''}`;
      const page = (await getJson(`${url}/v1/proposals?${q}`)) as ProposalsJson;
      all.push(...page.proposals);
      if (page.next === null || all.length >= 1000) break;
      after = page.next;
    }
    if (values.json) console.log(JSON.stringify(all, null, 2));
    else if (all.length === 0) console.log('no proposals');
    else for (const p of all) console.log(line(p));
    return 0;
  },
};

export const proposal: Command = {
  summary: 'show one proposal: content, votes, tally, veto',
  usage: `Usage: proto proposal ID [--json] [--url URL]`,
  options: { json: { type: 'boolean' }, url: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(values, [id]) {
    hashArg(id, 'the proposal id');
    const p = (await getJson(`${urlOption(values, URL_DEFAULT)}/v1/proposals/${id}`)) as ProposalJson;
    if (values.json) {
      console.log(JSON.stringify(p, null, 2));
      return 0;
    }
    console.log(line(p));
    console.log(
      `  cid ${p.cid}\n  voting ends ${new Date(Number(BigInt(p.votingEnds) / 1_000_000n)).toISOString()}`,
    );
    for (const c of p.changes) console.log(`  set ${c.parameter} = ${c.value}`);
    if (p.upgrade) console.log(`  upgrade ${p.upgrade.name} at height ${p.upgrade.height}`);
    if (p.veto) console.log(`  vetoed by ${p.veto.by}`);
    for (const v of p.votes) console.log(`  ${v.token.slice(0, 16)}…  ${v.choice}`);
    return 0;
  },
};

export const vote: Command = {
  summary: 'vote on a proposal with a congress token of its congress',
  usage: `Usage: proto vote ID yes|no|abstain --token HASH --key FILE [--url URL] [--wait SECONDS]

The congress token must be checkpointed by the ledger with its confirmations; the command retries
until it is (for up to --wait seconds, default 60).`,
  options: {
    token: { type: 'string' },
    key: { type: 'string' },
    url: { type: 'string' },
    wait: { type: 'string' },
  },
  positionals: { min: 2, max: 2 },
  async run(values, [id, choice]) {
    const url = urlOption(values, URL_DEFAULT);
    const proposalId = hashArg(id, 'the proposal id');
    if (choice !== 'yes' && choice !== 'no' && choice !== 'abstain') {
      throw new UsageError(`the choice is yes, no or abstain, not ${JSON.stringify(choice)}`);
    }
    const tokenHash = required(values, 'token');
    hashArg(tokenHash, '--token');
    const key = readKeyFile(required(values, 'key'));
    const body: TxBody = {
      type: TxType.vote,
      token: await tokenRaw(url, tokenHash),
      signer: key.publicKey,
      proposal: proposalId,
      choice: Choice[choice],
    };
    const tx = await submit(url, body, key.secretKey, intOption(values, 'wait', 0, 3600, 60));
    console.log(`voted ${choice} (transaction ${tx})`);
    return 0;
  },
};

export const veto: Command = {
  summary: 'veto an open upgrade proposal (veto key or an active delegate)',
  usage: `Usage: proto veto ID --key FILE [--url URL]`,
  options: { key: { type: 'string' }, url: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(values, [id]) {
    const url = urlOption(values, URL_DEFAULT);
    const key = readKeyFile(required(values, 'key'));
    const body: TxBody = {
      type: TxType.veto,
      signer: key.publicKey,
      proposal: hashArg(id, 'the proposal id'),
    };
    console.log(`vetoed (transaction ${await submit(url, body, key.secretKey, 0)})`);
    return 0;
  },
};

function delegation(type: typeof TxType.vetoDelegate | typeof TxType.vetoRevoke, name: string): Command {
  const verb = type === TxType.vetoDelegate ? 'give' : 'take back';
  return {
    summary: `${verb} veto power (signed by the veto key)`,
    usage: `Usage: proto ${name} KEY --key FILE [--url URL]

KEY is the delegate's public key (64 hex); FILE is the veto key's key file.`,
    options: { key: { type: 'string' }, url: { type: 'string' } },
    positionals: { min: 1, max: 1 },
    async run(values, [delegate]) {
      const url = urlOption(values, URL_DEFAULT);
      if (!delegate || !KEY_RE.test(delegate)) throw new UsageError('KEY must be 64 lowercase hex digits');
      const key = readKeyFile(required(values, 'key'));
      const state = (await getJson(`${url}/v1/veto`)) as { seq: number };
      const body: TxBody = { type, delegate: fromHex(delegate, 32)!, seq: state.seq };
      console.log(`${name}: ${delegate} (transaction ${await submit(url, body, key.secretKey, 0)})`);
      return 0;
    },
  };
}

export const vetoDelegate = delegation(TxType.vetoDelegate, 'veto-delegate');
export const vetoRevoke = delegation(TxType.vetoRevoke, 'veto-revoke');

/** `proto tx token-transfer`: gives a governance token to another key (its transfer count read from the node). */
export async function tokenTransfer(values: Record<string, unknown>): Promise<number> {
  const url = urlOption(values, URL_DEFAULT);
  const key = readKeyFile(required(values, 'key'));
  const token = hashArg(stringOption(values, 'token', ''), '--token');
  const to = hashArg(stringOption(values, 'to', ''), '--to');
  const led = (await getJson(`${url}/v1/ledger/tokens/${toHex(token)}`)) as {
    entry: { owner: string; seq: number } | null;
  };
  const owner = led.entry?.owner ?? ((await getJson(`${url}/v1/tokens/${toHex(token)}`)) as TokenJson).key;
  if (owner !== toHex(key.publicKey))
    throw new UsageError(`the token's owner is ${owner}, not the key in --key`);
  const body: TxBody = { type: TxType.tokenTransfer, token, newOwner: to, seq: led.entry?.seq ?? 0 };
  console.log(`submitted token-transfer ${await submit(url, body, key.secretKey, 30)}`);
  return 0;
}
