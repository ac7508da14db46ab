/** The body of `POST /v1/tokens` at the edge, decoded by content type as on the node (core/api). */
import type { Context } from 'hono';
import type { Parsed } from '../core/api/errors.ts';
import { parseSubmitBody } from '../core/api/validate.ts';

/** The block bytes of a submission, or the 400/415 to send. */
export async function readBody(c: Context): Promise<Parsed<Uint8Array>> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return parseSubmitBody(mediaType, new Uint8Array(await c.req.arrayBuffer()));
}
