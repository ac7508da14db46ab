/**
 * HTTP over a raw TCP socket (node:net), for requests no HTTP client would send: bad Host headers,
 * odd upgrades, bodies cut short. Reports what came back and whether the server closed the socket.
 */
import { connect, type Socket } from 'node:net';

/** What the server sent for one raw request. */
export interface RawAnswer {
  /** HTTP status of the first response line, or 0 when nothing came back. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection (FIN or reset) before the deadline. */
  closed: boolean;
}

/** Opens a connection to 127.0.0.1:`port`, resolved once connected. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Sends `text` (and, when `end` is set, half-closes the socket as a leaving client does), then
 * reads until the server closes the connection or `ms` pass.
 */
export async function rawRequest(port: number, text: string, ms = 2000, end = false): Promise<RawAnswer> {
  const socket = await openSocket(port);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('end', done);
    socket.once('close', done);
    socket.on('error', () => {});
    socket.write(text);
    if (end) socket.end();
  });
  socket.destroy();
  return parseAnswer(Buffer.concat(chunks).toString('latin1'), closed);
}

/** Splits a raw HTTP/1.1 response into status, headers and body. */
export function parseAnswer(raw: string, closed: boolean): RawAnswer {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const [line = '', ...rest] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(line)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const h of rest) {
    const colon = h.indexOf(':');
    if (colon > 0) headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  return { status, headers, body: split === -1 ? '' : raw.slice(split + 4), closed };
}

/** A GET request line with `headers` (each "Name: value"), ended by the blank line. */
export function rawGet(target: string, headers: string[]): string {
  return `GET ${target} HTTP/1.1\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
}

const HOST = 'Host: 127.0.0.1';
const WS = [
  'Connection: Upgrade',
  'Upgrade: websocket',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
];
const BAD_HOSTS = ['a b', '[', '%zz', '127.0.0.1:99999', '0x7f.1', 'a:b'];

/** A request no honest client sends, with the status and error code it must get. */
export interface Hostile {
  name: string;
  text: string;
  status: number;
  code: string;
}

/**
 * Hostile requests: upgrades the server does not offer, malformed Host headers and request targets
 * (origin and absolute form), each plain and as a websocket upgrade to `wsPath`, and a header line
 * that does not parse. Every one must get a 400 JSON error and a closed socket.
 */
export function hostileRequests(wsPath: string): Hostile[] {
  return [
    {
      name: 'h2c upgrade',
      text: rawGet('/v1/status', [HOST, 'Connection: Upgrade', 'Upgrade: h2c']),
      status: 400,
      code: 'upgrade-unsupported',
    },
    {
      name: 'websocket upgrade on a plain route',
      text: rawGet('/v1/status', [HOST, ...WS]),
      status: 400,
      code: 'upgrade-unsupported',
    },
    ...BAD_HOSTS.flatMap((host) => [
      {
        name: `websocket, Host ${host}`,
        text: rawGet(wsPath, [`Host: ${host}`, ...WS]),
        status: 400,
        code: 'bad-request',
      },
      {
        name: `GET, Host ${host}`,
        text: rawGet('/v1/status', [`Host: ${host}`]),
        status: 400,
        code: 'bad-request',
      },
    ]),
    ...[
      `http://%zz${wsPath}`,
      `http://[${wsPath}`,
      'http://',
      'https://a b/',
      '*',
      'v1/status',
      '/a\\b',
    ].flatMap((target) => [
      {
        name: `websocket, target ${target}`,
        text: rawGet(target, [HOST, ...WS]),
        status: 400,
        code: 'bad-request',
      },
      { name: `GET, target ${target}`, text: rawGet(target, [HOST]), status: 400, code: 'bad-request' },
    ]),
    {
      name: 'a header line that does not parse',
      text: 'GET /v1/status HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n',
      status: 400,
      code: 'bad-request',
    },
  ];
}
