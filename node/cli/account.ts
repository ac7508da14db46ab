/** `proto account KEY`: an account's balance and nonce, the validator tokens it owns, and the height read. */
import { fromHex } from '../../core/bytes.ts';
import { type Command, UsageError, urlOption } from './args.ts';
import { getJson } from './get-json.ts';

const URL_DEFAULT = 'http://127.0.0.1:8700';

interface AccountJson {
  key: string;
  balance: string;
  nonce: string;
  height: number;
  blockHash: string;
  stateRoot: string;
}

interface QueueJson {
  queue: { key: string; token: string; owner: string; uses: number }[];
  pending: { key: string; token: string; owner: string }[];
}

export const account: Command = {
  summary: "print an account's balance, nonce and validator tokens",
  usage: `Usage: proto account KEY [--url URL] [--json]

Reads the account KEY (a public key, 64 hex digits) from the node at the ledger's head: balance,
nonce (the next transfer's), the validator tokens it owns in the queue or announced, and the height
the values were read at. Values are as the node reports them (not verified by a light client).

  --url URL   the node's HTTP API (default ${URL_DEFAULT})
  --json      print one JSON object`,
  options: { url: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(values, [key]) {
    if (!fromHex(key!, 32)) throw new UsageError('KEY must be a public key of 64 lowercase hex digits');
    const url = urlOption(values, URL_DEFAULT);
    const a = (await getJson(`${url}/v1/accounts/${key}`)) as AccountJson;
    const v = (await getJson(`${url}/v1/validators`)) as QueueJson;
    const tokens = [
      ...v.queue
        .filter((m) => m.owner === key)
        .map((m) => ({ token: m.token, validator: m.key, uses: m.uses, state: 'queue' })),
      ...v.pending
        .filter((m) => m.owner === key)
        .map((m) => ({ token: m.token, validator: m.key, uses: null, state: 'announced' })),
    ];
    if (values.json) {
      console.log(
        JSON.stringify(
          {
            key: a.key,
            balance: a.balance,
            nonce: a.nonce,
            height: a.height,
            blockHash: a.blockHash,
            stateRoot: a.stateRoot,
            tokens,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    console.log(`account ${a.key}`);
    console.log(`  balance ${BigInt(a.balance).toLocaleString('en-US')}`);
    console.log(`  nonce   ${a.nonce}`);
    console.log(`  read at height ${a.height} (block ${a.blockHash.slice(0, 16)}…)`);
    if (tokens.length === 0) console.log('  validator tokens: none');
    for (const t of tokens)
      console.log(
        `  token ${t.token.slice(0, 16)}…  ${t.state}${t.uses === null ? '' : `, ${t.uses} use(s) left`}`,
      );
    return 0;
  },
};
