/**
 * The one place where the page checks what the node tells it, with the light client of core/client
 * (the committed bundle generated/proto-client.js, `npm run build:explorer`). The page trusts one
 * thing: the genesis file this node serves at /v1/params, whose hash (the chain id) the footer shows.
 * From it, headers are verified by their commits (skipping verification with bisection, backwards by
 * hash links), and each value a view shows is checked against the verified header of the height its
 * answer names: state answers by their proofs, blocks by their bytes and commits. Checks run after a
 * view renders (its badge reads "verifying…" until then); verified headers are kept for the session.
 */
import { get } from './api.js';
import { h } from './dom.js';
import { fromHex, isProtoError, ProtoClient, ProtoError, toHex } from './generated/proto-client.js';

/** Values that no header covers, with the reason shown on their badge. */
const UNCOVERED = {
  token: 'token-chain data: ledger headers carry only checkpoints of the subchains',
  evidence: 'the evidence route carries no proofs',
};

/** Codes that say the page could not check (its clock, the network), not that the node lied. */
const CANNOT_CHECK = new Set(['header-expired', 'header-from-future']);

/** Where the page's localStorage remembers the genesis it trusted before. */
const PINNED = 'proto-explorer-genesis';

let started;

/**
 * `?trust=HEIGHT:HASH` in the page's address (before the `#`): start from that header, whose hash the
 * user read from a source they trust, instead of genesis (needed once genesis is older than the
 * trusting period). Undefined when absent; throws naming the expected form when malformed.
 */
export function trustedStart(search) {
  const text = new URLSearchParams(search).get('trust');
  if (text === null) return undefined;
  const m = /^([1-9][0-9]{0,15}):([0-9a-f]{64})$/.exec(text);
  if (!m || !Number.isSafeInteger(Number(m[1])))
    throw new Error(
      `trust=${text}: expected HEIGHT:HASH, a block height below 2^53 and its 64-hex-digit hash`,
    );
  return { height: Number(m[1]), hash: fromHex(m[2], 32) };
}

/** The light client, started once from the genesis the node serves (and the trusted header, if given). */
function client() {
  started ??= get('/v1/params').then((params) => {
    const trust = trustedStart(location.search);
    const c = new ProtoClient(location.origin, { genesis: params.genesis, ...(trust && { trust }) });
    return { client: c, chainId: toHex(c.chainId), trust };
  });
  return started;
}

/** Checks run one at a time: they share the header chain, which verifies each header once. */
let queue = Promise.resolve();
function serial(f) {
  const run = queue.then(f, f);
  queue = run.catch(() => {});
  return run;
}

const CHECKS = {
  head: (c, v) => c.verifyHead(v),
  header: (c, v) => sameHeader(c, v),
  block: (c, v) => c.verifyBlock(v),
  account: (c, v) => c.verifyAccount(v),
  validators: (c, v) => c.verifyValidators(v),
  proposals: (c, v) => c.verifyProposals(v),
  proposal: (c, v) => c.verifyProposal(v),
  veto: (c, v) => c.verifyVeto(v),
  'token-entry': (c, v) => c.verifyToken(v, fromHex(v.hash, 32)),
  tx: async (c, v) => c.verifyTx(v, await get(`/v1/ledger/blocks/${v.height}`)),
};

/** A block message of the live feed (`{height, hash}`): the verified header of its height has its hash. */
async function sameHeader(c, block) {
  const point = await c.header(block.height);
  if (toHex(point.hash) !== block.hash)
    throw new ProtoError('bad-header', `block ${block.height} is not the verified header`, 'penalize');
  return point;
}

/** The ordered validator list of `height` from its verified header (hex keys). */
export async function validatorsOf(height) {
  const { client: c } = await client();
  const point = await serial(() => c.header(height));
  return point.validators.map(toHex);
}

/**
 * @param {string} kind what the value is: 'head', 'header' (a live-feed block), 'block', 'account', 'tx', 'validators', 'token',
 *   'token-entry' (a token's ledger entry), 'proposals', 'proposal', 'veto', 'evidence'; a list of blocks or accounts is checked item by item
 * @param {unknown} value the API response (or a list of them)
 * @returns {Promise<{ verified: boolean, height?: number, to?: number, failed?: boolean, reason?: string }>}
 */
export async function check(kind, value) {
  if (UNCOVERED[kind]) return { verified: false, reason: UNCOVERED[kind] };
  if (kind === 'tx' && value.status !== 'committed')
    return { verified: false, reason: 'pending in the mempool: in no block yet' };
  const f = CHECKS[kind];
  if (!f) return { verified: false, reason: `no check for ${kind}` };
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return { verified: false, reason: 'nothing to check' };
  try {
    const { client: c } = await client();
    const heights = [];
    for (const item of items) heights.push((await serial(() => f(c, item))).height);
    return { verified: true, height: Math.min(...heights), to: Math.max(...heights) };
  } catch (e) {
    const reason = String(e?.message ?? e);
    // only a ProtoError of what the node served says it lied; anything else leaves the value unverified
    const failed = isProtoError(e) && !CANNOT_CHECK.has(e.code) && e.action !== 'retry';
    return { verified: false, failed, reason };
  }
}

/** A badge for a check result. */
export function badge(result) {
  if (result.verified) {
    const span =
      result.to > result.height ? `headers ${result.height}–${result.to}` : `header ${result.height}`;
    return h('span', { class: 'badge verified' }, `verified against ${span}`);
  }
  if (result.failed)
    return h(
      'span',
      { class: 'badge failed', title: result.reason },
      `verification failed: ${result.reason}`,
    );
  return h('span', { class: 'badge unverified', title: result.reason ?? '' }, 'unverified');
}

/**
 * A badge that reads "verifying…" now and the check's result once it is done, so the view renders
 * without waiting for the light client.
 */
export function verifyBadge(kind, value) {
  const holder = h('span', { class: 'check' }, h('span', { class: 'badge verifying' }, 'verifying…'));
  check(kind, value).then((r) => holder.replaceChildren(badge(r)));
  return holder;
}

/**
 * A badge that follows a stream of blocks (`{height, hash}`): each time it is idle it checks the
 * newest one seen, so it lags behind when checks take longer than blocks come.
 */
export function followBadge(first) {
  const holder = verifyBadge('head', first);
  holder.id = 'head-verified';
  let latest;
  let busy = false;
  const next = async () => {
    if (busy || !latest) return;
    busy = true;
    const b = latest;
    latest = undefined;
    holder.replaceChildren(badge(await check('header', b)));
    busy = false;
    next();
  };
  return {
    el: holder,
    seen(b) {
      latest = b;
      next();
    },
  };
}

/** Fills the footer's trust line: the genesis hash the page trusts, and whether it changed. */
export async function showTrust(el) {
  try {
    const { chainId, trust } = await client();
    const before = localStorage.getItem(PINNED);
    localStorage.setItem(PINNED, chainId);
    el.replaceChildren(
      'Checked in this page by the light client, trusting only the genesis this node serves: ',
      h(
        'code',
        { id: 'trusted-genesis', title: 'blake3 of the canonical genesis file (the chain id)' },
        chainId,
      ),
      ...(trust
        ? [' and header ', h('code', { id: 'trusted-header' }, `${trust.height}:${toHex(trust.hash)}`)]
        : []),
      ...(before && before !== chainId
        ? [h('span', { class: 'badge failed' }, `not the genesis ${before.slice(0, 16)}… trusted before`)]
        : []),
      '. ',
    );
  } catch (e) {
    el.replaceChildren(h('span', { class: 'error' }, `light client not started: ${e.message}. `));
  }
}
