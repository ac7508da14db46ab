/** A transaction by hash: pending in the mempool or committed at a height. */
import { get } from '../api.js';
import { coins, fields, h, short } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function txView(_ctx, hash) {
  const t = await get(`/v1/txs/${hash}`);
  return h(
    'section',
    {},
    h(
      'h1',
      {},
      'Transaction ',
      h('span', { class: 'badge', id: 'tx-status' }, t.status),
      await verifyBadge('tx', t),
    ),
    fields([
      ['hash', h('code', {}, t.hash)],
      [
        'status',
        t.status === 'committed'
          ? h(
              'span',
              {},
              'committed in block ',
              h('a', { href: `#/blocks/${t.height}` }, String(t.height)),
              ` at position ${t.index}`,
            )
          : 'pending in the mempool',
      ],
      t.blockHash && ['block hash', short(t.blockHash, `#/blocks/${t.height}`)],
      ['type', t.tx.type],
      ...txFields(t.tx),
      ['signature', h('code', {}, t.tx.signature)],
      ['bytes', `${t.raw.length / 2}`],
    ]),
  );
}

function txFields(tx) {
  if (tx.type === 'transfer')
    return [
      ['from', short(tx.from, `#/accounts/${tx.from}`)],
      ['to', short(tx.to, `#/accounts/${tx.to}`)],
      ['amount', coins(tx.amount)],
      ['fee', coins(tx.fee)],
      ['nonce', tx.nonce],
    ];
  if (tx.type === 'token-transfer')
    return [
      ['token', short(tx.token, `#/tokens/${tx.token}`)],
      ['new owner', short(tx.newOwner, `#/accounts/${tx.newOwner}`)],
      ['seq', String(tx.seq)],
    ];
  if (tx.type === 'evidence')
    return [
      ['offender', h('code', {}, tx.offender)],
      ['reporter', short(tx.reporter, `#/accounts/${tx.reporter}`)],
      ['offence', `${tx.kind} at ${tx.height}/${tx.round}`],
    ];
  return [
    ['consensus key', h('code', {}, tx.consensusKey)],
    ['token', h('code', {}, `${tx.token.slice(0, 64)}…`)],
  ];
}

/** One line about a transaction for tables. */
export function txSummary(tx) {
  if (tx.type === 'transfer')
    return h(
      'span',
      {},
      short(tx.from, `#/accounts/${tx.from}`),
      ' → ',
      short(tx.to, `#/accounts/${tx.to}`),
      ` ${coins(tx.amount)} (fee ${coins(tx.fee)})`,
    );
  if (tx.type === 'token-transfer')
    return h('span', {}, short(tx.token, `#/tokens/${tx.token}`), ' → ', short(tx.newOwner));
  if (tx.type === 'evidence')
    return h('span', {}, `${tx.kind} equivocation by `, short(tx.offender), ` at ${tx.height}/${tx.round}`);
  return h('span', {}, 'validator ', short(tx.consensusKey));
}
