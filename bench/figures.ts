// The shape every benchmark returns, and how the bench command prints and stores them.

export type Figures = Record<string, { value: number; unit: string }>;

export function formatFigures(figures: Figures): string {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  return Object.entries(figures)
    .map(([name, { value, unit }]) => `  ${name.padEnd(width)}  ${value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${unit}`)
    .join('\n');
}
