/** Where the validators' CPU went: self time by function over the .cpuprofile files node --cpu-prof wrote. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The `top` functions by self time over every profile in `dir`, as lines with ms and share of busy time. */
export function topFunctions(dir: string, top: number): string[] {
  const self = new Map<string, number>();
  let busy = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const names = new Map(p.nodes.map((n) => [n.id, nameOf(n)]));
    p.samples.forEach((id, i) => {
      const name = names.get(id)!;
      if (name === '(idle)') return;
      const us = p.timeDeltas[i] ?? 0;
      busy += us;
      self.set(name, (self.get(name) ?? 0) + us);
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([name, us]) =>
        `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`,
    );
}

function nameOf(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url.split('/').slice(-2).join('/');
  return file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
}
