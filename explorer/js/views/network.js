/** The network: ledger head with a live block feed, blocks per second, token tips, hash rate, peers. */
import { get, subscribe } from '../api.js';
import { card, h, nsTime, short, si, table } from '../dom.js';
import { followBadge } from '../verify.js';

/** Blocks kept in the live feed. */
const FEED = 12;

export async function networkView(ctx) {
  const [status, head] = await Promise.all([get('/v1/status'), get('/v1/ledger/head')]);
  const older = head.height > 10 ? await get(`/v1/ledger/blocks/${head.height - 10}`) : undefined;
  /** Recent (height, time ns) pairs for the block rate. */
  const times = older ? [[older.height, BigInt(older.header.time)]] : [];
  if (head.height > 0) times.push([head.height, BigInt(head.time)]);

  const heightEl = h('span', { id: 'head-height' }, String(head.height));
  const rateEl = h('span', { id: 'block-rate' }, rate(times));
  const headHash = h('span', {}, short(head.hash, `#/blocks/${head.height}`));
  const feedState = h('span', { class: 'badge', id: 'feed-state' }, 'connecting');
  const feed = h('ol', { class: 'feed', id: 'feed' });
  const headBadge = followBadge(head);

  const sub = subscribe(
    (b) => {
      heightEl.textContent = String(b.height);
      headBadge.seen(b);
      headHash.replaceChildren(short(b.hash, `#/blocks/${b.height}`));
      times.push([b.height, BigInt(b.time)]);
      if (times.length > 30) times.shift();
      rateEl.textContent = rate(times);
      feed.prepend(feedItem(b));
      while (feed.children.length > FEED) feed.lastChild.remove();
    },
    (state) => {
      feedState.textContent = state;
    },
  );
  ctx.onStop(() => sub.close());

  const m = status.mining;
  return h(
    'section',
    {},
    h('h1', {}, `Network `, h('span', { class: 'muted' }, status.network)),
    h(
      'div',
      { class: 'cards' },
      card('ledger height', heightEl, headBadge.el),
      card('head block', headHash),
      card('blocks / s', rateEl),
      card('consensus', `round ${head.consensus.round} · ${head.consensus.step}`),
      card('validators', String(head.consensus.validators)),
      card('mempool', `${head.mempool} tx`),
      card('supply', BigInt(head.supply).toLocaleString('en-US')),
      card(
        "this node's miner",
        m.enabled ? `${si(m.hashRate, 'H/s')}` : 'not mining',
        m.enabled ? h('div', { class: 'muted' }, `${m.type}, found ${m.found}`) : null,
      ),
      card('peers', String(status.peers.count)),
    ),
    h('h2', {}, 'Live blocks ', feedState),
    feed,
    h('h2', {}, 'Token subchain tips'),
    table(
      ['subchain', 'tokens', 'tip', 'accumulated work', 'time'],
      Object.entries(status.tips).map(([id, t]) => [
        id.length > 20 ? short(id) : id,
        String(t.count),
        t.count > 0 ? short(t.hash, `#/tokens/${t.hash}`) : h('span', { class: 'muted' }, 'genesis'),
        si(Number(t.aw)),
        nsTime(t.time),
      ]),
    ),
    h('p', {}, h('a', { href: '#/dag' }, 'Token DAG picture and network hash rate →')),
    h('h2', {}, 'Peers'),
    table(
      ['id', 'address', 'direction', 'score'],
      status.peers.list.map((p) => [
        short(p.id),
        p.address,
        p.inbound ? 'inbound' : 'outbound',
        String(p.score),
      ]),
      'no peers',
    ),
    h(
      'p',
      { class: 'muted' },
      `chain ${status.chainId.slice(0, 16)}… · ${status.sync.syncing ? 'syncing' : 'in sync'}`,
    ),
  );
}

function feedItem(b) {
  return h(
    'li',
    { class: 'new' },
    h('a', { href: `#/blocks/${b.height}` }, `#${b.height}`),
    ' ',
    short(b.hash),
    h('span', { class: 'muted' }, ` · ${b.txs} tx · round ${b.round} · ${nsTime(b.time)}`),
  );
}

/** Blocks per second over the recorded (height, time) pairs, from block times. */
function rate(times) {
  if (times.length < 2) return '–';
  const [h0, t0] = times[0];
  const [h1, t1] = times[times.length - 1];
  const seconds = Number(t1 - t0) / 1e9;
  return seconds > 0 ? ((h1 - h0) / seconds).toFixed(2) : '–';
}
