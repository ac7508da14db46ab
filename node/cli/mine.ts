/** `proto mine`: a standalone miner working for a node through its HTTP API. */

import type { SubmitJson, TemplateJson } from '../../core/api/types.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { encodeBlock, TokenType } from '../../core/token/block.ts';
import { work } from '../../core/token/pow.ts';
import { type MinerWork, startMiner } from '../miner/engine.ts';
import {
  type Command,
  choiceOption,
  congressOption,
  intOption,
  stringOption,
  UsageError,
  urlOption,
} from './args.ts';
import { getJson } from './get-json.ts';
import { readKeyFile } from './keyfile.ts';

export const mine: Command = {
  summary: "mine tokens for a node's chain through its HTTP API",
  usage: `Usage: proto mine --type validator|proposal|congress [--proposal ID] --key FILE [--threads N] [--url URL]

Asks the node for the next block's template, mines it on N threads and submits what it finds.
Prints the hash rate, the difficulty (expected hashes per token) and the tokens found.

  --type TYPE    validator, proposal or congress
  --proposal ID  with --type congress: the proposal (64 hex) whose congress to mine; the miner stops
                 when the congress is closed or full
  --key FILE     key file whose public key goes into the tokens (\`proto keys new FILE\`)
  --threads N    mining threads (default 1)
  --url URL      the node's HTTP API (default http://127.0.0.1:8700)`,
  options: {
    type: { type: 'string' },
    proposal: { type: 'string' },
    key: { type: 'string' },
    threads: { type: 'string' },
    url: { type: 'string' },
  },
  async run(values) {
    const type = choiceOption(values, 'type', ['validator', 'proposal', 'congress'] as const);
    if (type !== 'congress' && values.proposal) throw new UsageError('--proposal needs --type congress');
    const subchain = type === 'congress' ? congressOption(values) : type;
    const keyFile = stringOption(values, 'key', '');
    if (!subchain || !keyFile) {
      console.error(`--type and --key are required\n\n${mine.usage}`);
      return 2;
    }
    const key = readKeyFile(keyFile).publicKey;
    const url = urlOption(values, 'http://127.0.0.1:8700');
    const threads = intOption(values, 'threads', 1, 256, 1);
    let current = '';
    let hashRate = 0;
    let difficulty = 0;
    let found = 0;
    let closed = false;
    const refresh = async () => {
      const res = await fetch(`${url}/v1/subchains/${subchain}/template`);
      if (res.status === 404 && type === 'congress') {
        // "no subchain": not open yet, keep asking; "closed or full": done
        const body = (await res.json()) as { error?: { message?: string } };
        closed = body.error?.message?.includes('closed or full') === true;
        return;
      }
      const t = (res.ok ? await res.json() : await getJson(res.url)) as TemplateJson;
      const id = `${t.prev}${t.other}${t.target}`;
      if (id === current) return;
      current = id;
      difficulty = Math.log2(Number(work(BigInt(`0x${t.target}`))));
      miner.setWork(workOf(t, key));
    };
    const miner = startMiner({
      threads,
      onFound: (block, hash) => {
        void submit(url, block).then((r) => {
          if (r.status === 'added') found++;
          console.log(`\nfound ${subchain} token ${toHex(hash)}: ${r.status}`);
          return refresh();
        });
      },
      onStats: (s) => {
        hashRate = Number(s.elapsedNs) > 0 ? (s.hashes * 1e9) / Number(s.elapsedNs) : 0;
        const line = `${subchain}  ${formatRate(hashRate)}  difficulty 2^${difficulty.toFixed(1)}  found ${found}`;
        process.stdout.write(process.stdout.isTTY ? `\r${line}   ` : `${line}\n`);
      },
    });
    await refresh();
    const poll = setInterval(() => refresh().catch((e: Error) => console.error(`\n${e.message}`)), 1000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      const done = setInterval(() => {
        if (!closed) return;
        clearInterval(done);
        console.log(`\n${subchain} is closed or full`);
        resolve();
      }, 250);
    });
    clearInterval(poll);
    await miner.stop();
    console.log(`\nstopped; found ${found} token(s)`);
    return 0;
  },
};

const TYPES = { validator: TokenType.validator, proposal: TokenType.proposal, congress: TokenType.congress };

function workOf(t: TemplateJson, key: Uint8Array): MinerWork {
  const block = {
    prev: fromHex(t.prev, 32)!,
    type: TYPES[t.type as keyof typeof TYPES] as TokenType,
    time: 0n,
    target: BigInt(`0x${t.target}`),
    key,
  };
  const template = encodeBlock(t.other ? { ...block, other: fromHex(t.other, 32)! } : block);
  return { template, minTime: BigInt(t.minTime) };
}

async function submit(url: string, block: Uint8Array): Promise<SubmitJson | { status: string }> {
  const res = await fetch(`${url}/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: block as Uint8Array<ArrayBuffer>,
  });
  const body = (await res.json()) as SubmitJson & { error?: { code: string } };
  return res.ok ? body : { status: `rejected (${body.error?.code})` };
}

function formatRate(h: number): string {
  if (h >= 1e6) return `${(h / 1e6).toFixed(2)} MH/s`;
  if (h >= 1e3) return `${(h / 1e3).toFixed(1)} kH/s`;
  return `${h.toFixed(0)} H/s`;
}
