import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from '../../core/api/errors.ts';
import { fail } from './respond.ts';

/**
 * Refuses a request body over `maxSize` bytes with a 413 `body-too-large` JSON error. The rest of
 * the body is not read, so the connection is closed after the answer (`Connection: close` tells the
 * client not to send its next request on it).
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      c.header('Connection', 'close');
      return fail(c, apiError(413, 'body-too-large', `the body is over ${maxSize} bytes`));
    },
  });
}
