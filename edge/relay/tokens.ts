/**
 * Token-chain frames at the hub. Gossiped blocks go to the store (its parent check is the cheap
 * validity check), and only newly added ones are fanned out; a block whose parent the store lacks is
 * not relayed, and the parent is asked for. A node's `status` that names tips the edge lacks makes
 * the hub fetch them (`getTokens` from the edge's own tip); the hub answers `getTokens`, `getBlocks`
 * and `getPeers` from the store, so a node syncs from the edge as from a peer.
 */
import { fromHex } from '../../core/bytes.ts';
import type { Message, Tip } from '../../core/p2p/codec.ts';
import { MAX_BATCH, MAX_GET_BLOCKS, MAX_STATUS_TIPS } from '../../core/p2p/limits.ts';
import type { Conn, Hub } from './context.ts';
import { CLOSE } from './gate.ts';
import { openAsk, settleAsk } from './session.ts';

type Of<T extends Message['type']> = Extract<Message, { type: T }>;

/** Refusals that do not blame the sender (a node holds such a block until due, unpenalised). */
const BLAMELESS = new Set(['from-future', 'future-full', 'below-window']);

/** True (after closing the sender) when a refusal blames it. */
function blame(c: Conn, code: string): boolean {
  if (BLAMELESS.has(code)) return false;
  c.close(CLOSE.policy, `refused block: ${code}`);
  return true;
}

/** The edge's `status`: the store's tips. */
export async function edgeStatus(hub: Hub): Promise<Of<'status'>> {
  return { type: 'status', tips: (await hub.stores.tips()).slice(0, MAX_STATUS_TIPS) };
}

/** A gossiped block: stored, then fanned out when new. */
export async function onBlock(hub: Hub, c: Conn, frame: Uint8Array, raw: Uint8Array): Promise<void> {
  const r = await hub.stores.addToken(raw);
  if (r.outcome === 'added') hub.fanout('tokens', frame, new Set([c.ws]));
  else if (r.outcome === 'orphan') askBlocks(c, [r.missing]);
  else if (r.outcome === 'refused') blame(c, r.code);
}

/** Blocks answering a request of ours: stored (not fanned out: they are old news), parents fetched. */
export async function onAnswer(hub: Hub, c: Conn, m: Of<'tokens'> | Of<'blocks'>): Promise<void> {
  const ask = settleAsk(c.session, m.type === 'tokens' ? 'getTokens' : 'getBlocks', m.id);
  if (!ask) return; // an answer to nothing we asked: ignored (it still cost a frame of the budget)
  let added = 0;
  for (const raw of m.raws) {
    const r = await hub.stores.addToken(raw);
    if (r.outcome === 'added') added++;
    else if (r.outcome === 'orphan') askBlocks(c, [r.missing]);
    else if (r.outcome === 'refused' && blame(c, r.code)) return;
  }
  if (ask.subchain && m.raws.length === MAX_BATCH) await fetchTips(hub, c, [ask.subchain]);
  if (added > 0) hub.broadcast(await edgeStatus(hub));
}

/** A node's tips: those the edge lacks are fetched from it. */
export async function onStatus(hub: Hub, c: Conn, tips: Tip[]): Promise<void> {
  const lacking: string[] = [];
  for (const t of tips) if ((await hub.stores.tokensByHash([t.hash])).length === 0) lacking.push(t.subchain);
  if (lacking.length > 0) await fetchTips(hub, c, lacking);
}

/**
 * Asks `c` for the canonical blocks of `subchains` after the edge's own tip: the locator names that
 * tip, so the node answers from it when it is on its chain, and from the start otherwise.
 */
async function fetchTips(hub: Hub, c: Conn, subchains: string[]): Promise<void> {
  const ours = new Map((await hub.stores.tips()).map((t) => [t.subchain, t]));
  for (const subchain of subchains) {
    const id = openAsk(c.session, 'getTokens', subchain);
    if (id === undefined) continue;
    const tip = ours.get(subchain);
    const locator = tip ? [tip.hash] : [];
    c.send({ type: 'getTokens', id, subchain, after: tip?.count ?? 0, limit: MAX_BATCH, locator });
  }
}

function askBlocks(c: Conn, missing: string[]): void {
  const id = openAsk(c.session, 'getBlocks');
  if (id === undefined) return;
  const hashes = missing.slice(0, MAX_GET_BLOCKS).map((h) => fromHex(h, 32)!);
  c.send({ type: 'getBlocks', id, hashes });
}

/**
 * `getTokens` from the store, as a node answers it: after the first locator hash on the edge's
 * selected chain (the store's index answers below its in-memory window), else from the start.
 */
export async function serveTokens(hub: Hub, c: Conn, m: Of<'getTokens'>): Promise<void> {
  const { after, raws } = await hub.stores.tokensFrom(m.subchain, m.after, m.locator, m.limit);
  c.send({ type: 'tokens', id: m.id, start: after + 1, raws });
}

export async function serveBlocks(hub: Hub, c: Conn, m: Of<'getBlocks'>): Promise<void> {
  c.send({ type: 'blocks', id: m.id, raws: await hub.stores.tokensByHash(m.hashes) });
}
