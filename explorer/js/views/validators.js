/** The validator queue: members with uses left and expiry as bars, and pending announcements. */
import { get } from '../api.js';
import { bar, h, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function validatorsView() {
  const [v, head] = await Promise.all([get('/v1/validators'), get('/v1/ledger/head')]);
  const maxUses = Math.max(1, ...v.queue.map((m) => m.uses));
  const now = BigInt(head.time);
  const horizon = v.queue.reduce((a, m) => (BigInt(m.expiry) - now > a ? BigInt(m.expiry) - now : a), 1n);
  return h(
    'section',
    {},
    h('h1', {}, `Validators at height ${v.height} `, await verifyBadge('validators', v)),
    h(
      'p',
      {},
      `${v.validators.length} active, ${v.queue.length} in the queue, ${v.pending.length} announcement(s) pending.`,
    ),
    table(
      ['#', 'validator', 'owner', 'uses left', '', 'expires in', ''],
      v.queue.map((m) => {
        const left = BigInt(m.expiry) - now;
        return [
          m.position >= 0 ? String(m.position) : '–',
          short(m.key),
          short(m.owner, `#/accounts/${m.owner}`),
          String(m.uses),
          bar(m.uses / maxUses, `${m.uses} uses left`),
          left > 0n ? duration(left) : 'expired',
          bar(Number(left > 0n ? left : 0n) / Number(horizon), 'time to expiry', 'expiry'),
        ];
      }),
      'the queue is empty',
    ),
    h('h2', {}, 'Pending announcements'),
    table(
      ['validator', 'token', 'owner'],
      v.pending.map((m) => [
        short(m.key),
        short(m.token, `#/tokens/${m.token}`),
        short(m.owner, `#/accounts/${m.owner}`),
      ]),
      'none pending',
    ),
  );
}

/** Nanoseconds as days, hours or minutes. */
function duration(ns) {
  const s = Number(ns / 1_000_000_000n);
  if (s >= 86400) return `${(s / 86400).toFixed(1)} d`;
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s / 60)} min`;
}
