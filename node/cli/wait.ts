/** `--wait` for a submitted transaction: until it commits, or is dropped from the mempool. */
import { UsageError } from './args.ts';
import { bodyRefusal } from './refusal.ts';

/** What became of a transaction. */
export type TxFate =
  | { status: 'committed'; height: number; blockHash: string }
  | { status: 'dropped'; reason: string };

/**
 * Polls `GET /v1/txs/{hash}` every 250 ms for up to `seconds`: committed answers the height; a
 * transaction that left the mempool without being committed was dropped (a block invalidated it,
 * for example by spending the balance or using the nonce). Throws UsageError on timeout.
 */
export async function waitForTx(
  url: string,
  hash: string,
  seconds: number,
  nonceOf?: () => Promise<bigint>,
): Promise<TxFate> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const res = await fetch(`${url}/v1/txs/${hash}`);
    const body = (await res.json().catch(() => undefined)) as
      | { status?: string; height?: number; blockHash?: string }
      | undefined;
    if (res.ok && body?.status === 'committed')
      return { status: 'committed', height: body.height!, blockHash: body.blockHash! };
    if (res.status === 404) {
      // gone from the mempool: committed just now (answered on the next poll), or dropped
      const again = await fetch(`${url}/v1/txs/${hash}`);
      const later = (await again.json().catch(() => undefined)) as typeof body;
      if (again.ok && later?.status === 'committed')
        return { status: 'committed', height: later.height!, blockHash: later.blockHash! };
      const nonce = nonceOf ? ` (the account's next nonce is now ${await nonceOf()})` : '';
      return { status: 'dropped', reason: `no longer valid after a block${nonce}` };
    }
    if (!res.ok) throw new UsageError(`${url}/v1/txs/${hash}: ${bodyRefusal(res.status, body)}`);
    if (Date.now() > end) throw new UsageError(`transaction ${hash} still pending after ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
