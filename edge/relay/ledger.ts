/**
 * Ledger frames at the hub. Votes and proposals are relayed once their signatures check against the
 * edge's validator set, transactions once decoded (and signed, when their bytes name the signer);
 * each is deduplicated by the hash of its bytes (dedupe.ts), and remembered only when valid. A node
 * re-sends its votes while a height stalls: a re-sent vote reaches only connections that lack it.
 * A node announcing a head above the edge's is asked for the blocks between (`getLedgerBlocks`), and
 * the store keeps each whose commit verifies; the hub serves `getLedgerBlocks` from the store.
 */
import { byteKey } from '../../core/bytes.ts';
import { encodeMessage } from '../../core/p2p/codec.ts';
import type { LedgerMessage } from '../../core/p2p/ledger-codec.ts';
import { LEDGER_BATCH_BYTES, MAX_LEDGER_BATCH } from '../../core/p2p/limits.ts';
import { blake3Hash } from '../../core/token/hash.ts';
import { type Check, checkProposal, checkTx, checkVote, keysOf } from './checks.ts';
import type { Conn, Hub } from './context.ts';
import { CLOSE } from './gate.ts';
import { openAsk, settleAsk } from './session.ts';

type Of<T extends LedgerMessage['type']> = Extract<LedgerMessage, { type: T }>;

/** A vote or proposal: checked once, then sent to each `consensus` connection that lacks it. */
export async function onConsensus(
  hub: Hub,
  c: Conn,
  frame: Uint8Array,
  m: Of<'ledgerVote'> | Of<'ledgerProposal'>,
): Promise<void> {
  const key = byteKey(blake3Hash(frame));
  if (!hub.seen.holders(key, hub.now())) {
    const set = keysOf(await hub.validators());
    const verdict =
      m.type === 'ledgerVote'
        ? await checkVote(hub.chainId, set, m.vote)
        : await checkProposal(hub.chainId, set, m.proposal, m.pol);
    if (verdict !== 'relay') {
      refuseIf(c, verdict);
      return;
    }
  }
  const holders = hub.seen.add(key, hub.now());
  holders.add(c.ws);
  hub.fanout('consensus', frame, holders);
}

/** Transactions: the valid ones not relayed before go out together in one `ledgerTxs` frame. */
export async function onTxs(hub: Hub, c: Conn, txs: Uint8Array[]): Promise<void> {
  const fresh: Uint8Array[] = [];
  for (const raw of txs) {
    const key = byteKey(blake3Hash(raw));
    if (hub.seen.holders(key, hub.now())) continue;
    const verdict = await checkTx(hub.chainId, hub.vetoKey, raw);
    if (refuseIf(c, verdict)) return;
    if (verdict !== 'relay' || hub.seen.holders(key, hub.now())) continue;
    hub.seen.add(key, hub.now());
    fresh.push(raw);
  }
  if (fresh.length > 0) hub.fanout('txs', encodeMessage({ type: 'ledgerTxs', txs: fresh }), new Set([c.ws]));
}

function refuseIf(c: Conn, verdict: Check): boolean {
  if (typeof verdict !== 'object') return false;
  c.close(CLOSE.policy, verdict.refuse);
  return true;
}

/** A node's committed head: when above the edge's, the blocks between are asked for. */
export async function onLedgerStatus(hub: Hub, c: Conn, head: number): Promise<void> {
  c.session.ledgerHead = Math.max(c.session.ledgerHead, head);
  await askLedger(hub, c);
}

async function askLedger(hub: Hub, c: Conn): Promise<void> {
  const ours = await hub.stores.ledgerHead();
  if (c.session.ledgerHead <= ours) return;
  const id = openAsk(c.session, 'getLedgerBlocks');
  if (id === undefined) return;
  const count = Math.min(MAX_LEDGER_BATCH, c.session.ledgerHead - ours);
  c.send({ type: 'getLedgerBlocks', id, from: ours + 1, count });
}

/** Committed blocks answering our request: each offered to the store, in order. */
export async function onLedgerBlocks(hub: Hub, c: Conn, m: Of<'ledgerBlocks'>): Promise<void> {
  if (!settleAsk(c.session, 'getLedgerBlocks', m.id)) return;
  let added = 0;
  for (const b of m.blocks) {
    const r = await hub.stores.addLedgerBlock(b);
    if (r.outcome === 'refused') {
      c.close(CLOSE.policy, `refused ledger block: ${r.code}`);
      return;
    }
    if (r.outcome === 'ahead') break;
    if (r.outcome === 'added') added++;
  }
  if (added === 0) return;
  hub.ledgerMoved();
  hub.broadcast({ type: 'ledgerStatus', head: await hub.stores.ledgerHead() });
  await askLedger(hub, c);
}

/** `getLedgerBlocks` from the store: at least one block, more while they fit LEDGER_BATCH_BYTES. */
export async function serveLedger(hub: Hub, c: Conn, m: Of<'getLedgerBlocks'>): Promise<void> {
  const rows = await hub.stores.ledgerBlocks(m.from, m.count);
  const blocks: typeof rows = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.block.length + row.commit.length;
    if (blocks.length > 0 && bytes + size > LEDGER_BATCH_BYTES) break;
    blocks.push(row);
    bytes += size;
  }
  c.send({ type: 'ledgerBlocks', id: m.id, blocks });
}
