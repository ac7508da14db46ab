/** Accounts: look one up by key; known keys (genesis balances, validator owners) are listed. */
import { get } from '../api.js';
import { coins, fields, h, short, table } from '../dom.js';
import { verifyBadge } from '../verify.js';

export async function accountsView() {
  const [params, v] = await Promise.all([get('/v1/params'), get('/v1/validators')]);
  const keys = new Set([
    ...(params.genesis.balances ?? []).map((b) => b.key),
    ...v.queue.map((m) => m.owner),
  ]);
  const accounts = await Promise.all([...keys].slice(0, 50).map((k) => get(`/v1/accounts/${k}`)));
  const input = h('input', {
    id: 'account-key',
    placeholder: 'account key (64 hex digits)',
    size: 66,
    spellcheck: 'false',
  });
  const go = (e) => {
    e.preventDefault();
    const key = input.value.trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(key)) location.hash = `#/accounts/${key}`;
  };
  return h(
    'section',
    {},
    h('h1', {}, 'Accounts ', await verifyBadge('account', accounts)),
    h('form', { onsubmit: go }, input, ' ', h('button', { type: 'submit' }, 'Look up')),
    h('h2', {}, 'Known accounts'),
    table(
      ['key', 'balance', 'nonce'],
      accounts.map((a) => [short(a.key, `#/accounts/${a.key}`), coins(a.balance), a.nonce]),
    ),
  );
}

export async function accountView(_ctx, key) {
  const [a, v] = await Promise.all([get(`/v1/accounts/${key}`), get('/v1/validators')]);
  const owned = v.queue.filter((m) => m.owner === key);
  return h(
    'section',
    {},
    h('h1', {}, 'Account ', await verifyBadge('account', a)),
    fields([
      ['key', h('code', {}, a.key)],
      ['balance', h('span', { id: 'account-balance' }, coins(a.balance))],
      ['nonce', a.nonce],
      ['read at', h('span', {}, 'block ', h('a', { href: `#/blocks/${a.height}` }, String(a.height)))],
      ['state root', h('code', {}, a.stateRoot)],
      ['proof', `${a.proof.length / 2} bytes against the state root`],
    ]),
    h('h2', {}, 'Validator tokens owned'),
    table(
      ['token', 'validator', 'uses left'],
      owned.map((m) => [short(m.token, `#/tokens/${m.token}`), short(m.key), String(m.uses)]),
    ),
  );
}
