/** Recorded equivocations: two conflicting signed messages of one validator at one position. */
import { get } from '../api.js';
import { h, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function evidenceView() {
  const { evidence } = await get('/v1/ledger/evidence');
  return h(
    'section',
    {},
    h('h1', {}, 'Evidence ', await verifyBadge('evidence', evidence)),
    table(
      ['height', 'round', 'kind', 'validator', 'first', 'second'],
      evidence.map((e) => [
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
