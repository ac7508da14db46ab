/** `proto status --watch`: one line a second with the ledger head, sync progress, tips and peers. */
import type { StatusJson } from '../../core/api/types.ts';
import { Progress } from '../progress.ts';
import { getJson } from './get-json.ts';

/** Prints a line (or a JSON object with `--json`) each second until stopped (or `times` lines). */
export async function watchStatus(
  url: string,
  json: boolean,
  times = Number.POSITIVE_INFINITY,
): Promise<void> {
  const progress = new Progress();
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  try {
    for (let i = 0; i < times && !stop; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      const s = (await getJson(`${url}/v1/status`)) as StatusJson;
      if (json)
        console.log(
          JSON.stringify({
            time: new Date().toISOString(),
            sync: s.sync,
            tips: s.tips,
            peers: s.peers.count,
          }),
        );
      else console.log(statusLine(s, progress));
    }
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** `HH:MM:SS ledger 120/500 blocks (…) · validator 1234 · proposal 56 · peers 2 · syncing`. */
export function statusLine(s: StatusJson, progress: Progress, now = Date.now()): string {
  const parts: string[] = [new Date(now).toISOString().slice(11, 19)];
  const l = s.sync.ledger;
  if (l && l.target > l.height + 1) parts.push(`ledger ${progress.line(l.height, l.target, 'blocks', now)}`);
  else if (l) {
    progress.reset();
    parts.push(`ledger ${l.height}`);
  }
  for (const [id, t] of Object.entries(s.tips))
    parts.push(`${id.length > 20 ? `${id.slice(0, 20)}…` : id} ${t.count}`);
  parts.push(`peers ${s.peers.count}`);
  if (s.sync.syncing) parts.push('syncing tokens');
  return parts.join(' · ');
}
