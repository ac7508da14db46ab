/** The soak's figures and its verdict against the goals. */
import type { TransferLoad } from './transfers.ts';

/** One reading of every node process. */
export interface Sample {
  /** Seconds since the load started. */
  t: number;
  height: number;
  pids: number[];
  rss: (number | undefined)[];
  fds: (number | undefined)[];
  alive: boolean[];
}

/** RSS growth after the first minute must stay under this (percent). */
const RSS_GOAL = 10;
/** Descriptors count as flat when they end within this many of the first-minute count. */
const FD_SLACK = 2;

export interface Report {
  samples: Sample[];
  load: TransferLoad;
  nodes: number;
  log: string[];
  minutes: number;
}

export function printReport(r: Report): void {
  const first = r.samples[0]!;
  const last = r.samples.at(-1)!;
  const minute = r.samples.find((s) => s.t >= 60) ?? last;
  const secs = last.t - first.t;
  const l = r.load;
  console.log(
    `\nduration ${secs.toFixed(0)} s; heights ${first.height} -> ${last.height}: ${((last.height - first.height) / secs).toFixed(2)} heights/s`,
  );
  console.log(
    `transfers: ${l.sent} admitted, ${l.committed} committed (${(l.committed / secs).toFixed(2)}/s) by ${l.size} accounts; other transactions committed (announcements): ${l.otherTxs}`,
  );
  if (l.refused.size > 0)
    console.log(`refused or failed sends: ${[...l.refused].map(([c, n]) => `${c} ${n}`).join(', ')}`);
  console.log(`announcements logged: ${r.log.filter((x) => /announced validator token/.test(x)).length}`);
  console.log(
    '\nnode  pid      alive  RSS MiB start / 1 min / end   growth, 1 reading    fds start / 1 min / end',
  );
  const growth: number[] = [];
  const fdDrift: number[] = [];
  const medians = r.nodes > 0 ? smoothed(r) : [];
  for (let i = 0; i < r.nodes; i++) {
    const g = pct(minute.rss[i], last.rss[i]);
    growth.push(pct(...medians[i]!));
    fdDrift.push((last.fds[i] ?? Number.POSITIVE_INFINITY) - (minute.fds[i] ?? 0));
    const rss = [first, minute, last].map((s) => mib(s.rss[i])).join(' / ');
    const fds = [first, minute, last].map((s) => s.fds[i] ?? '-').join(' / ');
    console.log(
      `${String(i).padEnd(6)}${String(first.pids[i]).padEnd(9)}${String(last.alive[i]).padEnd(7)}${rss.padEnd(31)}${`${g.toFixed(1)} %`.padEnd(21)}${fds}`,
    );
  }
  console.log(
    `\nRSS MiB, median of the second minute -> median of the last minute (the growth the goal judges): ${medians.map(([a, b]) => `${mib(a)} -> ${mib(b)} (${pct(a, b).toFixed(1)} %)`).join('; ')}`,
  );
  const stopped = r.samples.some((s) => s.alive.some((a) => !a));
  const maxGrowth = Math.max(...growth);
  const maxDrift = Math.max(...fdDrift);
  console.log('\ngoals:');
  console.log(`  no process stops: ${stopped ? 'NO, a node stopped' : 'yes'}`);
  console.log(
    `  RSS growth after the first minute (medians) < ${RSS_GOAL} %: ${maxGrowth < RSS_GOAL ? 'yes' : 'NO'} (largest ${maxGrowth.toFixed(1)} %)`,
  );
  console.log(
    `  descriptors flat (within ${FD_SLACK} of the first minute): ${maxDrift <= FD_SLACK ? 'yes' : 'NO'} (largest change ${maxDrift})`,
  );
  const errors = r.log.filter((x) => /exited|stalled|internal error|Error/.test(x));
  console.log(`  log lines naming an exit, a stall or an error: ${errors.length}`);
  for (const e of errors.slice(0, 10)) console.log(`    ${e}`);
  if (r.minutes < 2)
    console.log('  (runs shorter than 2 min leave little after the first minute to compare)');
}

/** Per node: the median RSS of samples in [60 s, 120 s) and of the last 60 s. */
function smoothed(r: Report): [number | undefined, number | undefined][] {
  const end = r.samples.at(-1)!.t;
  const second = r.samples.filter((s) => s.t >= 60 && s.t < 120);
  const last = r.samples.filter((s) => s.t >= end - 60);
  return Array.from({ length: r.nodes }, (_, i) => [median(second, i), median(last, i)]);
}

function median(samples: Sample[], i: number): number | undefined {
  const v = samples
    .map((s) => s.rss[i])
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  return v.length === 0 ? undefined : v[Math.floor(v.length / 2)];
}

function pct(from: number | undefined, to: number | undefined): number {
  if (from === undefined || to === undefined) return Number.POSITIVE_INFINITY;
  return ((to - from) / from) * 100;
}

function mib(kib: number | undefined): string {
  return kib === undefined ? '-' : (kib / 1024).toFixed(1);
}
