/**
 * Catching up with heavier peers, per subchain. Tokens are their own headers (105 or 137 bytes), so
 * sync fetches them in bulk: a first request carries a locator of our canonical chain and the peer
 * answers from the fork point; then windows of MAX_BATCH canonical positions are fetched from every
 * peer advertising the same tip at once (the canonical order is a function of the tip, so their
 * windows line up), buffered (at most MAX_SYNC_WINDOWS per subchain) and applied in order.
 */
import { equalBytes } from '../../core/bytes.ts';
import type { Chain, SubmitResult } from '../chain.ts';
import { Progress } from '../progress.ts';
import type { Message, Tip } from './codec.ts';
import { MAX_BATCH, MAX_LOCATOR, MAX_SYNC_WINDOWS } from './limits.ts';
import type { Peer } from './peer.ts';

const LOCATING = -1;

interface Run {
  target: Tip;
  /** Canonical position (in the target's order) of the last block applied; -1 while locating. */
  applied: number;
  /** The `after` of the next window to request. */
  next: number;
  /** Windows requested, by `after`; `raws` set once answered. */
  windows: Map<number, { peer: Peer; raws?: Uint8Array[] }>;
  holes: number[];
  logged: number;
  progress: Progress;
}

export class Sync {
  private readonly runs = new Map<string, Run>();
  private readonly chain: Chain;
  private readonly submit: (peer: Peer, raws: Uint8Array[]) => SubmitResult;
  private readonly log: (line: string) => void;

  constructor(
    chain: Chain,
    submit: (peer: Peer, raws: Uint8Array[]) => SubmitResult,
    log: (line: string) => void,
  ) {
    this.chain = chain;
    this.submit = submit;
    this.log = log;
  }

  /** True while some subchain is catching up. */
  get syncing(): boolean {
    return this.runs.size > 0;
  }

  /** Subchains being synced. */
  active(subchain: string): boolean {
    return this.runs.has(subchain);
  }

  /** Re-evaluates every subchain after `peers` changed their advertised tips. */
  update(peers: Peer[]): void {
    const dag = this.chain.dag;
    for (const id of dag.subchains()) {
      const best = bestTip(peers, id);
      const run = this.runs.get(id);
      if (!best || dag.has(best.hash) || best.aw <= dag.tip(id).aw) {
        if (run && run.windows.size === 0) this.runs.delete(id); // nobody is ahead any more
        continue;
      }
      if (run) run.target = best;
      else
        this.runs.set(id, {
          target: best,
          applied: LOCATING,
          next: 0,
          windows: new Map(),
          holes: [],
          logged: 0,
          progress: new Progress(),
        });
      this.pump(id, peers);
    }
  }

  /** Sends the requests a run can make now. */
  private pump(id: string, peers: Peer[]): void {
    const run = this.runs.get(id)!;
    const sources = peers.filter((p) => p.tips.get(id) && equalBytes(p.tips.get(id)!.hash, run.target.hash));
    if (run.applied === LOCATING) {
      if (run.windows.size === 0) this.request(run, id, sources, LOCATING, this.locator(id));
      return;
    }
    while (run.windows.size < MAX_SYNC_WINDOWS) {
      const after = run.holes.shift() ?? (run.next < run.target.count ? run.next : undefined);
      if (after === undefined) return;
      if (!this.request(run, id, sources, after, [])) {
        if (after !== run.next) run.holes.unshift(after);
        return;
      }
      if (after === run.next) run.next += MAX_BATCH;
    }
  }

  private request(run: Run, id: string, sources: Peer[], after: number, locator: Uint8Array[]): boolean {
    const busy = (p: Peer) => [...run.windows.values()].filter((w) => w.peer === p).length;
    for (const peer of [...sources].sort((a, b) => busy(a) - busy(b))) {
      if (busy(peer) >= 2) continue;
      const message = {
        type: 'getTokens',
        subchain: id,
        after: Math.max(after, 0),
        limit: MAX_BATCH,
        locator,
      } as const;
      if (peer.request(message, { subchain: id, window: after }) === undefined) continue;
      run.windows.set(after, { peer });
      return true;
    }
    return false;
  }

