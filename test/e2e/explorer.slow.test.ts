/**
 * The explorer in a real browser (Debian's chromium driven by playwright-core) against a running
 * ledger node: every view renders the node's data, the live feed advances, the DAG picture shows a
 * merge and the checkpoint, a proposal published and vetoed shows in the proposals views, the console stays free of errors and no request leaves 127.0.0.1.
 * Screenshots of each view go to test-output/explorer/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS } from '../light/browser/run-browser.ts';
import {
  cli,
  congressVotes,
  explorerNetwork,
  publishProposal,
  tokensWithMerge,
  transfer,
} from './explorer-chain.ts';
import { LedgerNode, removeLedgerNetwork } from './ledger-cluster.ts';
import { waitFor } from './proto-process.ts';

const SHOTS = join(import.meta.dirname, '../../test-output/explorer');

const dir = mkdtempSync(join(tmpdir(), 'proto-explorer-'));
const nodes: LedgerNode[] = [];
let browser: Browser;
let page: Page;
let url: string;
const requests: string[] = [];
const errors: string[] = [];
const net = explorerNetwork(dir);
let txHash: string;
let txHeight: number;
const recipient = new Uint8Array(32).fill(7);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const extra = ['--mine', 'proposal', '--key', net.minerFile, '--threads', '1'];
  nodes.push(await LedgerNode.start(dir, { name: 'v0', validatorKey: net.keyFile, extra }));
  url = nodes[0]!.url;
  expect(await tokensWithMerge(url, 10)).toBe(1);
  txHash = await transfer(url, net.chain, net.key, recipient, 12345n);
  await waitFor(
    async () => (await nodes[0]!.get<{ status: string }>(`/v1/txs/${txHash}`)).status === 'committed',
    30_000,
    'the transfer to commit',
  );
  txHeight = (await nodes[0]!.get<{ height: number }>(`/v1/txs/${txHash}`)).height;
  // the ledger checkpoints the validator subchain's tip once it has seen it
  await waitFor(
    async () => {
      const head = await nodes[0]!.get<{ header: { checkpoints: { validator: string } } }>('/v1/ledger/head');
      const tip = (await nodes[0]!.get<{ tips: { validator: { hash: string } } }>('/v1/status')).tips
        .validator.hash;
      return head.header.checkpoints.validator === tip;
    },
    30_000,
    'the validator checkpoint to reach the tip',
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await removeLedgerNetwork(dir, nodes);
});

async function show(hash: string, ready: string): Promise<void> {
  await page.goto(`${url}/${hash}`);
  await page.waitForSelector(ready, { timeout: 15_000 });
}

/** Waits for the view's first badge to settle and returns its text. */
async function settled(): Promise<string> {
  await page.waitForSelector('main .badge:is(.verified, .unverified, .failed)', { timeout: 20_000 });
  return (await page.textContent('main .badge:is(.verified, .unverified, .failed)'))!;
}

