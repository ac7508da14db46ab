import type { ParamsJson } from '../../core/api/types.ts';
import { fromHex, toHex } from '../../core/bytes.ts';
import { sign } from '../../core/crypto/ed25519.ts';
import { encodeTx, type TxBody, txSignBytes } from '../../core/ledger/index.ts';
import { UsageError } from './args.ts';
import { getJson } from './get-json.ts';
import { refusal } from './refusal.ts';

/** Signs `body`, posts it, and resubmits while the node answers action `retry`, for `waitSeconds`. Returns the tx hash. */
export async function submit(
  url: string,
  body: TxBody,
  secret: Uint8Array,
  waitSeconds: number,
): Promise<string> {
  const params = (await getJson(`${url}/v1/params`)) as ParamsJson;
  const signature = sign(txSignBytes(fromHex(params.chainId, 32)!, body), secret);
  const raw = toHex(encodeTx({ ...body, signature } as Parameters<typeof encodeTx>[0]));
  const end = Date.now() + waitSeconds * 1000;
  for (;;) {
    const res = await fetch(`${url}/v1/txs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx: raw }),
    });
    const json = (await res.json()) as {
      hash?: string;
      error?: { code: string; message: string; action?: string };
    };
    if (res.ok) return json.hash!;
    const code = json.error?.code ?? String(res.status);
    if (json.error?.action !== 'retry' || Date.now() > end)
      throw new UsageError(`the node refused the transaction: ${refusal(code, json.error?.message)}`);
    console.log(`waiting: ${json.error?.message}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string') throw new UsageError(`--${name} is required`);
  return v;
}
