/**
 * Edge relays the node keeps connected (`proto node --edge URL`). An edge is dialled like a peer and
 * treated as one for gossip and sync, but its URL never enters the address book and is never offered
 * in `peers`. A lost connection is redialled with exponential backoff (EDGE_RETRY_MS doubling up to
 * EDGE_RETRY_MAX_MS), reset once a handshake succeeds, so the node survives the edge restarting.
 */

export const EDGE_RETRY_MS = 500;
export const EDGE_RETRY_MAX_MS = 10_000;

/** Why `text` is not an edge URL (ws:// or wss://, a host, a path, no credentials or fragment), or undefined. */
export function edgeUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `scheme ${url.protocol} is not ws: or wss:`;
  if (!url.hostname) return 'no host';
  if (url.username || url.password) return 'credentials are not allowed';
  if (url.hash) return 'a fragment is not allowed';
  if (url.pathname === '/' || url.pathname === '') return 'no path (the relay is at /v1/relay)';
  return undefined;
}

interface Entry {
  failures: number;
  nextDial: number;
}

export class EdgeDialer {
  private readonly entries = new Map<string, Entry>();

  constructor(urls: readonly string[]) {
    for (const u of urls) this.entries.set(u, { failures: 0, nextDial: 0 });
  }

  /** Edge URLs whose time to dial has come. */
  due(now: number): string[] {
    return [...this.entries].filter(([, e]) => e.nextDial <= now).map(([u]) => u);
  }

  has(url: string): boolean {
    return this.entries.has(url);
  }

  dialed(url: string, now: number): void {
    const e = this.entries.get(url);
    if (e) e.nextDial = now + Math.min(EDGE_RETRY_MAX_MS, EDGE_RETRY_MS * 2 ** e.failures);
  }

  failed(url: string): void {
    const e = this.entries.get(url);
    if (e) e.failures = Math.min(e.failures + 1, 16);
  }

  succeeded(url: string): void {
    const e = this.entries.get(url);
    if (e) e.failures = 0;
  }
}
