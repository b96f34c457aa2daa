// Durations as people type them on the command line, in fault specs and nemesis specs: 250ms, 30s, 5m, 1h30m
// (units h, m, s, ms, one or more combined). One parser for every place that reads one; each caller words its own
// error, since only it knows which option or item was wrong.

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The duration in milliseconds, or undefined when the text is not a duration (zero is a duration: `0s`). */
export function durationMs(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  let ms = 0;
  let consumed = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    ms += Number(match[1]) * UNIT_MS[match[2]!]!;
    consumed = PART.lastIndex;
  }
  return consumed === text.length && Number.isFinite(ms) ? ms : undefined;
}
