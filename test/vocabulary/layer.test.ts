// vocabulary/ is the bottom layer: every folder may import it, and it imports nothing of ours.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

const VOCABULARY = join(PROJECT_ROOT, 'vocabulary');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module a file names in an import or export … from, and in a dynamic import('…'). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('vocabulary/', () => {
  it('reads the specifiers of static, re-exported and dynamic imports', () => {
    expect(specifiers("import { a } from '../x.ts';\nexport * from './y.ts';\nconst m = await import('../../z.ts');\nimport 'side.ts';")).toEqual([
      '../x.ts',
      './y.ts',
      '../../z.ts',
      'side.ts',
    ]);
  });

  it('imports nothing from another folder of the project', () => {
    const files = sourceFiles(VOCABULARY);
    expect(files.length).toBeGreaterThan(5);
    const outside = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => s.startsWith('.'))
        .filter((s) => relative(VOCABULARY, resolve(dirname(file), s)).startsWith('..'))
        .map((s) => `${relative(PROJECT_ROOT, file)} imports ${s}`),
    );
    expect(outside).toEqual([]);
  });
});

/** The project's own modules, by path from the root, each with the modules it imports for their values. */
function importGraph(): Map<string, string[]> {
  const folders = readdirSync(PROJECT_ROOT, { withFileTypes: true }).filter(
    (entry) => entry.isDirectory() && !['node_modules', 'test', 'results', '.git'].includes(entry.name) && !entry.name.startsWith('.'),
  );
  const graph = new Map<string, string[]>();
  for (const folder of folders) {
    for (const file of sourceFiles(join(PROJECT_ROOT, folder.name))) {
      const text = readFileSync(file, 'utf8');
      const valueImports = [...text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
      graph.set(
        relative(PROJECT_ROOT, file),
        valueImports.map((s) => relative(PROJECT_ROOT, resolve(dirname(file), s))),
      );
    }
  }
  return graph;
}

/** Groups of modules that import each other in a circle (Tarjan's strongly connected components of two or more). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layers', () => {
  const graph = importGraph();

  it('finds a circle of imports when there is one', () => {
    const circle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(circle)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('no module below the CLI imports from scripts/ (only the CLI, the benches and bin/ do)', () => {
    expect(graph.size).toBeGreaterThan(200);
    const upward = [...graph].flatMap(([file, imports]) =>
      ['scripts/', 'bench/', 'bin/'].some((top) => file.startsWith(top))
        ? []
        : imports.filter((s) => s.startsWith('scripts/')).map((s) => `${file} imports ${s}`),
    );
    expect(upward).toEqual([]);
  });

  it('no modules import each other in a circle', () => {
    expect(cycles(graph)).toEqual([]);
  });
});
