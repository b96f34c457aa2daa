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
