import { UsageError } from './args.ts';
import { bodyRefusal } from './refusal.ts';

/** GETs JSON from a node, turning connection failures into advice. */
export async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch {
    throw new UsageError(`no node answers at ${url}: start one with \`proto node\`, or pass --url`);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new UsageError(`${url}: ${bodyRefusal(res.status, body)}`);
  return body;
}
