/**
 * Checks on a raw HTTP request before it reaches the router: a Host header and request target that
 * form a URL, and upgrades only to a websocket on a path that serves one. Each check is at least as
 * strict as the one @hono/node-server makes when it builds the Request, so whatever passes here
 * never turns into an empty 400 or a 500 further in.
 */
import type { IncomingMessage } from 'node:http';

/** A host name, IPv4 address or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/** Why `host` is not a usable Host header, or undefined when it is. */
export function hostProblem(host: string): string | undefined {
  const m = HOST.exec(host);
  if (!m) return 'the Host header is not a host name or address with an optional port';
  if (m[1] !== undefined && Number(m[1]) > 65535) return 'the Host header port is over 65535';
  const bare = (m[1] === undefined ? host : host.slice(0, host.lastIndexOf(':'))).toLowerCase();
  const url = parse(`http://${host}/`);
  if (!url) return 'the Host header does not form a URL';
  if (url.hostname !== bare) return 'the Host header is not in canonical form';
  return undefined;
}

/** Why the request target (origin-form or absolute-form) is unusable, or undefined when it is fine. */
export function targetProblem(target: string, host: string): string | undefined {
  const query = target.indexOf('?');
  const backslash = target.indexOf('\\');
  if (backslash !== -1 && (query === -1 || backslash < query)) return 'a backslash in the request path';
  if (/^https?:\/\//i.test(target)) {
    const url = parse(target);
    if (!url) return 'the absolute request target does not parse';
    return url.host === '' ? 'the absolute request target has no host' : hostProblem(url.host);
  }
  if (target[0] !== '/') return 'the request target must start with / or be an absolute http URL';
  return parse(`http://${host}${target}`) ? undefined : 'the request target does not parse';
}

/** Why the request is refused before routing (status 400), or undefined to route it. */
export function requestProblem(req: IncomingMessage, fallbackHost: string): string | undefined {
  const host = req.headers.host;
  if (host !== undefined) {
    const problem = hostProblem(host);
    if (problem) return problem;
  }
  return targetProblem(req.url ?? '', host ?? fallbackHost);
}

/** True when `req` asks to switch protocols. */
export function isUpgrade(req: IncomingMessage): boolean {
  return req.headers.upgrade !== undefined;
}

/** The request's path (no query), for matching websocket routes. */
export function requestPath(req: IncomingMessage): string {
  const url = parse(req.url ?? '/', 'http://localhost');
  return url?.pathname ?? '';
}

function parse(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
