/**
 * Governance: the proposals (paged, filtered by status) and one proposal with its changes or upgrade,
 * deadlines, congress, votes, tally and veto (docs/api.md, Governance routes).
 */
import { get } from '../api.js';
import { bar, fields, h, nsTime, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

/** The statuses GET /v1/proposals filters by. */
export const STATUSES = ['open', 'passed', 'rejected', 'vetoed', 'expired'];
const PAGE = 20;

/**
 * The list's hash query (`#/proposals?status=open&after=20`) checked strictly: only `status` (one of
 * STATUSES) and `after` (a decimal seq), each at most once.
 */
export function parseListQuery(text = '') {
  const q = new URLSearchParams(text);
  const out = { status: undefined, after: 0 };
  for (const key of new Set(q.keys())) {
    const values = q.getAll(key);
    if (values.length !== 1) throw new Error(`"${key}" is given more than once`);
    const v = values[0];
    if (key === 'status' && STATUSES.includes(v)) out.status = v;
    else if (key === 'after' && /^(0|[1-9][0-9]{0,15})$/.test(v)) out.after = Number(v);
    else throw new Error(`bad filter ${key}=${v}: status is one of ${STATUSES.join(', ')}, after a number`);
  }
  return out;
}

/** The hash of a list page. */
function listHref(status, after) {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (after) q.set('after', String(after));
  const text = q.toString();
  return text ? `#/proposals?${text}` : '#/proposals';
}

export async function proposalsView(_ctx, query) {
  const { status, after } = parseListQuery(query);
  const api = new URLSearchParams({ after: String(after), limit: String(PAGE) });
  if (status) api.set('status', status);
  const body = await get(`/v1/proposals?${api}`);
  return h(
    'section',
    {},
    h('h1', {}, `Proposals at height ${body.height} `, await verifyBadge('proposals', body)),
    h(
      'p',
      { class: 'filters' },
      'Status: ',
      statusLinks(status),
      ' | ',
      h('a', { href: '#/veto' }, 'veto key and delegates'),
    ),
    table(
      ['#', 'kind', 'title', 'status', 'voting ends', 'tally (yes/no/abstain of needed)'],
      body.proposals.map((p) => [
        h('a', { href: `#/proposals/${p.id}` }, String(p.seq)),
        p.kind,
        h('a', { href: `#/proposals/${p.id}` }, p.title || '(no title)'),
        h('span', { class: `status ${p.status}` }, p.status),
        nsTime(p.votingEnds),
        tallyText(p.tally),
      ]),
      status ? `no ${status} proposals` : 'no proposals yet',
    ),
    h(
      'p',
      { class: 'pager' },
      after > 0 ? h('a', { href: listHref(status, 0) }, '« first page') : null,
      body.next !== null ? h('a', { href: listHref(status, body.next) }, 'next page »') : null,
    ),
  );
}

function statusLinks(current) {
  const link = (s, label) =>
    h('a', { href: listHref(s, 0), class: s === current ? 'active' : undefined }, label);
  return [link(undefined, 'all'), STATUSES.map((s) => [' · ', link(s, s)])];
}

function tallyText(t) {
  return `${t.yes} / ${t.no} / ${t.abstain} of ${t.needed}`;
}

export async function proposalView(_ctx, id) {
  const [p, status, veto] = await Promise.all([
    get(`/v1/proposals/${id}`),
    get('/v1/status'),
    get('/v1/veto'),
  ]);
  const subchain = `congress:${id}`;
  // the congress subchain exists once a block has opened it; asking before would answer 404
  const congress =
    subchain in status.tips
      ? await get(`/v1/subchains/${encodeURIComponent(subchain)}/tokens?limit=100`)
      : null;
  return h(
    'section',
    {},
    h('h1', {}, `Proposal ${p.seq} `, await verifyBadge('proposal', p)),
    fields([
      ['id', short(p.id)],
      ['title', p.title || '(no title)'],
      ['kind', p.kind],
      ['CID', h('span', { class: 'hash' }, p.cid)],
      ['status', h('span', { class: `status ${p.status}` }, p.status)],
      ['published at', h('a', { href: `#/blocks/${p.publishedAt}` }, String(p.publishedAt))],
      ['publisher', short(p.publisher, `#/accounts/${p.publisher}`)],
      ['token', short(p.token, `#/tokens/${p.token}`)],
      ['voting starts', nsTime(p.votingStarts)],
      ['voting ends', nsTime(p.votingEnds)],
      [
        'closed at',
        p.closedAt === null ? 'not closed' : h('a', { href: `#/blocks/${p.closedAt}` }, String(p.closedAt)),
      ],
      p.upgrade && ['upgrade', `${p.upgrade.name} at height ${p.upgrade.height}`],
      ['veto', vetoText(p, veto)],
    ]),
    p.kind === 'parameter' ? [h('h2', {}, 'Parameter changes'), changesTable(p.changes)] : null,
    h('h2', {}, 'Tally'),
    tallyBars(p),
    h('h2', {}, `Congress (${p.congressSize} seats)`),
    congressTable(p, congress),
  );
}

function vetoText(p, veto) {
  if (p.veto) {
    const by = [
      'vetoed at ',
      h('a', { href: `#/blocks/${p.veto.height}` }, String(p.veto.height)),
      ' by ',
      short(p.veto.by),
    ];
    return p.status === 'open' ? [by, '; it closes as vetoed when voting ends'] : by;
  }
  if (p.kind !== 'upgrade') return 'only upgrades can be vetoed';
  return ['not vetoed; veto key ', h('a', { href: '#/veto' }, short(veto.key))];
}

function changesTable(changes) {
  return table(
    ['parameter', 'new value'],
    changes.map((c) => [c.parameter, c.value]),
    'no changes',
  );
}

function tallyBars(p) {
  const { yes, no, abstain, needed } = p.tally;
  const of = Math.max(1, p.congressSize);
  return table(
    ['choice', 'votes', ''],
    [
      ['yes', String(yes), bar(yes / of, `${yes} of ${p.congressSize} seats`)],
      ['no', String(no), bar(no / of, `${no} of ${p.congressSize} seats`, 'expiry')],
      ['abstain', String(abstain), bar(abstain / of, `${abstain} of ${p.congressSize} seats`)],
      ['needed to pass', String(needed), bar(needed / of, `${needed} yes votes needed`)],
    ],
  );
}

/** The congress tokens (the subchain's) with each one's vote; votes of tokens not listed follow. */
function congressTable(p, congress) {
  const choice = new Map(p.votes.map((v) => [v.token, v.choice]));
  const tokens = congress?.tokens ?? [];
  const listed = new Set(tokens.map((t) => t.hash));
  const rows = tokens.map((t) => [
    short(t.hash, `#/tokens/${t.hash}`),
    short(t.key, `#/accounts/${t.key}`),
    choice.get(t.hash) ?? 'not voted',
  ]);
  for (const v of p.votes)
    if (!listed.has(v.token)) rows.push([short(v.token, `#/tokens/${v.token}`), '–', v.choice]);
  return [
    h('p', {}, `${p.votes.length} vote(s); congress root target ${p.congressRootTarget.slice(0, 16)}…`),
    table(['token', 'miner', 'vote'], rows, 'no congress token mined and no vote yet'),
  ];
}
