/**
 * The token DAG: the latest canonical tokens of each subchain as a graph, newest on the right. A token
 * merged by a later merge block sits on the lower lane; merge edges are dashed; the ledger's
 * checkpoint is ringed. Colour is by subchain.
 */
import { get } from '../api.js';
import { h, s, si } from '../dom.js';
import { verifyBadge } from '../verify.js';

/** Tokens drawn per subchain. */
const RECENT = 24;
const STEP = 34;
const LANE = 28;
const BAND = 92;

export async function dagView() {
  const [status, head] = await Promise.all([get('/v1/status'), get('/v1/ledger/head')]);
  const ids = Object.keys(status.tips).filter((id) => status.tips[id].count > 0);
  const pages = await Promise.all(
    ids.map((id) =>
      get(
        `/v1/subchains/${encodeURIComponent(id)}/tokens?after=${Math.max(0, status.tips[id].count - RECENT)}&limit=${RECENT}`,
      ),
    ),
  );
  const checkpoints = checkpointSet(head.header?.checkpoints);
  const width = 60 + STEP * Math.max(1, ...pages.map((p) => p.tokens.length));
  const svg = s('svg', {
    width,
    height: BAND * Math.max(1, pages.length),
    role: 'img',
    'aria-label': 'token DAG',
    id: 'dag-svg',
  });
  pages.forEach((p, i) => {
    band(svg, p, i, checkpoints);
  });
  const merges = pages.reduce((n, p) => n + p.tokens.filter((t) => t.merge).length, 0);
  return h(
    'section',
    {},
    h('h1', {}, 'Token DAG ', await verifyBadge('token', pages)),
    h(
      'div',
      { class: 'legend' },
      h('span', {}, h('span', { class: 'swatch validator' }), 'validator'),
      h('span', {}, h('span', { class: 'swatch proposal' }), 'proposal'),
      h('span', {}, h('span', { class: 'swatch congress' }), 'congress'),
      h('span', {}, '◯ ledger checkpoint'),
      h('span', {}, '- - merge'),
      h('span', { id: 'merge-count' }, `${merges} merge(s) shown`),
    ),
    pages.length === 0 ? h('p', { class: 'muted' }, 'no tokens mined yet') : h('div', { class: 'dag' }, svg),
    h('h2', {}, 'Work rate'),
    h(
      'ul',
      {},
      pages.map((p) =>
        h('li', {}, `${p.subchain}: ≈ ${workRate(p.tokens)} over the last ${p.tokens.length} tokens`),
      ),
    ),
  );
}

function checkpointSet(cp) {
  const out = new Set();
  if (!cp) return out;
  out.add(cp.validator);
  out.add(cp.proposal);
  for (const c of cp.congress) out.add(c.tip);
  return out;
}

/** Draws one subchain's tokens in band `i`. */
function band(svg, page, i, checkpoints) {
  const top = i * BAND + 22;
  const kind = page.subchain.startsWith('congress:') ? 'congress' : page.subchain;
  svg.append(
    s(
      'text',
      { x: 6, y: top - 8 },
      page.subchain.length > 24 ? `${page.subchain.slice(0, 24)}…` : page.subchain,
    ),
  );
  const merged = new Set(page.tokens.filter((t) => t.merge).map((t) => t.parents[1]));
  const at = new Map();
  page.tokens.forEach((t, j) => {
    at.set(t.hash, { x: 24 + j * STEP, y: top + 14 + (merged.has(t.hash) ? LANE : 0) });
  });
  for (const t of page.tokens) {
    const to = at.get(t.hash);
    t.parents.forEach((p, k) => {
      const from = at.get(p);
      if (!from) return;
      const d = `M${from.x},${from.y} C${(from.x + to.x) / 2},${from.y} ${(from.x + to.x) / 2},${to.y} ${to.x},${to.y}`;
      svg.append(s('path', { d, class: k === 1 ? 'edge merge' : 'edge' }));
    });
  }
  for (const t of page.tokens) {
    const { x, y } = at.get(t.hash);
    const a = s('a', { href: `#/tokens/${t.hash}` });
    a.append(
      s(
        'circle',
        { cx: x, cy: y, r: 8, class: `node ${kind}${t.merge ? ' merge' : ''}`, 'data-hash': t.hash },
        s('title', {}, `${t.hash}\ncount ${t.count}${t.merge ? ' (merge)' : ''}`),
      ),
    );
    if (checkpoints.has(t.hash))
      a.append(s('circle', { cx: x, cy: y, r: 12, class: 'checkpoint', id: `checkpoint-${kind}` }));
    svg.append(a);
  }
  const last = page.tokens.at(-1);
  if (last) svg.append(s('text', { x: at.get(last.hash).x - 14, y: top + LANE + 36 }, `#${last.count}`));
}

/** Hashes per second implied by the work of `tokens` (AW difference over their time span). */
function workRate(tokens) {
  if (tokens.length < 2) return '–';
  const a = tokens[0];
  const b = tokens.at(-1);
  const seconds = Number(BigInt(b.time) - BigInt(a.time)) / 1e9;
  const work = Number(BigInt(b.aw) - BigInt(a.aw));
  return seconds > 0 ? si(work / seconds, 'H/s') : '–';
}
