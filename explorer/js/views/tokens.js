/** Tokens: the latest of each subchain, and one token with its owner and its use in the validator queue. */
import { find, get } from '../api.js';
import { fields, h, nsTime, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

const RECENT = 15;

export async function tokensView() {
  const status = await get('/v1/status');
  const ids = Object.keys(status.tips).filter((id) => status.tips[id].count > 0);
  const pages = await Promise.all(
    ids.map((id) =>
      get(
        `/v1/subchains/${encodeURIComponent(id)}/tokens?after=${Math.max(0, status.tips[id].count - RECENT)}&limit=${RECENT}`,
      ),
    ),
  );
  const rows = pages.flatMap((p) => p.tokens.slice().reverse());
  return h(
    'section',
    {},
    h('h1', {}, 'Tokens ', await verifyBadge('token', rows)),
    table(
      ['hash', 'subchain', 'count', 'merge', 'miner (owner)', 'confirmations', 'time'],
      rows.map((t) => [
        short(t.hash, `#/tokens/${t.hash}`),
        t.subchain.length > 20 ? short(t.subchain) : t.subchain,
        String(t.count),
        t.merge ? 'merge' : '',
        short(t.key, `#/accounts/${t.key}`),
        t.confirmations === null ? '–' : String(t.confirmations),
        nsTime(t.time),
      ]),
      'no tokens mined yet',
    ),
  );
}

export async function tokenView(_ctx, hash) {
  const [t, v, ledger] = await Promise.all([
    get(`/v1/tokens/${hash}`),
    get('/v1/validators'),
    find(`/v1/ledger/tokens/${hash}`),
  ]);
  const member = v.queue.find((m) => m.token === hash);
  const pending = v.pending.find((m) => m.token === hash);
  const owner = member?.owner ?? pending?.owner ?? t.key;
  const use = member
    ? `in the validator queue: validator ${member.key.slice(0, 16)}…, ${member.uses} use(s) left${member.position >= 0 ? `, active at #${member.position}` : ''}`
    : pending
      ? 'announced: joins the validator queue shortly'
      : 'not in use';
  return h(
    'section',
    {},
    h('h1', {}, `Token `, h('span', { class: 'muted' }, t.subchain), await verifyBadge('token', t)),
    fields([
      ['hash', h('code', {}, t.hash)],
      ['type', `${t.type}${t.merge ? ' (merge)' : ''}`],
      ['owner', short(owner, `#/accounts/${owner}`)],
      ['mined to', short(t.key, `#/accounts/${t.key}`)],
      ['use', h('span', { id: 'token-use' }, use)],
      ledger && [
        'ledger entry',
        h(
          'span',
          {},
          h('span', { id: 'token-entry' }, entryText(ledger.entry)),
          verifyBadge('token-entry', ledger),
        ),
      ],
      [
        'parents',
        h(
          'span',
          {},
          t.parents.map((p, i) => [i ? ' + merged ' : '', short(p, `#/tokens/${p}`)]),
        ),
      ],
      ['count / height', `${t.count} / ${t.height}`],
      ['canonical', t.canonical ? `yes, ${t.confirmations} confirmation(s)` : 'no'],
      ['time', nsTime(t.time)],
      ['target', h('code', {}, t.target)],
      ['accumulated work', t.aw],
    ]),
  );
}

/** A token's ledger entry (GET /v1/ledger/tokens/{hash}): its owner and use, or none. */
function entryText(entry) {
  if (!entry) return 'none: never moved, announced or used';
  return [`${entry.use}, owner `, short(entry.owner, `#/accounts/${entry.owner}`), `, seq ${entry.seq}`];
}