/** Serves `path` with the JSON the node answered changed by `change`. */
async function tamper(path: string, change: (body: Record<string, unknown>) => void): Promise<void> {
  await page.route(`${url}${path}`, async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Record<string, unknown>;
    change(body);
    await route.fulfill({ response: res, json: body });
  });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('explorer', () => {
  it('network view: head, live feed advancing, tips, peers', async () => {
    await show('#/', '#head-height');
    const first = Number(await page.textContent('#head-height'));
    expect(first).toBeGreaterThan(0);
    expect(await settled()).toMatch(/^verified against header \d+$/);
    const chainId = (await nodes[0]!.get<{ chainId: string }>('/v1/params')).chainId;
    await page.waitForSelector('#trusted-genesis');
    expect(await page.textContent('#trusted-genesis')).toBe(chainId);
    // The head also follows status polls, so the feed's items are awaited on their own.
    await waitFor(
      async () =>
        Number(await page.textContent('#head-height')) > first + 1 &&
        (await page.locator('#feed li').count()) >= 2,
      20_000,
      'the live feed',
    );
    expect(await page.textContent('#feed-state')).toBe('live');
    // the head badge follows the feed, verifying the newest header each time it is idle
    await waitFor(
      async () => {
        const text = (await page.textContent('#head-verified'))!;
        return Number(/^verified against header (\d+)$/.exec(text)?.[1] ?? 0) > first;
      },
      20_000,
      'the head badge to follow the feed',
    );
    const rate = Number(await page.textContent('#block-rate'));
    expect(rate).toBeGreaterThan(0);
    expect(await page.textContent('main')).toContain('validator');
    expect(await page.textContent('main')).toMatch(/[0-9.]+ [kMG]?H\/s/);
    await shot('network');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('network-phone');
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('token DAG: merges and the ledger checkpoint', async () => {
    await show('#/dag', '#dag-svg');
    expect(await page.locator('#dag-svg circle.node.validator.merge').count()).toBe(1);
    expect(await page.locator('#dag-svg path.edge.merge').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#checkpoint-validator').count()).toBe(1);
    expect(await page.locator('#dag-svg circle.node.proposal').count()).toBeGreaterThanOrEqual(1);
    await shot('dag');
  });

  it('blocks list and a block with its transaction and commit signatures', async () => {
    await show('#/blocks', 'table');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    const heights = (await page.locator('tbody tr td:first-child').allTextContents()).map(Number);
    expect(await settled()).toBe(`verified against headers ${Math.min(...heights)}–${Math.max(...heights)}`);
    await shot('blocks');
    await show(`#/blocks/${txHeight}`, 'table');
    // the page hashes the block's transactions with core's own code, served by the node
    expect(await page.locator(`a[href="#/tx/${txHash}"]`).count()).toBe(1);
    expect(await page.textContent('main')).toContain('Commit: 1 signature(s)');
    expect(await settled()).toBe(`verified against header ${txHeight}`);
    // the signer is named by the validator list of that height its verified header names
    const validator = Buffer.from(net.key.publicKey).toString('hex');
    await page.waitForSelector(`.signer [title="${validator}"]`);
    await shot('block');
  });

  it('transaction by hash', async () => {
    await show(`#/tx/${txHash}`, '#tx-status');
    expect(await page.textContent('#tx-status')).toBe('committed');
    expect(await settled()).toBe(`verified against header ${txHeight}`);
    expect(await page.textContent('main')).toContain('12,345');
    await shot('tx');
  });

  it('starts from a header the user trusts (?trust=HEIGHT:HASH) and refuses another hash', async () => {
    const { hash } = await nodes[0]!.get<{ hash: string }>(`/v1/ledger/blocks/${txHeight}`);
    await page.goto(`${url}/?trust=${txHeight}:${hash}#/tx/${txHash}`);
    await page.waitForSelector('#tx-status');
    expect(await settled()).toBe(`verified against header ${txHeight}`);
    expect(await page.textContent('#trusted-header')).toBe(`${txHeight}:${hash}`);
    const wrong = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    await page.goto(`${url}/?trust=${txHeight}:${wrong}#/tx/${txHash}`);
    await page.waitForSelector('#tx-status');
    expect(await settled()).toMatch(
      /^verification failed: bad-header: the served header \d+ does not have the trusted hash$/,
    );
  });

  it('accounts and tokens', async () => {
    const key = Buffer.from(recipient).toString('hex');
    await show(`#/accounts/${key}`, '#account-balance');
    expect(await page.textContent('#account-balance')).toBe('12,345');
    expect(await settled()).toMatch(/^verified against header \d+$/);
    await shot('account');
    // a node that lies about the balance: the page shows its lie, marked as failing verification
    await tamper(`/v1/accounts/${key}`, (b) => {
      b.balance = '99999';
    });
    await page.reload();
    await page.waitForSelector('#account-balance');
    expect(await page.textContent('#account-balance')).toBe('99,999');
    expect(await settled()).toMatch(
      /^verification failed: value-mismatch: balance 99999 differs from the proven 12345$/,
    );
    await shot('account-tampered');
    await page.unrouteAll();
    await show('#/accounts', 'table');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await settled()).toMatch(/^verified against header/);
    await show('#/tokens', 'table');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await settled()).toBe('unverified');
    await shot('tokens');
    const href = await page.locator('tbody tr a').first().getAttribute('href');
    await show(href!, '#token-use');
    expect(await page.textContent('main')).toContain('owner');
    // the token's ledger entry (none for a token never moved or used) is proven against a header
    expect(await page.textContent('#token-entry')).toMatch(/^(none|announced|published|voted)/);
    await page.waitForSelector('#token-entry + .check .badge.verified', { timeout: 20_000 });
    await shot('token');
  });

  it('validator queue with bars, evidence', async () => {
    await show('#/validators', '.bar');
    expect(await page.locator('.bar').count()).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('main')).toContain('none pending');
    expect(await settled()).toMatch(/^verified against header \d+$/);
    await shot('validators');
    await show('#/evidence', 'main section');
    expect(await page.textContent('main')).toContain('no equivocation recorded');
    expect(await page.textContent('main')).toContain('no equivocation committed');
  });

  it('proposals: none, then an upgrade proposal open and vetoed; the veto key', async () => {
    await show('#/proposals', 'h1:has-text("Proposals at height")');
    expect(await page.textContent('main')).toContain('no proposals yet');
    await show('#/veto', '#veto-key');
    expect(await page.textContent('#veto-key')).toBe(Buffer.from(net.key.publicKey).toString('hex'));
    expect(await settled()).toMatch(/^verified against header \d+$/);
    expect(await page.textContent('main')).toContain('no delegates');
    await shot('veto');

    const args = ['--kind', 'upgrade', '--title', 'Proto v2', '--upgrade', 'proto-v2', '--height', '100000'];
    const id = await publishProposal(url, dir, 'v2', net.minerFile, args);
    await show('#/proposals?status=open', `a[href="#/proposals/${id}"]`);
    expect(await page.textContent('tbody')).toMatch(/upgrade.*Proto v2.*open.*0 \/ 0 \/ 0 of 4/);
    await show(`#/proposals/${id}`, 'h1:has-text("Proposal 1")');
    const open = await page.textContent('main');
    expect(open).toContain('proto-v2 at height 100000');
    expect(open).toMatch(/CID\s*bafy[a-z2-7]+/);
    expect(open).toContain('not vetoed; veto key');
    expect(open).toContain('Congress (5 seats)');
    expect(await settled()).toMatch(/^verified against header \d+$/);
    await shot('proposal-open');

    await cli('veto', id, '--key', net.keyFile, '--url', url);
    await waitFor(
      async () => (await nodes[0]!.get<{ veto: unknown }>(`/v1/proposals/${id}`)).veto !== null,
      30_000,
      'the veto to commit',
    );
    await page.reload(); // the same hash as shown: a reload reads the proposal again
    await page.waitForSelector('text=it closes as vetoed when voting ends', { timeout: 15_000 });
    // congress tokens mined for it vote yes and no, while its voting period runs (a veto does not end it)
    const voters = await congressVotes(url, id, net.minerFile, ['yes', 'no']);
    await waitFor(
      async () => (await nodes[0]!.get<{ votes: unknown[] }>(`/v1/proposals/${id}`)).votes.length === 2,
      30_000,
      'the votes to commit',
    );
    await show('#/proposals', `a[href="#/proposals/${id}"]`);
    expect(await page.textContent('tbody')).toContain('1 / 1 / 0 of 4');
    expect(await settled()).toMatch(/^verified against header \d+$/);
    await show(`#/proposals/${id}`, 'h1:has-text("Proposal 1")');
    expect(await settled()).toMatch(/^verified against header \d+$/);
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('yes1'))).toBe(true);
    expect(rows.some((r) => r.startsWith('no1'))).toBe(true);
    for (const [i, choice] of ['yes', 'no'].entries()) {
      const row = page.locator('tr', { has: page.locator(`a[href="#/tokens/${voters[i]}"]`) });
      expect(await row.textContent()).toMatch(new RegExp(`${choice}$`));
    }
    expect(await page.textContent('main')).toContain('2 vote(s)');
    await shot('proposal-votes');
    // a node that turns the no vote into a yes: caught by the proposal's proof
    await tamper(`/v1/proposals/${id}`, (b) => {
      const p = b as { votes: { choice: string }[]; tally: { yes: number; no: number } };
      p.votes[1]!.choice = 'yes';
      p.tally = { ...p.tally, yes: 2, no: 0 };
    });
    await page.reload();
    expect(await settled()).toMatch(/^verification failed: value-mismatch/);
    await page.unrouteAll();
    // the veto is tallied when the voting period (devnet 60 s from publication) ends
    await waitFor(
      async () => (await nodes[0]!.get<{ status: string }>(`/v1/proposals/${id}`)).status === 'vetoed',
      90_000,
      'the vetoed proposal to close',
    );
    await show('#/proposals?status=vetoed', `a[href="#/proposals/${id}"]`);
    expect(await page.textContent('.filters a.active')).toBe('vetoed');
    await show('#/proposals?status=open', 'a.active:has-text("open")');
    expect(await page.textContent('main')).toContain('no open proposals');
    await show(`#/proposals/${id}`, 'h1:has-text("Proposal 1")');
    const vetoed = await page.textContent('main');
    expect(vetoed).toMatch(/vetoed at \d+ by [0-9a-f]{10}…/);
    expect(vetoed).not.toContain('when voting ends');
    await shot('proposal-vetoed');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('proposal-phone');
    await page.setViewportSize({ width: 1200, height: 900 });
    await show('#/proposals?status=bogus', 'h1:has-text("Error")');
    expect(await page.textContent('main')).toContain('bad filter status=bogus');
  }, 240_000);

  it('made no request beyond 127.0.0.1 and logged no console error', () => {
    expect(requests.length).toBeGreaterThan(10);
    const outside = requests.filter((r) => new URL(r).hostname !== '127.0.0.1');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
