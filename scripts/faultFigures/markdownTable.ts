// A Markdown table as the figures pages write it — a header, a `---` rule, one line a row — and read back cell by cell.
// Cells hold no `|` (a figure or a short phrase), so no escaping is needed; one that does is refused.

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const cells of [header, ...rows]) {
    if (cells.length !== header.length) throw new Error(`table row [${cells.join(', ')}]: expected ${header.length} cells like the header`);
    const piped = cells.find((cell) => cell.includes('|') || cell.includes('\n'));
    if (piped !== undefined) throw new Error(`table cell "${piped}": expected no "|" or line break in a cell`);
  }
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The header and rows of the first table in `text`; lines before and after it are skipped. */
export function parseTable(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith('|'));
  if (first < 0) return { header: [], rows: [] };
  const block: string[] = [];
  for (const l of lines.slice(first)) {
    if (!l.startsWith('|')) break;
    block.push(l);
  }
  const cells = (l: string): string[] =>
    l
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
  const [header = '', , ...rows] = block;
  return { header: cells(header), rows: rows.map(cells) };
}
