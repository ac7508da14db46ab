/** How the CLI words an API error: the code once, then the message without a repeated code. */

/** `code: message`, with a `code: ` the message already starts with removed. */
export function refusal(code: string, message: string | undefined): string {
  const text = (message ?? '').trim();
  const rest = text.startsWith(`${code}:`) ? text.slice(code.length + 1).trim() : text;
  return rest ? `${code}: ${rest}` : code;
}

/** The refusal in an API error body, or the HTTP status when the body is not one. */
export function bodyRefusal(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code !== 'string') return `HTTP ${status}`;
  return refusal(error.code, typeof error.message === 'string' ? error.message : undefined);
}
