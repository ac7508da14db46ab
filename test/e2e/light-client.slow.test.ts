/**
 * Light clients against a 4-validator devnet: account answers verified by proof against headers
 * checked commit by commit from genesis, and a proxy that rewrites one byte of every answer, caught
 * every time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { checkAccount } from '../../core/client/answers.ts';
import { HeaderChain } from '../../core/client/header-chain.ts';
import { type Fetch, HttpLightProvider } from '../../core/client/http.ts';
import { ProtoClient } from '../../core/client/proto-client.ts';
import { genesisPoint } from '../../core/client/trusted.ts';
import { isProtoError } from '../../core/errors.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { chainId, parseGenesis } from '../../core/token/params.ts';
import { nowNs } from '../../node/chain.ts';
import { readKeyFile } from '../../node/cli/keyfile.ts';
import { testRng } from '../seed.ts';
import { freePort, waitFor } from './cluster.ts';
import {
  head,
  type LedgerNode,
  ledgerNetwork,
  removeLedgerNetwork,
  startValidators,
} from './ledger-cluster.ts';

const dir = mkdtempSync(join(tmpdir(), 'proto-light-e2e-'));
const nodes: LedgerNode[] = [];
let proxy: Server | undefined;
afterAll(async () => {
  proxy?.close();
  await removeLedgerNetwork(dir, nodes);
});

/** A proxy to `target` that rewrites one byte (at a random place, to another value) of the answers `tamper` picks. */
async function lyingProxy(
  target: string,
  tamper: (path: string) => boolean,
): Promise<{ url: string; rewritten: number[] }> {
  const rewritten: number[] = [];
  const rng = testRng('e2e');
  const port = await freePort();
  proxy = createServer(async (req, res) => {
    const answer = await fetch(`${target}${req.url}`);
    const body = new Uint8Array(await answer.arrayBuffer());
    if (tamper(req.url ?? '') && body.length > 0) {
      const at = rng.int(body.length);
      body[at] = (body[at]! + 1 + rng.int(255)) & 0xff;
      rewritten.push(at);
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(body);
  });
  await new Promise<void>((r) => proxy!.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, rewritten };
}

describe('light client on a 4-validator devnet', () => {
  it('verifies /v1/accounts against commit-checked headers from genesis, and catches every rewritten byte', async () => {
    const keys = ledgerNetwork(dir, 4, 1000);
    const params = parseGenesis(JSON.parse(readFileSync(join(dir, 'genesis.json'), 'utf8')));
    await startValidators(dir, keys, nodes);
    await waitFor(async () => (await head(nodes[0]!)).height >= 2, 30_000, 'height 2');

    // A transfer from each validator to a fresh account (the mempool takes one nonce per sender at a time).
    const recipients = Array.from({ length: 4 }, (_, i) => new Uint8Array(32).fill(0x40 + i));
    for (const [i, to] of recipients.entries()) {
      const sender = readKeyFile(keys[i]!);
      const body = {
        type: TxType.transfer,
        from: sender.publicKey,
        to,
        amount: BigInt(1000 + i),
        fee: 1n,
        nonce: 0n,
      } as const;
      const tx = encodeTx(signTx(chainId(params), body, sender.secretKey));
      const res = await fetch(`${nodes[0]!.url}/v1/txs`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: tx,
      });
      expect(res.status, await res.clone().text()).toBe(202);
    }
    const url = nodes[1]!.url;
    const client = new ProtoClient(url, { genesis: params });
    await waitFor(
      async () => (await client.account(recipients[3]!)).value.balance === 1003n,
      20_000,
      'the transfers',
    );

    // Every header from genesis, each by adjacent verification of its commit; then the answers' proofs.
    const chain = new HeaderChain(genesisPoint(params), new HttpLightProvider(url, fetch as Fetch), {
      now: nowNs,
    });
    for (const [i, to] of recipients.entries()) {
      const answer = (await (await fetch(`${url}/v1/accounts/${toHex(to)}`)).json()) as Parameters<
        typeof checkAccount
      >[0];
      while (chain.latest.height < answer.height) await chain.next();
      const point = await chain.at(answer.height);
      expect(answer.blockHash).toBe(toHex(point.hash));
      expect(checkAccount(answer, to, point.stateRoot).balance).toBe(BigInt(1000 + i));
    }
    expect(chain.fetched).toBe(chain.latest.height);
    const viaClient = await client.header(chain.latest.height);
    expect(toHex(viaClient.hash)).toBe(toHex(chain.latest.hash));

    // One byte of every account answer rewritten (light blocks intact), then of every light block, then of both.
    for (const tamper of [
      (p: string) => p.startsWith('/v1/accounts/'),
      (p: string) => p.startsWith('/v1/ledger/light/'),
      () => true,
    ]) {
      const liar = await lyingProxy(url, tamper);
      for (let i = 0; i < 25; i++) {
        const fooled = new ProtoClient(liar.url, { genesis: params });
        const outcome = await fooled.account(recipients[i % 4]!).then(
          (v) => `accepted ${v.value.balance}`,
          (e) => (isProtoError(e) ? e.code : `not a ProtoError: ${e}`),
        );
        expect(outcome, `rewritten bytes ${liar.rewritten.join(',')}`).toMatch(/^[a-z-]+$/);
      }
      expect(liar.rewritten.length).toBeGreaterThanOrEqual(25);
      proxy!.close();
    }
  }, 180_000);
});
