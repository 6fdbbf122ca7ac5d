// No import cycle under server/: neither between files nor between modules (a folder of server/modules, or of server/
// such as http, db, i18n). A cycle means two domains each need the other: one of them must give way (issue 18).
// dependency-cruiser reads the imports (type-only and dynamic ones included); the module graph is its file graph folded
// by folder. To print that graph: npx depcruise server --no-config --do-not-follow node_modules
// --ts-pre-compilation-deps --collapse '^server/(modules/)?[^/]+' --output-type text | grep ' → server/'
import t from 'tap';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const result = (
  await cruise(['server'], {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    validate: true,
    ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
  })
).output as ICruiseResult;

/** The module a file belongs to: server/modules/<name>, else server/<folder>, else the file itself (server/app.ts). */
const moduleOf = (file: string) =>
  /^server\/modules\/[^/]+/.exec(file)?.[0] ?? /^server\/[^/]+(?=\/)/.exec(file)?.[0] ?? file;

/** The module graph: for each pair of modules, the file imports that make the edge. */
function moduleGraph(res: ICruiseResult) {
  const edges = new Map<string, Map<string, string[]>>();
  for (const m of res.modules) {
    if (!m.source.startsWith('server/')) continue;
    for (const d of m.dependencies) {
      const [from, to] = [moduleOf(m.source), moduleOf(d.resolved)];
      if (!d.resolved.startsWith('server/') || from === to) continue;
      const out = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
      (out.get(to) ?? out.set(to, []).get(to)!).push(`${m.source} -> ${d.resolved}`);
    }
  }
  return edges;
}

/** Strongly connected components with more than one module (Tarjan): each is a set of modules in a cycle. */
function cycles(edges: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do component.push((w = stack.pop()!));
      while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

t.test('the import graph was read', async (t) => {
  const files = result.modules.filter((m) => m.source.startsWith('server/'));
  t.ok(files.length > 100, `${files.length} files under server/`);
  t.ok(
    files.some(
      (m) =>
        m.source === 'server/app.ts' &&
        m.dependencies.some((d) => d.resolved === 'server/modules/catalog/catalog.routes.ts'),
    ),
    'imports with a .ts extension are resolved',
  );
});

t.test('no file under server/ imports itself through others', async (t) => {
  const found = result.summary.violations
    .filter((v) => v.rule.name === 'no-circular')
    .map((v) => [v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' -> '));
  t.same(found, [], found.length ? `import cycles between files:\n${found.join('\n')}` : 'no cycle');
});

t.test('no module under server/ depends on itself through others', async (t) => {
  const edges = moduleGraph(result);
  const found = cycles(edges).map((component) => {
    const inside = component.flatMap((a) => component.flatMap((b) => edges.get(a)?.get(b) ?? []));
    return `${component.join(', ')}:\n  ${inside.join('\n  ')}`;
  });
  t.same(
    found,
    [],
    found.length ? `modules in a cycle, with the imports that make it:\n${found.join('\n')}` : 'no cycle',
  );
});

t.test('the cycle finder finds a cycle of three modules and names the imports', async (t) => {
  const graph = new Map([
    ['server/modules/a', new Map([['server/modules/b', ['a.ts -> b.ts']]])],
    [
      'server/modules/b',
      new Map([
        ['server/modules/c', ['b.ts -> c.ts']],
        ['server/db', ['b.ts -> db.ts']],
      ]),
    ],
    ['server/modules/c', new Map([['server/modules/a', ['c.ts -> a.ts']]])],
  ]);
  t.same(cycles(graph), [['server/modules/a', 'server/modules/b', 'server/modules/c']]);
  t.same(cycles(new Map([['server/modules/a', new Map([['server/db', ['a.ts -> db.ts']]])]])), []);
});
