/** The veto: the genesis veto key and the delegates it named (GET /v1/veto). */
import { get } from '../api.js';
import { fields, h, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function vetoView() {
  const v = await get('/v1/veto');
  return h(
    'section',
    {},
    h('h1', {}, `Veto at height ${v.height} `, await verifyBadge('veto', v)),
    h('p', {}, 'The veto key, or a delegate it named, may veto an upgrade proposal while it is open.'),
    fields([
      ['veto key', h('span', { class: 'hash', id: 'veto-key' }, v.key)],
      ['next delegation seq', String(v.seq)],
    ]),
    h('h2', {}, 'Delegates'),
    table(
      ['key', 'since', 'revoked at', 'active'],
      v.delegates.map((d) => [
        short(d.key),
        h('a', { href: `#/blocks/${d.since}` }, String(d.since)),
        d.revokedAt === null ? '–' : h('a', { href: `#/blocks/${d.revokedAt}` }, String(d.revokedAt)),
        d.active ? 'yes' : 'no',
      ]),
      'no delegates',
    ),
  );
}
