/**
 * One thread of fan-out subscribers (fanout.ts): `count` connections to each relay of `urls`, each
 * past its handshake; then, per relay, every `ledgerTxs` frame is time-stamped on arrival and, once
 * all of this thread's connections to that relay hold round `seq`, the latest arrival is reported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../../core/p2p/codec.ts';
import { MAX_FRAME, P2P_VERSION } from '../../../core/p2p/limits.ts';

const { urls, chainId, count } = workerData as { urls: string[]; chainId: Uint8Array; count: number };
const clock = () => performance.timeOrigin + performance.now();

/** Per target, per round: sockets still to receive it and the latest arrival so far. */
const rounds = urls.map(() => new Map<number, { left: number; last: number }>());

function onFrame(target: number, received: number[], index: number, at: number, data: Buffer): void {
  const m = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (m.type !== 'ledgerTxs') return;
  const seq = received[index]!++;
  const r = rounds[target]!.get(seq) ?? { left: count, last: 0 };
  r.last = Math.max(r.last, at);
  if (--r.left > 0) {
    rounds[target]!.set(seq, r);
    return;
  }
  rounds[target]!.delete(seq);
  parentPort!.postMessage({ target, seq, at: r.last });
}

async function connect(target: number, received: number[], index: number): Promise<void> {
  const ws = new WebSocket(urls[target]!, { maxPayload: MAX_FRAME });
  let ready: () => void = () => {};
  const handshake = new Promise<void>((r) => (ready = r));
  ws.on('message', (data: Buffer) => {
    const at = clock();
    if (data[0] !== undefined && received[index]! < 0) {
      if (
        decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).type === 'ledgerStatus'
      ) {
        received[index] = 0;
        ready();
      }
      return;
    }
    onFrame(target, received, index, at, data);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const nodeId = crypto.getRandomValues(new Uint8Array(32));
  ws.send(encodeMessage({ type: 'hello', version: P2P_VERSION, chainId, nodeId, listenPort: 0 }));
  await handshake;
}

for (const t of urls.keys()) {
  const received = Array.from({ length: count }, () => -1);
  for (let i = 0; i < count; i++) await connect(t, received, i);
}
parentPort!.postMessage('ready');
