// Prints the top self-time costs of a V8 .cpuprofile (node --cpu-prof), grouped by function and file, and by package.
import fs from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const file = process.argv[2];
if (!file) throw new Error('usage: tsx scripts/profile-top.ts <file.cpuprofile> [count]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self]
  .filter(([id]) => byId.get(id)!.callFrame.functionName !== '(idle)')
  .reduce((a, [, b]) => a + b, 0);
const where = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'node_modules/')
    .replace(/.*\/wt-[^/]+\//, '');
const group = (key: (n: Node) => string) => {
  const sums = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
};
const count = Number(process.argv[3] ?? 15);
const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
console.log(`${(total / 1e6).toFixed(1)} s of CPU sampled (idle left out)\n\nby function (self time):`);
for (const [k, us] of group(
  (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
).slice(0, count))
  console.log(`  ${pct(us).padStart(7)}  ${k}`);
console.log('\nby package or file:');
for (const [k, us] of group((n) => {
  const u = where(n.callFrame.url);
  const m = u.match(/^node_modules\/((@[^/]+\/)?[^/]+)/);
  return m ? m[1] : u || n.callFrame.functionName;
}).slice(0, count))
  console.log(`  ${pct(us).padStart(7)}  ${k}`);
