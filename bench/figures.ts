// The shape every benchmark returns, and how the bench command prints and stores them.

export type Figures = Record<string, { value: number; unit: string }>;

export function formatFigures(figures: Figures): string {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  return Object.entries(figures)
    .map(([name, { value, unit }]) => `  ${name.padEnd(width)}  ${value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${unit}`)
    .join('\n');
}

/** A run's verdict as a figure: 1 when it passed, else 0 with the checks it missed in the unit. */
export function verdictFigure(verdict: { pass: boolean; checks: { name: string; pass: boolean }[] }): Figures[string] {
  const missed = verdict.checks.filter((c) => !c.pass).map((c) => c.name);
  return { value: verdict.pass ? 1 : 0, unit: verdict.pass ? 'bool' : `bool (missed: ${missed.join(', ')})` };
}
