/**
 * A ledger network for the explorer's browser test: one validator node whose validator subchain has
 * trivial proof of work (so the test builds a fork and its merge itself) and whose miner mines
 * proposal tokens at devnet difficulty (a real hash rate), plus helpers that submit tokens and a transfer.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromHex, toHex } from '../../core/bytes.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { encodeBlock } from '../../core/token/block.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { chainId, genesisToJson, makeGenesis, PRESETS } from '../../core/token/params.ts';
import { blockMeetsTarget, MAX_U256 } from '../../core/token/pow.ts';
import { nowNs } from '../../node/chain.ts';
import { newKeyFile } from '../../node/cli/keyfile.ts';
import type { KeyPair } from '../../node/crypto/keys.ts';

/** Writes the genesis into `dir` and returns the validator's key file and keys. */
export function explorerNetwork(dir: string): {
  keyFile: string;
  minerFile: string;
  key: KeyPair;
  chain: Uint8Array;
} {
  const keyFile = join(dir, 'validator-1.json');
  const minerFile = join(dir, 'miner.json');
  const key = newKeyFile(keyFile);
  newKeyFile(minerFile);
  const d = PRESETS.devnet;
  const params = makeGenesis(
    { ...d, validator: { ...d.validator, rootTarget: MAX_U256, maxTarget: MAX_U256 } },
    {
      genesisTime: nowNs(),
      vetoKey: key.publicKey,
      validators: [{ key: key.publicKey, uses: 100_000 }],
      balances: [{ key: key.publicKey, amount: 1_000_000_000n }],
    },
  );
  writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesisToJson(params)));
  return { keyFile, minerFile, key, chain: chainId(params) };
}

interface Template {
  prev: string;
  other: string | null;
  target: string;
  minTime: string;
}

/**
 * The next validator token on the node's template, mined to a key starting with byte `keyByte`: the
 * target starts at the largest value and ASERT lowers it a little as the test outpaces the spacing,
 * so a few tries of the key's last byte find a hash below it.
 */
export async function validatorToken(url: string, keyByte: number): Promise<Uint8Array> {
  const t = (await (await fetch(`${url}/v1/subchains/validator/template`)).json()) as Template;
  const now = nowNs();
  const min = BigInt(t.minTime);
  for (let n = 0; n < 256; n++) {
    const key = new Uint8Array(32).fill(keyByte);
    key[31] = n;
    const raw = encodeBlock({
      prev: fromHex(t.prev, 32)!,
      type: 1,
      time: now > min ? now : min,
      target: BigInt(`0x${t.target}`),
      key,
      ...(t.other ? { other: fromHex(t.other, 32)! } : {}),
    });
    if (blockMeetsTarget(blake3Hash(raw), raw)) return raw;
  }
  throw new Error('no hash below the target in 256 tries');
}

/** POSTs a token; returns the node's answer. */
export async function submitToken(url: string, raw: Uint8Array): Promise<{ status: string; hash: string }> {
  const res = await fetch(`${url}/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: toHex(raw),
  });
  return (await res.json()) as { status: string; hash: string };
}

async function added(url: string, raw: Uint8Array): Promise<void> {
  const answer = await submitToken(url, raw);
  if (answer.status !== 'added') throw new Error(`token not added: ${JSON.stringify(answer)}`);
}

/** Builds `n` validator tokens with one fork (two tokens on one parent) that the next token merges. */
export async function tokensWithMerge(url: string, n: number): Promise<number> {
  let merges = 0;
  for (let i = 0; i < n; i++) {
    if (i === 2) {
      const [a, b] = [await validatorToken(url, 1), await validatorToken(url, 2)];
      await added(url, a);
      await added(url, b);
      continue;
    }
    const raw = await validatorToken(url, 3 + (i % 4));
    if (raw.length === 137) merges++;
    await added(url, raw);
    await new Promise((r) => setTimeout(r, 50));
  }
  return merges;
}

/** Signs and submits a transfer from `from`; returns the transaction hash the node reports. */
export async function transfer(
  url: string,
  chain: Uint8Array,
  from: KeyPair,
  to: Uint8Array,
  amount: bigint,
): Promise<string> {
  const acct = (await (await fetch(`${url}/v1/accounts/${toHex(from.publicKey)}`)).json()) as {
    nonce: string;
  };
  const body = {
    type: TxType.transfer,
    from: from.publicKey,
    to,
    amount,
    fee: 1n,
    nonce: BigInt(acct.nonce),
  } as const;
  const tx = signTx(chain, body, from.secretKey);
  const res = await fetch(`${url}/v1/txs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tx: toHex(encodeTx(tx)) }),
  });
  const json = (await res.json()) as { hash?: string; error?: { message: string } };
  if (!json.hash) throw new Error(`transfer refused: ${json.error?.message}`);
  return json.hash;
}

