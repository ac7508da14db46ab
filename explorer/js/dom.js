/** Small DOM helpers and formatters shared by the views. */

/**
 * Creates an element: `h('a', { href: '#/' }, 'text', child)`. Attributes are set as attributes
 * (never inline styles, which the page's Content-Security-Policy forbids); children may be strings,
 * nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A shortened hash or key, linked when `href` is given; the full value is its title. */
export function short(hex, href) {
  const text = hex.length > 20 ? `${hex.slice(0, 10)}…${hex.slice(-6)}` : hex;
  return href
    ? h('a', { href, class: 'hash', title: hex }, text)
    : h('span', { class: 'hash', title: hex }, text);
}

/** A field list from [label, value] pairs. */
export function fields(pairs) {
  return h(
    'dl',
    { class: 'fields' },
    pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

/** A table with a header row; `rows` are arrays of cells. */
export function table(head, rows, empty = 'none') {
  if (rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', {}, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    ),
  );
}

/** A labelled figure card. */
export function card(label, value, extra) {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    extra,
  );
}

/** A proportion bar (0..1) with a text title; width is set through the CSSOM, which CSP allows. */
export function bar(fraction, title, kind = '') {
  const fill = h('span');
  fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  return h('div', { class: `bar ${kind}`, title, role: 'img', 'aria-label': title }, fill);
}

/** Nanoseconds since the epoch (decimal string) as a local date and time. */
export function nsTime(ns) {
  return new Date(Number(BigInt(ns) / 1_000_000n)).toLocaleString();
}

/** A rate with a unit prefix: 1.2 M, 345 k. */
export function si(n, unit = '') {
  const units = ['', 'k', 'M', 'G', 'T', 'P'];
  let i = 0;
  while (Math.abs(n) >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n.toFixed(n < 10 && i > 0 ? 2 : n < 100 && i > 0 ? 1 : 0)} ${units[i]}${unit}`;
}

/** Coins as a grouped decimal. */
export function coins(text) {
  return BigInt(text).toLocaleString('en-US');
}
