/** Runs of consecutive free ports on 127.0.0.1 (`proto devnet` gives node i the first port + i). */
import { createServer } from 'node:net';

/** True when `port` can be bound on 127.0.0.1 now. */
async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((r) => {
    server.once('error', () => r(false));
    server.listen(port, '127.0.0.1', () => r(true));
  });
  if (ok) await new Promise<void>((r) => server.close(() => r()));
  return ok;
}

/** A first port with `n` free ports from it. */
export async function freeRange(n: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)));
    if (free.every(Boolean)) return first;
  }
  throw new Error(`no ${n} consecutive free ports on 127.0.0.1`);
}
