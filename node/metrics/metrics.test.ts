import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../core/bytes.ts';
import { encodeTx, signTx, TxType } from '../../core/ledger/index.ts';
import { chainId, type NetworkParams } from '../../core/token/params.ts';
import { type OneValidator, startOneValidator } from '../http/one-validator.fixture.ts';
import type { RunningNode } from '../service.ts';

let node: RunningNode;
let params: NetworkParams;
let v: { publicKey: Uint8Array; secret: Uint8Array };
let metrics: string;
let fixture: OneValidator;
beforeAll(async () => {
  fixture = await startOneValidator('metrics', 0x3e7, { node: { metricsPort: 0 } });
  ({ node, params, key: v } = fixture);
  metrics = `http://127.0.0.1:${node.metricsPort}/metrics`;
});
afterAll(() => fixture.stop());

/** The value of sample `name` (with labels as written in the text), or undefined. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function scrape(): Promise<string> {
  const res = await fetch(metrics);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('metrics endpoint', () => {
  it('shows height, commits, transactions, fsyncs and signatures advancing', async () => {
    const first = await scrape();
    const h0 = sample(first, 'proto_ledger_height')!;
    expect(h0).toBeGreaterThanOrEqual(0);
    const url = `http://127.0.0.1:${node.httpPort}`;
    const body = {
      type: TxType.transfer,
      from: v.publicKey,
      to: new Uint8Array(32).fill(4),
      amount: 1n,
      fee: 1n,
      nonce: 0n,
    } as const;
    const raw = toHex(encodeTx(signTx(chainId(params), body, v.secret)));
    const sent = await fetch(`${url}/v1/txs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tx: raw }),
    });
    expect(sent.status).toBe(202);
    let later = '';
    await until(async () => {
      later = await scrape();
      return (
        sample(later, 'proto_ledger_txs_committed_total')! >= 1 &&
        sample(later, 'proto_ledger_height')! >= h0 + 3
      );
    });
    expect(sample(later, 'proto_ledger_blocks_committed_total')).toBeGreaterThanOrEqual(3);
    expect(sample(later, 'proto_ledger_commit_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(later, 'proto_wal_fsync_seconds_count')).toBeGreaterThan(0);
    expect(sample(later, 'proto_signature_verifications_total')).toBeGreaterThan(0);
    expect(later).toMatch(/^proto_consensus_step_seconds_count\{step="(propose|prevote|precommit)"\} [1-9]/m);
    expect(sample(later, 'proto_peers{direction="inbound"}')).toBe(0);
    expect(sample(later, 'proto_token_tip_count{subchain="validator"}')).toBe(0);
    expect(sample(later, 'proto_mempool_txs')).toBeGreaterThanOrEqual(0);
    expect(later).toContain('proto_mempool_bytes');
    expect(later).toContain('proto_consensus_round');
    expect(later).toContain('proto_miner_hash_rate 0');
    expect(later).toMatch(/^proto_http_requests_total\{method="POST",route="\/v1\/txs",status="202"\} 1$/m);
  });

  it('counts HTTP requests by route pattern, not raw path', async () => {
    const url = `http://127.0.0.1:${node.httpPort}`;
    await fetch(`${url}/v1/ledger/blocks/1`);
    await fetch(`${url}/v1/ledger/blocks/999999`);
    const text = await scrape();
    expect(text).toMatch(/route="\/v1\/ledger\/blocks\/:height",status="200"\} [1-9]/);
    expect(text).toMatch(/route="\/v1\/ledger\/blocks\/:height",status="404"\} [1-9]/);
    expect(text).not.toContain('/v1/ledger/blocks/999999');
  });

  it('refuses anything but GET, and other paths', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await fetch(metrics, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await fetch(metrics.replace('/metrics', '/'))).status).toBe(404);
    // a body is never read: the answer comes at once
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(metrics, { method: 'POST', headers: { 'content-length': '100000000' } }, (res) =>
        resolve(res.statusCode!),
      );
      req.on('error', reject);
      req.write('x');
    });
    expect(status).toBe(405);
  });
});
