// README's words for a newcomer: every profile the CLI knows and every defect class the reconciliation counts is
// defined there, so neither list can grow without the page saying what the new word means.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFECT_CLASSES } from '../../reconcile/reconcile.ts';
import { PROFILES } from '../../scripts/run/profiles/index.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const glossary = readme.slice(readme.indexOf('## Words you will meet'), readme.indexOf('## The verdict'));

describe('README glossary', () => {
  it('is there, before the verdict', () => {
    expect(glossary.length).toBeGreaterThan(200);
  });

  it.each(DEFECT_CLASSES.map((c) => [c]))('defines the defect class %s', (defect) => {
    expect(glossary).toMatch(new RegExp(`\\*\\*${defect}\\*\\* \\([^)]{10,}`));
  });

  it('names every profile', () => {
    for (const profile of Object.keys(PROFILES)) expect(glossary).toContain(`\`${profile}\``);
  });

  it.each([['profile'], ['journey'], ['funnel'], ['oracle'], ['ledger'], ['834 / 999']])('defines %s', (word) => {
    expect(glossary).toContain(`**${word}**`);
  });

  it('documents every exit code the harness uses', () => {
    for (const code of ['`0`', '`1`', '`2`', '`130`']) expect(readme).toContain(code);
  });
});
