// Keeps a page's generated table honest: the rows a test measured are compared with the page's table by what each row
// claims (not by counts that differ from run to run), or written into the page when asked (UPDATE_FIGURES=1).

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readSection, writeSection } from './docSection.ts';
import { parseTable, renderTable } from './markdownTable.ts';

export interface FiguresTable {
  /** The marker name: `<!-- figures:NAME:start -->`. */
  section: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** What a row claims, from its cells: what must hold in every run. */
  claims: (cells: readonly string[]) => string[];
}

/** How the page's table differs from the measured one in what its rows claim; empty when it says what the runs showed. */
export function figuresDifferences(page: string, table: FiguresTable, pageName = 'the page'): string[] {
  const written = parseTable(readSection(page, table.section, pageName));
  if (written.header.join('|') !== table.header.join('|'))
    return [`header: the page has [${written.header.join(', ')}], expected [${table.header.join(', ')}]`];
  const differences: string[] = [];
  const rows = Math.max(written.rows.length, table.rows.length);
  for (let i = 0; i < rows; i += 1) {
    const was = written.rows[i];
    const now = table.rows[i];
    if (!was) differences.push(`row ${i + 1} ${now![0]}: measured, not on the page`);
    else if (!now) differences.push(`row ${i + 1} ${was[0]}: on the page, not measured`);
    else {
      const claimed = table.claims(was);
      const shown = table.claims(now);
      if (claimed.join('\n') !== shown.join('\n'))
        differences.push(`row ${i + 1} ${now[0]}: the page claims [${claimed.join('; ')}], the runs show [${shown.join('; ')}]`);
    }
  }
  return differences;
}

/**
 * Compares the file's table with the measured one (the differences; empty when it holds), or with `update` writes the
 * measured table into the file (nothing to report then).
 */
export function syncFigures(file: string, table: FiguresTable, update: boolean): string[] {
  const page = readFileSync(file, 'utf8');
  if (!update) return figuresDifferences(page, table, basename(file));
  const next = writeSection(page, table.section, renderTable(table.header, table.rows), basename(file));
  if (next !== page) writeFileSync(file, next);
  return [];
}

/** UPDATE_FIGURES=1 (or any value but 0 / empty): write what was measured instead of comparing. */
export const updateFiguresAsked = (): boolean => !['', '0', undefined].includes(process.env.UPDATE_FIGURES);