  /** Our canonical chain at positions len, len-1, len-2, len-4, ...: where the peer finds the fork point. */
  private locator(id: string): Uint8Array[] {
    const length = this.chain.dag.tip(id).count;
    const out: Uint8Array[] = [];
    let step = 1;
    for (let pos = length; pos >= 1 && out.length < MAX_LOCATOR; pos -= step) {
      out.push(this.chain.dag.canonical(id, pos - 1, 1)[0]!);
      if (out.length >= 2) step *= 2;
    }
    return out;
  }

  /** Handles the answer to a sync request. */
  onTokens(
    peer: Peer,
    window: number,
    subchain: string,
    m: Extract<Message, { type: 'tokens' }>,
    peers: Peer[],
  ): void {
    const run = this.runs.get(subchain);
    const w = run?.windows.get(window);
    if (!run || !w || w.peer !== peer) return;
    if (window === LOCATING) {
      run.windows.delete(LOCATING);
      if (m.start < 1) {
        this.end(subchain, peer, peers);
        return;
      }
      run.applied = m.start - 1;
      run.next = run.applied + MAX_BATCH;
      run.windows.set(run.applied, { peer, raws: m.raws });
    } else if (m.start !== window + 1) {
      this.end(subchain, peer, peers);
      return;
    } else w.raws = m.raws;
    this.flush(subchain, run, peers);
    if (this.runs.get(subchain) === run) this.pump(subchain, peers);
  }

  /**
   * Applies answered windows in order. The run ends at the target; when a window does not line up
   * (its blocks are orphans or invalid, or it stops short), the sender's advertised tip is forgotten
   * until its next `status`, so a stale or lying peer cannot keep the node re-syncing.
   */
  private flush(id: string, run: Run, peers: Peer[]): void {
    for (let w = run.windows.get(run.applied); w?.raws; w = run.windows.get(run.applied)) {
      run.windows.delete(run.applied);
      const result = this.submit(w.peer, w.raws);
      const gap = result.outcomes.some((o) => o.status === 'orphan' || o.status === 'invalid');
      run.applied += w.raws.length;
      if (gap || (w.raws.length < MAX_BATCH && run.applied < run.target.count)) {
        this.end(id, w.peer, peers);
        return;
      }
    }
    this.progress(id, run);
    if (this.chain.dag.has(run.target.hash) || run.applied >= run.target.count)
      this.end(id, undefined, peers);
  }

  private progress(id: string, run: Run): void {
    const now = Date.now();
    if (now - run.logged < 2000 && run.applied < run.target.count) return;
    run.logged = now;
    const done = Math.max(run.applied, 0);
    this.log(`sync ${id}: ${run.progress.line(done, run.target.count, 'tokens', now)}`);
  }

  /** Ends a run; `stale` is the peer whose answer did not line up. Then looks for more to sync. */
  private end(id: string, stale: Peer | undefined, peers: Peer[]): void {
    this.runs.delete(id);
    if (stale) {
      this.log(`sync ${id}: answer from ${stale.name} did not line up; waiting for its next status`);
      stale.tips.delete(id);
    }
    this.update(peers);
  }

  /** Forgets the windows of a peer that left or timed out, so others fetch them. */
  release(peer: Peer, peers: Peer[]): void {
    for (const [id, run] of this.runs) {
      for (const [after, w] of run.windows) {
        if (w.peer !== peer || w.raws) continue;
        run.windows.delete(after);
        if (after === LOCATING) continue;
        run.holes.push(after);
      }
      this.pump(id, peers);
    }
    this.update(peers);
  }
}

/** The heaviest tip of `subchain` that any of `peers` advertises. */
function bestTip(peers: Peer[], subchain: string): Tip | undefined {
  let best: Tip | undefined;
  for (const p of peers) {
    const t = p.tips.get(subchain);
    if (t && (!best || t.aw > best.aw)) best = t;
  }
  return best;
}
