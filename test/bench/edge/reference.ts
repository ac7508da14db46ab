/**
 * The reference relay: a plain `ws` server in this Node process that does what the hub does with no
 * checks and no storage (decode the frame, answer hello with hello and ledgerStatus, send every other
 * frame to every other ready client). Fan-out through it is the floor the hub is compared against.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { decodeMessage, encodeMessage } from '../../../core/p2p/codec.ts';
import { MAX_FRAME, P2P_VERSION } from '../../../core/p2p/limits.ts';

export async function referenceRelay(chainId: Uint8Array): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_FRAME });
  const ready = new Set<WebSocket>();
  const nodeId = new Uint8Array(32).fill(0xee);
  server.on('connection', (ws) => {
    ws.send(encodeMessage({ type: 'hello', version: P2P_VERSION, chainId, nodeId, listenPort: 0 }));
    ws.on('message', (data: Buffer) => {
      const m = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (m.type === 'hello') {
        ready.add(ws);
        ws.send(encodeMessage({ type: 'ledgerStatus', head: 0 }));
        return;
      }
      for (const other of ready) if (other !== ws && other.readyState === WebSocket.OPEN) other.send(data);
    });
    ws.on('close', () => ready.delete(ws));
  });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
