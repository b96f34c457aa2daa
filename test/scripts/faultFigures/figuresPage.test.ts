import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSection, writeSection } from '../../../scripts/faultFigures/docSection.ts';
import { figuresDifferences, syncFigures, type FiguresTable } from '../../../scripts/faultFigures/figuresPage.ts';
import { parseTable, renderTable } from '../../../scripts/faultFigures/markdownTable.ts';

const PAGE = '# Faults\n\nText before.\n\n<!-- figures:t:start -->\n<!-- figures:t:end -->\n\nText after.\n';

/** A toy table: its claim is the name and whether the two counts agree. */
const table = (rows: string[][]): FiguresTable => ({
  section: 't',
  header: ['name', 'a', 'b'],
  rows,
  claims: (cells) => [cells[0]!, cells[1] === cells[2] ? 'a = b' : 'a ≠ b'],
});

describe('a generated section', () => {
  it('is written between its markers and read back, the text around it kept', () => {
    const page = writeSection(PAGE, 't', '| x |');
    expect(page).toBe('# Faults\n\nText before.\n\n<!-- figures:t:start -->\n\n| x |\n\n<!-- figures:t:end -->\n\nText after.\n');
    expect(readSection(page, 't')).toBe('| x |');
    expect(writeSection(writeSection(page, 't', '| y |'), 't', '| x |')).toBe(page);
  });

  it('is an error naming the markers when the page lacks them, has them twice or out of order', () => {
    expect(() => readSection('# nothing', 't', 'faults.md')).toThrow(
      'faults.md: expected one "<!-- figures:t:start -->" line followed by one "<!-- figures:t:end -->" line',
    );
    expect(() => readSection(`${PAGE}${PAGE}`, 't')).toThrow(/expected one/);
    expect(() => readSection('<!-- figures:t:end -->\n<!-- figures:t:start -->', 't')).toThrow(/expected one/);
  });
});

describe('a Markdown table', () => {
  it('renders and parses back cell by cell', () => {
    const text = renderTable(
      ['fault', 'n'],
      [
        ['`backend.drop=0.2`', '23'],
        ['none', '0'],
      ],
    );
    expect(text).toBe('| fault | n |\n| --- | --- |\n| `backend.drop=0.2` | 23 |\n| none | 0 |');
    expect(parseTable(`intro\n\n${text}\n\nafter`)).toEqual({
      header: ['fault', 'n'],
      rows: [
        ['`backend.drop=0.2`', '23'],
        ['none', '0'],
      ],
    });
    expect(parseTable('no table')).toEqual({ header: [], rows: [] });
  });

  it('refuses a cell with a pipe and a row of the wrong width', () => {
    expect(() => renderTable(['a'], [['x|y']])).toThrow('table cell "x|y": expected no "|" or line break in a cell');
    expect(() => renderTable(['a', 'b'], [['x']])).toThrow(/expected 2 cells/);
  });
});

describe('the page against the runs', () => {
  const page = writeSection(
    PAGE,
    't',
    renderTable(
      ['name', 'a', 'b'],
      [
        ['one', '3', '3'],
        ['two', '1', '2'],
      ],
    ),
  );

  it('agrees when every row claims the same, whatever the counts', () => {
    expect(
      figuresDifferences(
        page,
        table([
          ['one', '5', '5'],
          ['two', '7', '9'],
        ]),
      ),
    ).toEqual([]);
  });

  it('names each row whose claim changed, and rows only on one side', () => {
    expect(figuresDifferences(page, table([['one', '5', '4']]))).toEqual([
      'row 1 one: the page claims [one; a = b], the runs show [one; a ≠ b]',
      'row 2 two: on the page, not measured',
    ]);
    expect(
      figuresDifferences(
        page,
        table([
          ['one', '3', '3'],
          ['two', '1', '2'],
          ['three', '0', '0'],
        ]),
      ),
    ).toEqual(['row 3 three: measured, not on the page']);
    expect(figuresDifferences(page, { ...table([]), header: ['name', 'a'] })[0]).toMatch(/^header: the page has \[name, a, b\], expected \[name, a\]/);
  });

  it('rewrites the page with the measured table when asked, and only then', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'figures-page-')), 'faults.md');
    writeFileSync(file, page);
    const measured = table([['one', '5', '4']]);
    expect(syncFigures(file, measured, false)).toHaveLength(2);
    expect(readFileSync(file, 'utf8')).toBe(page);
    expect(syncFigures(file, measured, true)).toEqual([]);
    expect(readSection(readFileSync(file, 'utf8'), 't')).toBe('| name | a | b |\n| --- | --- | --- |\n| one | 5 | 4 |');
    expect(syncFigures(file, measured, false)).toEqual([]);
  });
});
