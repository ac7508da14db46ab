/** The explorer: a hash router over the views, and the search box. */
import { h } from './dom.js';
import { showTrust } from './verify.js';
import { accountsView, accountView } from './views/accounts.js';
import { blocksView, blockView } from './views/blocks.js';
import { dagView } from './views/dag.js';
import { evidenceView } from './views/evidence.js';
import { networkView } from './views/network.js';
import { proposalsView, proposalView } from './views/proposals.js';
import { tokensView, tokenView } from './views/tokens.js';
import { txView } from './views/tx.js';
import { validatorsView } from './views/validators.js';
import { vetoView } from './views/veto.js';

/** Routes: a pattern on the hash path and the view it renders (args: the captured groups). */
const ROUTES = [
  [/^\/$/, networkView, '#/'],
  [/^\/dag$/, dagView, '#/dag'],
  [/^\/blocks$/, blocksView, '#/blocks'],
  [/^\/blocks\/([0-9]+)$/, blockView, '#/blocks'],
  [/^\/tx\/([0-9a-f]{64})$/, txView, '#/blocks'],
  [/^\/tokens$/, tokensView, '#/tokens'],
  [/^\/tokens\/([0-9a-f]{64})$/, tokenView, '#/tokens'],
  [/^\/accounts$/, accountsView, '#/accounts'],
  [/^\/accounts\/([0-9a-f]{64})$/, accountView, '#/accounts'],
  [/^\/validators$/, validatorsView, '#/validators'],
  [/^\/evidence$/, evidenceView, '#/evidence'],
  [/^\/proposals(?:\?([^#]*))?$/, proposalsView, '#/proposals'],
  [/^\/proposals\/([0-9a-f]{64})$/, proposalView, '#/proposals'],
  [/^\/veto$/, vetoView, '#/proposals'],
];

const view = document.getElementById('view');
/** The running view's cleanup (closes its websocket and timers). */
let stop = () => {};
let generation = 0;

async function render() {
  const path = location.hash.replace(/^#/, '') || '/';
  stop();
  stop = () => {};
  const mine = ++generation;
  const route = ROUTES.find(([re]) => re.test(path));
  for (const a of document.querySelectorAll('#nav a'))
    a.classList.toggle('active', route !== undefined && a.getAttribute('href') === route[2]);
  view.replaceChildren(h('p', { class: 'muted' }, 'loading…'));
  if (!route) return view.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, `no view for ${path}`));
  const [re, fn] = route;
  const ctx = {
    /** Whether this view is still the one shown (a later navigation supersedes it). */
    current: () => mine === generation,
    onStop(f) {
      if (mine === generation) stop = f;
      else f();
    },
  };
  try {
    const node = await fn(ctx, ...re.exec(path).slice(1));
    if (ctx.current()) view.replaceChildren(node);
  } catch (e) {
    if (ctx.current()) view.replaceChildren(h('h1', {}, 'Error'), h('p', { class: 'error' }, e.message));
  }
}

/** The search box: a height, a 64-hex hash (tx, token or account, tried in that order). */
async function search(event) {
  event.preventDefault();
  const q = document.getElementById('q').value.trim().toLowerCase();
  if (/^[0-9]{1,15}$/.test(q)) location.hash = `#/blocks/${q}`;
  else if (/^[0-9a-f]{64}$/.test(q)) {
    const tries = [
      [`/v1/txs/${q}`, `#/tx/${q}`],
      [`/v1/tokens/${q}`, `#/tokens/${q}`],
    ];
    for (const [api, target] of tries) {
      const res = await fetch(api);
      if (res.ok) return void (location.hash = target);
    }
    location.hash = `#/accounts/${q}`;
  } else
    view.replaceChildren(
      h('p', { class: 'error' }, 'search for a block height or a 64-digit hex hash or key'),
    );
}

window.addEventListener('hashchange', render);
document.getElementById('search').addEventListener('submit', search);
render();
showTrust(document.getElementById('trust'));
