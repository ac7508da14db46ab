import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';

/** Open HTTP connections the server accepts at once; further ones are refused until some close. */
export const MAX_HTTP_CONNECTIONS = 256;

/** A listening HTTP server. */
export interface HttpServer {
  port: number;
  close(): Promise<void>;
}

/** Serves `app` on `host:port` (port 0 picks a free one); resolves once listening. */
export function startHttp(app: Hono, host: string, port: number): Promise<HttpServer> {
  return new Promise((resolve, reject) => {
    const websocket = { server: new WebSocketServer({ noServer: true, maxPayload: 1024 }) };
    const server = serve({ fetch: app.fetch, hostname: host, port, websocket }, (info: AddressInfo) =>
      resolve({
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
    server.once('error', reject);
    (server as { maxConnections?: number }).maxConnections = MAX_HTTP_CONNECTIONS;
  });
}
