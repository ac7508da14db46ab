/** Ledger blocks: the latest as a list, and one block with its transactions and commit signatures. */
import { get } from '../api.js';
import { txHashes } from '../core.js';
import { fields, h, nsTime, short, table } from '../dom.js';
import { validatorsOf, verifyBadge } from '../verify.js';
import { txSummary } from './tx.js';

const PAGE = 20;

export async function blocksView() {
  const head = await get('/v1/ledger/head');
  const top = Number(new URLSearchParams(location.hash.split('?')[1] ?? '').get('from')) || head.height;
  const heights = [];
  for (let x = Math.min(top, head.height); x > 0 && heights.length < PAGE; x--) heights.push(x);
  const blocks = await Promise.all(heights.map((x) => get(`/v1/ledger/blocks/${x}`)));
  return h(
    'section',
    {},
    h('h1', {}, 'Ledger blocks ', await verifyBadge('block', blocks)),
    table(
      ['height', 'hash', 'time', 'round', 'txs', 'signatures', 'proposer'],
      blocks.map((b) => [
        h('a', { href: `#/blocks/${b.height}` }, String(b.height)),
        short(b.hash, `#/blocks/${b.height}`),
        nsTime(b.header.time),
        String(b.header.round),
        String(b.txs.length),
        String(b.commit.signatures.length),
        short(b.header.proposer),
      ]),
      'no blocks committed yet',
    ),
    h(
      'div',
      { class: 'pager' },
      heights.at(-1) > 1 ? h('a', { href: `#/blocks?from=${heights.at(-1) - 1}` }, 'older →') : null,
    ),
  );
}

export async function blockView(_ctx, text) {
  const height = Number(text);
  const b = await get(`/v1/ledger/blocks/${height}`);
  const hashes = txHashes(b.raw);
  const head = await get('/v1/ledger/head');
  const signers = b.commit.signatures.map((sig) => h('span', { class: 'signer' }, `#${sig.validator}`));
  // each signer's key, from the validator list of this height that its verified header names
  validatorsOf(height)
    .then((keys) =>
      signers.forEach((el, i) => {
        const index = b.commit.signatures[i].validator;
        if (keys[index]) el.replaceChildren(`#${index} `, short(keys[index]));
      }),
    )
    .catch(() => {});
  const hd = b.header;
  return h(
    'section',
    {},
    h('h1', {}, `Block ${b.height} `, await verifyBadge('block', b)),
    fields([
      ['hash', h('code', {}, b.hash)],
      ['time', nsTime(hd.time)],
      ['round', String(hd.round)],
      ['proposer', h('code', {}, hd.proposer)],
      [
        'previous',
        height > 1
          ? h('a', { href: `#/blocks/${height - 1}`, class: 'hash' }, hd.lastBlockHash)
          : h('code', {}, hd.lastBlockHash),
      ],
      ['state root', h('code', {}, hd.stateRoot)],
      ['txs hash', h('code', {}, hd.txsHash)],
      ['validators hash', h('code', {}, hd.validatorsHash)],
      ['validator checkpoint', short(hd.checkpoints.validator, `#/tokens/${hd.checkpoints.validator}`)],
      ['proposal checkpoint', short(hd.checkpoints.proposal, `#/tokens/${hd.checkpoints.proposal}`)],
    ]),
    h(
      'div',
      { class: 'pager' },
      height > 1 ? h('a', { href: `#/blocks/${height - 1}` }, '← previous') : null,
      height < head.height ? h('a', { href: `#/blocks/${height + 1}` }, 'next →') : null,
    ),
    h('h2', {}, `Transactions (${b.txs.length})`),
    table(
      ['hash', 'type', 'details'],
      b.txs.map((tx, i) => [short(hashes[i], `#/tx/${hashes[i]}`), tx.type, txSummary(tx)]),
      'no transactions',
    ),
    h('h2', {}, `Commit: ${b.commit.signatures.length} signature(s), round ${b.commit.round}`),
    table(
      ['validator', 'time', 'signature'],
      b.commit.signatures.map((sig, i) => [signers[i], nsTime(sig.timestamp), short(sig.signature)]),
    ),
    h('h2', {}, `Last commit (block ${b.lastCommit.height}): ${b.lastCommit.signatures.length} signature(s)`),
  );
}
