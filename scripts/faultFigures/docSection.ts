// A generated section of a Markdown page: the text between `<!-- figures:NAME:start -->` and `<!-- figures:NAME:end -->`.
// Read it, or put new text in its place; a page without the markers is an error naming them, never a silent append.

export function sectionMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- figures:${name}:start -->`, end: `<!-- figures:${name}:end -->` };
}

function bounds(page: string, name: string, pageName: string): { from: number; to: number } {
  const { start, end } = sectionMarkers(name);
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < 0 || to < from || page.indexOf(start, from + 1) >= 0) {
    throw new Error(`${pageName}: expected one "${start}" line followed by one "${end}" line; put them where the generated figures go`);
  }
  return { from: from + start.length, to };
}

/** The section's text, without its markers or the blank lines around it. */
export function readSection(page: string, name: string, pageName = 'the page'): string {
  const { from, to } = bounds(page, name, pageName);
  return page.slice(from, to).trim();
}

/** The page with the section's text replaced by `body` (between its markers, a blank line either side). */
export function writeSection(page: string, name: string, body: string, pageName = 'the page'): string {
  const { from, to } = bounds(page, name, pageName);
  return `${page.slice(0, from)}\n\n${body.trim()}\n\n${page.slice(to)}`;
}
