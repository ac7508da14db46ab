import type { Context } from 'hono';
import { protoApiError } from '../../core/api/errors.ts';
import type { SubmitJson } from '../../core/api/types.ts';
import { parseSubmitBody } from '../../core/api/validate.ts';
import { toHex } from '../../core/bytes.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import type { Chain } from '../chain.ts';
import { fail } from './respond.ts';

/**
 * `POST /v1/tokens`: decodes the body by content type and submits the block. A block that breaks a
 * rule gets 400 with the rule's error code; one from the future or waiting for its parent gets 202.
 */
export async function submitRoute(c: Context, chain: Chain): Promise<Response> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const body = new Uint8Array(await c.req.arrayBuffer());
  const parsed = parseSubmitBody(mediaType, body);
  if (!parsed.ok) return fail(c, parsed.failure);
  const raw = parsed.value;
  const outcome = chain.submit([raw]).outcomes[0]!;
  const hash = toHex(blake3Hash(raw));
  switch (outcome.status) {
    case 'invalid':
      return fail(c, protoApiError(outcome.error));
    case 'added': {
      const { subchain, tipChanged } = outcome.added;
      return c.json({ status: 'added', hash, subchain, tipChanged } satisfies SubmitJson);
    }
    case 'known':
      return c.json({ status: 'known', hash } satisfies SubmitJson);
    case 'held':
      return c.json({ status: 'held', hash } satisfies SubmitJson, 202);
    case 'orphan':
      return c.json({ status: 'orphan', hash, missing: toHex(outcome.missing) } satisfies SubmitJson, 202);
  }
}
