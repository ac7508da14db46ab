/**
 * `npm run bench:ab -- --bench consensus|ledger|<name> --base <commit> [--rounds N] [--tolerance P]
 *   [-- <bench args>]`: runs `npm run bench:<name>` of commit `--base` (a temporary git worktree
 * sharing this checkout's node_modules) and of this checkout alternately, base first (A, B, A, B, ...),
 * `--rounds` (5) times each, so load from other jobs falls on both sides alike. Parses each run's
 * headline figures (bench:consensus: heights/s and CPU ms/height per network size; bench:ledger and
 * others: every `<x> transfers/s`, `heights/s` or `blocks/s` line and every `<x> transfers per
 * CPU-second`), then prints per figure the medians of base and HEAD, HEAD / base and whether HEAD is
 * worse by more than `--tolerance` percent (5), with the load average before each run. Arguments
 * after `--` go to the bench unchanged (e.g. `-- --heights 6`, `-- --part 1 --txs 8000 --config 3`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    bench: { type: 'string' },
    base: { type: 'string' },
    rounds: { type: 'string' },
    tolerance: { type: 'string' },
  },
  allowPositionals: true,
  strict: true,
});
if (!values.bench || !/^[a-z-]+$/.test(values.bench))
  throw new Error('--bench names a bench, e.g. consensus');
if (!values.base) throw new Error('--base names the commit to compare against, e.g. main');
const rounds = Number(values.rounds ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be an integer >= 1');
const tolerance = Number(values.tolerance ?? 5);
if (!(tolerance > 0)) throw new Error('--tolerance must be a positive percentage');

/** One figure of one run: its name, its value, and whether more is better. */
interface Figure {
  key: string;
  value: number;
  higherIsBetter: boolean;
}

const HEAD = process.cwd();
const git = (...args: string[]) => execFileSync('git', args, { cwd: HEAD, encoding: 'utf8' }).trim();

/** A detached worktree of `commit` in a temporary directory, with this checkout's node_modules. */
function baseTree(commit: string): { dir: string; remove: () => void } {
  const dir = join(mkdtempSync(join(tmpdir(), 'proto-ab-')), 'tree');
  git('worktree', 'add', '--detach', dir, commit);
  symlinkSync(realpathSync(join(HEAD, 'node_modules')), join(dir, 'node_modules'));
  return {
    dir,
    remove: () => {
      git('worktree', 'remove', '--force', dir);
      rmSync(join(dir, '..'), { recursive: true });
    },
  };
}

/** The bench's npm script of the tree at `dir`, run with this Node; its stdout. */
function runBench(dir: string, bench: string, args: string[]): string {
  const scripts = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts as Record<
    string,
    string
  >;
  const script = scripts[`bench:${bench}`];
  if (!script?.startsWith('node ')) throw new Error(`${dir} has no node script bench:${bench}`);
  const argv = [...script.slice(5).split(/\s+/), ...args];
  const r = spawnSync(process.execPath, argv, { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0)
    throw new Error(`bench:${bench} in ${dir} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** bench:consensus's figures: heights/s and CPU per height of each network size. */
function consensusFigures(out: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of out.matchAll(/^n = *(\d+):.*?([\d.]+) heights\/s, CPU ([\d.]+) ms\/height/gm)) {
    figures.push({ key: `n = ${m[1]} heights/s`, value: Number(m[2]), higherIsBetter: true });
    figures.push({ key: `n = ${m[1]} CPU ms/height`, value: Number(m[3]), higherIsBetter: false });
  }
  return figures;
}

/** Every `<x> transfers/s` (heights/s, blocks/s) line, named by its text with the numbers taken out. */
function rateFigures(out: string): Figure[] {
  const seen = new Map<string, number>();
  const figures: Figure[] = [];
  for (const line of out.split('\n')) {
    const m = /([\d.]+) (transfers|heights|blocks)(\/s| per CPU-second)/.exec(line);
    if (!m || /signature bound|reference/.test(line)) continue;
    const label = line
      .slice(0, m.index)
      .replace(/[\d.]+/g, '#')
      .replace(/\s+/g, ' ')
      .trim();
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    figures.push({
      key: `${label} ${m[2]}${m[3]}${n > 1 ? ` (${n})` : ''}`,
      value: Number(m[1]),
      higherIsBetter: true,
    });
  }
  return figures;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs the rounds alternately; per side, each figure's values and the 1-minute loads. */
function measure(
  baseDir: string,
  bench: string,
): Record<'base' | 'head', { figures: Figure[][]; loads: number[] }> {
  const parse = bench === 'consensus' ? consensusFigures : rateFigures;
  const empty = () => ({ figures: [] as Figure[][], loads: [] as number[] });
  const sides = { base: empty(), head: empty() };
  for (let i = 0; i < rounds; i++) {
    for (const [side, dir] of [
      ['base', baseDir],
      ['head', HEAD],
    ] as const) {
      const load = loadavg()[0]!;
      const figures = parse(runBench(dir, bench, positionals));
      if (figures.length === 0) throw new Error(`bench:${bench} printed no figure this script reads`);
      sides[side].figures.push(figures);
      sides[side].loads.push(load);
      console.log(
        `round ${i + 1} ${side.padEnd(4)} load ${load.toFixed(2)}: ${figures.map((f) => `${f.key} ${f.value}`).join('; ')}`,
      );
    }
  }
  return sides;
}

/** One line per figure: medians, HEAD / base and the verdict against the tolerance. */
function report(sides: ReturnType<typeof measure>, baseName: string): void {
  const keys = sides.head.figures[0]!.map((f) => f.key);
  const valuesOf = (side: 'base' | 'head', key: string) =>
    sides[side].figures.flatMap((run) => run.filter((f) => f.key === key).map((f) => f.value));
  console.log(
    `\nbench:${values.bench}, ${rounds} rounds, base ${baseName} against HEAD ${git('rev-parse', '--short', 'HEAD')}`,
  );
  for (const key of keys) {
    const [a, b] = [valuesOf('base', key), valuesOf('head', key)];
    if (a.length === 0) {
      console.log(`${key}: not printed by base`);
      continue;
    }
    const higher = sides.head.figures[0]!.find((f) => f.key === key)!.higherIsBetter;
    const ratio = median(b) / median(a);
    const worse = higher ? 1 - ratio : ratio - 1;
    const pct = (worse * 100).toFixed(1);
    const verdict =
      worse <= 0
        ? 'not worse'
        : worse * 100 <= tolerance
          ? `${pct} % worse, within ${tolerance} %`
          : `WORSE by ${pct} %`;
    console.log(`${key}: base ${median(a)}, HEAD ${median(b)}, HEAD/base ${ratio.toFixed(3)} (${verdict})`);
  }
  const loads = [...sides.base.loads, ...sides.head.loads];
  console.log(
    `load average (1 min) before the runs: base median ${median(sides.base.loads).toFixed(2)}, HEAD median ${median(sides.head.loads).toFixed(2)}, range ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)}; now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

const baseName = `${values.base} (${git('rev-parse', '--short', `${values.base}^{commit}`)})`;
const tree = baseTree(values.base);
try {
  report(measure(tree.dir, values.bench), baseName);
} finally {
  tree.remove();
}
