import { ProtoError } from '../errors.ts';
import type { Height } from '../height.ts';
import type { LightProvider } from './header-chain.ts';
import { decodeLightBlock, type LightBlock } from './light-block.ts';

/** The part of `fetch` the client uses, so hosts and tests can pass their own. */
export type Fetch = (
  url: string,
  init?: { headers?: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** GET `path` from `base` as JSON; a failure status or unparsable body is `bad-answer`. */
export async function getJson(fetch: Fetch, base: string, path: string): Promise<unknown> {
  const res = await get(fetch, base, path, 'application/json');
  try {
    return await res.json();
  } catch {
    throw new ProtoError('bad-answer', `${path}: the body is not JSON`, 'penalize', { path });
  }
}

/** GET `path` from `base` as bytes. */
export async function getBytes(fetch: Fetch, base: string, path: string): Promise<Uint8Array> {
  const res = await get(fetch, base, path, 'application/octet-stream');
  return new Uint8Array(await res.arrayBuffer());
}

async function get(fetch: Fetch, base: string, path: string, accept: string) {
  let res: Awaited<ReturnType<Fetch>>;
  try {
    res = await fetch(`${base.replace(/\/+$/, '')}${path}`, { headers: { accept } });
  } catch (e) {
    throw new ProtoError('bad-answer', `${path}: ${(e as Error).message}`, 'retry', { path });
  }
  if (!res.ok)
    throw new ProtoError('bad-answer', `${path}: status ${res.status}`, 'retry', {
      path,
      status: res.status,
    });
  return res;
}

/** Light blocks from a node's `GET /v1/ledger/light/{height}`. */
export class HttpLightProvider implements LightProvider {
  private readonly base: string;
  private readonly fetch: Fetch;

  constructor(base: string, fetch: Fetch) {
    this.base = base;
    this.fetch = fetch;
  }

  async lightBlock(height: Height): Promise<LightBlock> {
    return decodeLightBlock(await getBytes(this.fetch, this.base, `/v1/ledger/light/${height}`));
  }
}
