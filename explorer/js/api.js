/** The node's HTTP API, same origin: JSON reads and the block websocket. */

/** An API error with its code. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(`${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

/** GETs `path` as JSON; throws ApiError on an error status. */
export async function get(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? String(res.status),
      body?.error?.message ?? res.statusText,
    );
  return body;
}

/** GETs `path`, or undefined when it is 404 not-found. */
export async function find(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

/**
 * Opens the block feed (`/v1/ledger/subscribe`); `onBlock` gets each message. Reconnects after a
 * drop until `close()` is called.
 */
export function subscribe(onBlock, onState = () => {}) {
  let ws;
  let closed = false;
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    ws = new WebSocket(`${scheme}://${location.host}/v1/ledger/subscribe`);
    ws.onopen = () => onState('live');
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'block') onBlock(msg);
    };
    ws.onclose = () => {
      onState('closed');
      if (!closed) setTimeout(open, 2000);
    };
  };
  open();
  return {
    close() {
      closed = true;
      ws?.close();
    },
  };
}
