/**
 * `proto light`: a light client on the command line. Trusts only the genesis file (and, when given,
 * one header hash), follows headers by skipping verification and prints only verified answers,
 * with the height and hash of the header they were verified against (docs/light-client.md).
 */
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../core/bytes.ts';
import { ProtoClient, type Verified } from '../../core/client/proto-client.ts';
import { verify } from '../../core/crypto/ed25519.ts';
import { isProtoError } from '../../core/errors.ts';
import type { Height } from '../../core/height.ts';
import { parseGenesis } from '../../core/token/params.ts';
import { nodeVerify } from '../crypto/ed25519-native.ts';
import { type Command, UsageError, urlOption } from './args.ts';

const URL_DEFAULT = 'http://127.0.0.1:8700';

export const light: Command = {
  summary: 'query a node as a light client: only verified answers',
  usage: `Usage: proto light --genesis FILE [--url URL] [--trust HEIGHT:HASH] <query>

Queries:
  account KEY       an account (64 hex digits): balance and nonce
  token HASH        the ledger's entry of a governance token: owner, transfers, announced
  validators [H]    the ordered validator list of height H; without H, the queue at the head

Headers are verified by their commits from genesis (or from the header HEIGHT whose hash is HASH),
skipping ahead with CometBFT's light-client rules; each answer is checked by its proof against the
state root of a verified header. Exit code 1 when an answer fails to verify, with what failed.

  --genesis FILE        the network's genesis.json: pins the chain id and the first validators
  --url URL             the node's HTTP API (default ${URL_DEFAULT})
  --trust HEIGHT:HASH   start from this header instead of genesis (needed when genesis is older
                        than the 16 h trusting period)`,
  options: {
    genesis: { type: 'string' },
    url: { type: 'string' },
    trust: { type: 'string' },
  },
  positionals: { min: 1, max: 2 },
  async run(values, [query, arg]) {
    const client = clientOf(values);
    try {
      const lines = await answer(client, query!, arg);
      for (const line of lines) console.log(line);
      const chain = await client.headers();
      console.log(`(${chain.fetched} light blocks fetched)`);
      return 0;
    } catch (e) {
      if (!isProtoError(e)) throw e;
      console.error(`proto light: not verified: ${e.message}`);
      return 1;
    }
  },
};

function clientOf(values: Record<string, unknown>): ProtoClient {
  const file = values.genesis;
  if (typeof file !== 'string') throw new UsageError('--genesis FILE is required');
  let genesis: unknown;
  try {
    genesis = parseGenesis(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new UsageError(`--genesis ${file}: ${(e as Error).message}`);
  }
  const trust = typeof values.trust === 'string' ? trustOption(values.trust) : undefined;
  const native = (s: Uint8Array, m: Uint8Array, k: Uint8Array) => verify(s, m, k, nodeVerify);
  return new ProtoClient(urlOption(values, URL_DEFAULT), {
    genesis,
    verify: native,
    ...(trust && { trust }),
  });
}

function trustOption(text: string): { height: Height; hash: Uint8Array } {
  const m = /^([1-9][0-9]{0,15}):([0-9a-f]{64})$/.exec(text);
  if (!m || !Number.isSafeInteger(Number(m[1])))
    throw new UsageError(
      '--trust must be HEIGHT:HASH, a height from 1 to 2^53 - 1 and 64 lowercase hex digits',
    );
  return { height: Number(m[1]), hash: fromHex(m[2]!, 32)! };
}

async function answer(client: ProtoClient, query: string, arg: string | undefined): Promise<string[]> {
  if (query === 'account') {
    const v = await client.account(hexArg(arg, 'account KEY'));
    return [`balance ${v.value.balance}`, `nonce ${v.value.nonce}`, against(v)];
  }
  if (query === 'token') {
    const v = await client.token(hexArg(arg, 'token HASH'));
    const t = v.value;
    const lines = t
      ? [`owner ${toHex(t.owner)}`, `seq ${t.seq}`, `movedAt ${t.movedAt}`, `use ${t.use}`]
      : ['no ledger entry (never transferred nor announced)'];
    return [...lines, against(v)];
  }
  if (query === 'validators') {
    if (arg === undefined) {
      const v = await client.validators();
      return [
        ...v.value.next.map((k, i) => `${i} ${toHex(k)}`),
        `queue ${v.value.queue.length}, pending ${v.value.pending.length}`,
        against(v),
      ];
    }
    if (!/^[1-9][0-9]{0,15}$/.test(arg) || !Number.isSafeInteger(Number(arg)))
      throw new UsageError('validators H: H is a height from 1 to 2^53 - 1');
    const v = await client.validators(Number(arg));
    return [...v.value.map((k, i) => `${i} ${toHex(k)}`), against(v)];
  }
  throw new UsageError(`unknown query ${JSON.stringify(query)}: use account, token or validators`);
}

function hexArg(text: string | undefined, what: string): Uint8Array {
  const bytes = text === undefined ? undefined : fromHex(text, 32);
  if (!bytes) throw new UsageError(`${what}: 64 lowercase hex digits`);
  return bytes;
}

function against(v: Verified<unknown>): string {
  return `verified against block ${v.height} ${toHex(v.blockHash)}`;
}
