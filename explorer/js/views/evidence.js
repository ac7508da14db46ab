/**
 * Evidence: equivocations committed by blocks (the offender leaves the queue), and the conflicting
 * signed messages this node saw itself.
 */
import { get } from '../api.js';
import { h, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function evidenceView() {
  const body = await get('/v1/ledger/evidence?limit=100');
  return h(
    'section',
    {},
    h('h1', {}, 'Evidence ', await verifyBadge('evidence', body)),
    h('h2', {}, 'Committed'),
    table(
      ['recorded in block', 'offence at', 'kind', 'offender', 'reporter'],
      body.committed.map((e) => [
        h('a', { href: `#/blocks/${e.recordedAt}` }, String(e.recordedAt)),
        `${e.height}/${e.round}`,
        e.kind,
        short(e.offender),
        short(e.reporter, `#/accounts/${e.reporter}`),
      ]),
      'no equivocation committed',
    ),
    h('h2', {}, 'Seen by this node'),
    table(
      ['height', 'round', 'kind', 'validator', 'first', 'second'],
      body.evidence.map((e) => [
        h('a', { href: `#/blocks/${e.height}` }, String(e.height)),
        String(e.round),
        e.kind,
        short(e.validator),
        short(e.first),
        short(e.second),
      ]),
      'no equivocation recorded',
    ),
  );
}
