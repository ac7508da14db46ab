import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import { type ApiFailure, apiError } from '../../core/api/errors.ts';
import { isUpgrade, requestPath, requestProblem } from './guard.ts';

/** What the server allows each client; every field has a default (DEFAULT_HTTP_LIMITS). */
export interface HttpLimits {
  /** Open connections in all; further ones are not accepted until some close. */
  maxConnections: number;
  /** Open connections from one remote address; further ones get 429 and are closed. */
  perAddress: number;
  /** Time to receive the request headers (ms); then 408 and closed. */
  headersTimeoutMs: number;
  /** Time to receive the whole request (ms); then 408 and closed. */
  requestTimeoutMs: number;
  /** A connection with no traffic for this long (ms) is closed. */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long (ms). */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 256,
  perAddress: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Open HTTP connections the server accepts at once; further ones are refused until some close. */
export const MAX_HTTP_CONNECTIONS = DEFAULT_HTTP_LIMITS.maxConnections;

/** How a server is started: the paths that accept a websocket upgrade, and limits over the defaults. */
export interface HttpOptions {
  websocketPaths?: readonly string[];
  limits?: Partial<HttpLimits>;
}

/** A listening HTTP server. */
export interface HttpServer {
  port: number;
  close(): Promise<void>;
  /** Connections open now, upgraded websockets included. */
  connections(): Promise<number>;
}

/** Serves `app` on `host:port` (port 0 picks a free one); resolves once listening. */
export function startHttp(
  app: Hono,
  host: string,
  port: number,
  opts: HttpOptions = {},
): Promise<HttpServer> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };
  const wsPaths = new Set(opts.websocketPaths ?? []);
  const websocket = { server: new WebSocketServer({ noServer: true, maxPayload: 1024 }) };
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: host,
    websocket,
    serverOptions: serverOptions(limits, wsPaths, host),
    createServer: guardedServer(host),
  }) as Server;
  server.maxConnections = limits.maxConnections;
  server.setTimeout(limits.idleTimeoutMs);
  capPerAddress(server, limits.perAddress);
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => closeServer(server, websocket.server),
        connections: () => new Promise((done) => server.getConnections((_, n) => done(n))),
      });
    });
  });
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Node's timeouts from `limits`, and the upgrade filter: only a websocket upgrade on a websocket path
 * that passes the request checks reaches the upgrade handler; every other upgrade is answered as a
 * plain request (400, in `guarded`).
 */
function serverOptions(limits: HttpLimits, wsPaths: Set<string>, host: string): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    shouldUpgradeCallback: (req: IncomingMessage) =>
      req.headers.upgrade?.toLowerCase() === 'websocket' &&
      wsPaths.has(requestPath(req)) &&
      requestProblem(req, host) === undefined,
  };
}

/** `createServer` whose request listener is wrapped in `guarded`. */
function guardedServer(host: string): typeof createServer {
  const make = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, guarded(listener, host));
  return make as unknown as typeof createServer;
}

/** Refuses bad hosts, bad targets and upgrades before `listener` (hono) sees the request. */
function guarded(listener: RequestListener, host: string): RequestListener {
  return (req, res) => {
    if (req.socket.writableEnded) return; // refused at connect time (capPerAddress)
    const problem = requestProblem(req, host);
    if (problem) return refuse(res, apiError(400, 'bad-request', problem));
    if (isUpgrade(req)) {
      const what = `no upgrade to ${req.headers.upgrade} at ${requestPath(req)}`;
      return refuse(res, apiError(400, 'upgrade-unsupported', what));
    }
    listener(req, res);
  };
}

/** Sends `failure` as JSON and closes the connection. */
function refuse(res: ServerResponse, failure: ApiFailure): void {
  const body = JSON.stringify(failure.body);
  res.shouldKeepAlive = false;
  res.writeHead(failure.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
}

/** Connections over `cap` from one address get 429 and are closed before any request is read. */
function capPerAddress(server: Server, cap: number): void {
  const open = new Map<string, number>();
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
    if (count > cap)
      rawRefuse(socket, apiError(429, 'too-many-connections', `over ${cap} connections from ${address}`));
  });
}

/**
 * Answers a request the HTTP parser refused (malformed, header or request timeout, headers too
 * large) with a JSON error and closes the socket; a socket the client already left is destroyed.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
  else rawRefuse(socket, clientErrorFailure(err.code));
}

function clientErrorFailure(code: string | undefined): ApiFailure {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return apiError(408, 'request-timeout', 'the request was not received in time');
  if (code === 'HPE_HEADER_OVERFLOW')
    return apiError(431, 'headers-too-large', 'the request headers are too large');
  return apiError(400, 'bad-request', `the request does not parse (${code ?? 'unknown'})`);
}

/** Writes a JSON error straight to a socket outside any response, then closes it. */
function rawRefuse(socket: Socket, failure: ApiFailure): void {
  const body = JSON.stringify(failure.body);
  const reason = STATUS_CODES[failure.status] ?? '';
  const head = `HTTP/1.1 ${failure.status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  socket.end(head + body);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Stops listening and ends every open connection, websockets included. */
function closeServer(server: Server, wss: WebSocketServer): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
    for (const ws of wss.clients) ws.terminate();
  });
}
