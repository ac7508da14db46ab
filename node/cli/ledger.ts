/** `proto tx transfer`, `proto announce` and `proto validators`: ledger commands against a node's API. */
import type { TokenJson } from '../../core/api/types.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { type TxBody, TxType } from '../../core/ledger/index.ts';
import { type Command, intOption, UsageError, urlOption } from './args.ts';
import { getJson } from './get-json.ts';
import { tokenTransfer } from './governance.ts';
import { readKeyFile } from './keyfile.ts';
import { required, submit } from './submit.ts';
import { waitForTx } from './wait.ts';

const URL_DEFAULT = 'http://127.0.0.1:8700';
/** Rejections that a later block may lift (the token is not checkpointed or confirmed yet). */

export const tx: Command = {
  summary: 'send a ledger transaction (transfer, token-transfer)',
  usage: `Usage: proto tx transfer --key FILE --to KEY --amount N [--fee N] [--nonce N] [--url URL] [--wait] [--json]
       proto tx token-transfer --key FILE --token HASH --to KEY [--url URL]

transfer: signs a coin transfer from the key in FILE (its next nonce is read from the node).
token-transfer: gives the governance token HASH (validator, proposal or congress) owned by the key
in FILE to KEY, so that mining is separate from announcing, publishing or voting.

  --key FILE     the sender's (or token owner's) key file
  --to KEY       the recipient's public key (64 hex digits)
  --amount N     coins to send (a decimal integer)
  --fee N        fee for the block's proposer (default 1)
  --token HASH   the token to give (token-transfer)
  --nonce N      the transfer's nonce (default: the account's next one); up to 64 past it, so that
                 several transfers are in flight: later ones wait in the mempool for earlier ones
  --url URL      the node's HTTP API (default ${URL_DEFAULT})
  --wait         return once the transfer is committed (print its height) or dropped (exit 1); up
                 to 120 s
  --json         print the outcome as one JSON object`,
  options: {
    key: { type: 'string' },
    to: { type: 'string' },
    token: { type: 'string' },
    amount: { type: 'string' },
    fee: { type: 'string' },
    nonce: { type: 'string' },
    url: { type: 'string' },
    wait: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
  async run(values, [kind]) {
    if (kind === 'token-transfer') return tokenTransfer(values);
    if (kind !== 'transfer')
      throw new UsageError(`unknown transaction ${JSON.stringify(kind)}: use transfer or token-transfer`);
    const url = urlOption(values, URL_DEFAULT);
    const key = readKeyFile(required(values, 'key'));
    const to = fromHex(required(values, 'to'), 32);
    if (!to) throw new UsageError('--to must be a public key of 64 lowercase hex digits');
    const given = values.nonce === undefined ? undefined : nonceOption(values.nonce);
    const account = given === undefined ? await accountOf(url, key.publicKey) : { nonce: given };
    const body: TxBody = {
      type: TxType.transfer,
      from: key.publicKey,
      to,
      amount: amountOption(values, 'amount', undefined),
      fee: amountOption(values, 'fee', 1n),
      nonce: BigInt(account.nonce),
    };
    const hash = await submit(url, body, key.secretKey, 0);
    if (!values.wait) {
      console.log(values.json ? JSON.stringify({ hash, status: 'pending' }) : `submitted transfer ${hash}`);
      return 0;
    }
    const nonceOf = async () =>
      BigInt(((await getJson(`${url}/v1/accounts/${toHex(key.publicKey)}`)) as { nonce: string }).nonce);
    const fate = await waitForTx(url, hash, 120, nonceOf);
    if (values.json) console.log(JSON.stringify({ hash, ...fate }));
    else if (fate.status === 'committed') console.log(`transfer ${hash} committed at height ${fate.height}`);
    else console.log(`transfer ${hash} dropped: ${fate.reason}`);
    return fate.status === 'committed' ? 0 : 1;
  },
};

export const announce: Command = {
  summary: 'announce a mined validator token: join the validator queue',
  usage: `Usage: proto announce --token HASH --owner-key FILE --validator-key FILE [--url URL] [--wait SECONDS]

Announces service with a validator token (PROTOCOL.md §3.2): the node that runs with
--validator-key FILE validates once the announcement is in a block (two heights later).
The token must be checkpointed by the ledger with enough confirmations; until then the
command retries for up to --wait seconds (default 60).

  --token HASH          the validator token's hash
  --owner-key FILE      the token owner's key file (the key the token was mined to)
  --validator-key FILE  the consensus key that will sign ledger votes
  --url URL             the node's HTTP API (default ${URL_DEFAULT})`,
  options: {
    token: { type: 'string' },
    'owner-key': { type: 'string' },
    'validator-key': { type: 'string' },
    url: { type: 'string' },
    wait: { type: 'string' },
  },
  async run(values) {
    const url = urlOption(values, URL_DEFAULT);
    const owner = readKeyFile(required(values, 'owner-key'));
    const consensusKey = readKeyFile(required(values, 'validator-key')).publicKey;
    const hash = required(values, 'token');
    if (!fromHex(hash, 32)) throw new UsageError('--token must be a token hash of 64 lowercase hex digits');
    const token = (await getJson(`${url}/v1/tokens/${hash}`)) as TokenJson;
    const body: TxBody = { type: TxType.announce, consensusKey, token: fromHex(token.raw)! };
    const txHash = await submit(url, body, owner.secretKey, intOption(values, 'wait', 0, 3600, 60));
    console.log(`submitted announcement ${txHash}: validator ${toHex(consensusKey)}`);
    return 0;
  },
};

export const validators: Command = {
  summary: 'print the validator queue and pending announcements',
  usage: `Usage: proto validators [--url URL] [--json]`,
  options: { url: { type: 'string' }, json: { type: 'boolean' } },
  async run(values) {
    const url = urlOption(values, URL_DEFAULT);
    const v = (await getJson(`${url}/v1/validators`)) as ValidatorsJson;
    if (values.json) {
      console.log(JSON.stringify(v, null, 2));
      return 0;
    }
    console.log(`height ${v.height}: ${v.validators.length} validator(s)`);
    for (const m of v.queue) {
      const at = m.position >= 0 ? `#${m.position}` : ' -';
      const leaving = m.until === null ? '' : `  leaves after ${m.until}`;
      console.log(`  ${at.padStart(3)} ${m.key.slice(0, 16)}…  uses ${String(m.uses).padStart(3)}${leaving}`);
    }
    console.log(`pending announcements: ${v.pending.length}`);
    return 0;
  },
};

interface ValidatorsJson {
  height: number;
  validators: string[];
  queue: { key: string; uses: number; position: number; until: number | null }[];
  pending: { key: string }[];
}

/** The account of `key` at the node. */
async function accountOf(url: string, key: Uint8Array): Promise<{ nonce: string }> {
  return (await getJson(`${url}/v1/accounts/${toHex(key)}`)) as { nonce: string };
}

function nonceOption(v: unknown): string {
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,18})$/.test(v) || BigInt(v) >= 2n ** 64n)
    throw new UsageError('--nonce must be a decimal integer below 2^64');
  return v;
}

function amountOption(values: Record<string, unknown>, name: string, fallback: bigint | undefined): bigint {
  const v = values[name];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,37})$/.test(v))
    throw new UsageError(`--${name} must be a decimal integer of coins`);
  return BigInt(v);
}