interface StatusJson {
  tips: { proposal: { count: number } };
}

const MAIN = join(import.meta.dirname, '../../node/cli/main.ts');

/** Runs the `proto` command line; returns what it printed. */
export async function cli(...args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, [MAIN, ...args])).stdout;
}

/**
 * Publishes a proposal of a one-file directory `dir/name` with `proto propose` and returns its id. The
 * token is the newest confirmed one of the proposal subchain (the node mines them to `keyFile`, so
 * older ones leave the live window); it waits up to 90 s for two tokens, and a refused try (a token
 * that went out of the window) is retried, four times at most.
 */
export async function publishProposal(
  url: string,
  dir: string,
  name: string,
  keyFile: string,
  args: string[],
): Promise<string> {
  const content = join(dir, name);
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, 'README.md'), `# ${name}\n`);
  const errors: string[] = [];
  const deadline = Date.now() + 90_000;
  while (errors.length < 4 && Date.now() < deadline) {
    const status = (await (await fetch(`${url}/v1/status`)).json()) as StatusJson;
    const after = Math.max(0, status.tips.proposal.count - 2);
    const page = (await (
      await fetch(`${url}/v1/subchains/proposal/tokens?after=${after}&limit=2`)
    ).json()) as { tokens: { hash: string }[] };
    if (page.tokens.length < 2) {
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    try {
      const out = await cli(
        'propose',
        content,
        ...args,
        '--token',
        page.tokens[0]!.hash,
        '--key',
        keyFile,
        '--url',
        url,
      );
      const id = /proposal id ([0-9a-f]{64})/.exec(out)?.[1];
      if (id) return id;
      errors.push(out);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  throw new Error(`no proposal published: ${errors.join(' | ')}`);
}

/**
 * Mines the congress of proposal `id` with `proto mine --type congress` (tokens to `keyFile`) until it
 * holds one token more than `choices`, then votes `choices[i]` with its i-th token (`proto vote`,
 * which waits for the ledger to checkpoint the token confirmed). Returns the voting tokens' hashes.
 */
export async function congressVotes(
  url: string,
  id: string,
  keyFile: string,
  choices: string[],
): Promise<string[]> {
  const args = ['mine', '--type', 'congress', '--proposal', id, '--key', keyFile, '--url', url];
  const miner = spawn(process.execPath, [MAIN, ...args], { stdio: 'ignore' });
  try {
    let tokens: { hash: string }[] = [];
    const deadline = Date.now() + 40_000;
    while (tokens.length <= choices.length) {
      if (Date.now() > deadline) throw new Error(`${tokens.length} congress tokens in 40 s`);
      await new Promise((r) => setTimeout(r, 500));
      const res = await fetch(`${url}/v1/subchains/${encodeURIComponent(`congress:${id}`)}/tokens?limit=10`);
      if (res.ok) tokens = ((await res.json()) as { tokens: { hash: string }[] }).tokens;
    }
    const voters = tokens.slice(0, choices.length).map((t) => t.hash);
    await Promise.all(
      voters.map((hash, i) =>
        cli('vote', id, choices[i]!, '--token', hash, '--key', keyFile, '--url', url, '--wait', '30'),
      ),
    );
    return voters;
  } finally {
    miner.kill('SIGKILL');
  }
}
