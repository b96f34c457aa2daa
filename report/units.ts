// Units of a chart's values: what a series is measured in (bytes, seconds, ms, …) and the unit its axis shows them
// in, chosen from the values' size (bytes as KiB / MiB / GiB, seconds under one as ms). The axis label is that unit,
// so a label never claims a unit its values are not in.

/** A family of units of one quantity, each with its size in the family's base unit, smallest first. */
const FAMILIES: readonly (readonly (readonly [string, number])[])[] = [
  [
    ['bytes', 1],
    ['KiB', 1024],
    ['MiB', 1024 ** 2],
    ['GiB', 1024 ** 3],
  ],
  [
    ['ms', 1e-3],
    ['s', 1],
  ],
];

const ALIASES: Record<string, string> = { B: 'bytes', byte: 'bytes', seconds: 's', second: 's', milliseconds: 'ms' };

const canonical = (unit: string): string => ALIASES[unit] ?? unit;

/** The unit a metric's name declares by the Prometheus convention (…_bytes, …Seconds, … (ms)); undefined if none. */
export function unitOfName(name: string): string | undefined {
  if (/bytes$/i.test(name)) return 'bytes';
  if (/seconds$/i.test(name)) return 's';
  if (/\(ms\)$|_ms$|Ms$/.test(name)) return 'ms';
  return undefined;
}

export interface DisplayUnit {
  /** The unit the axis shows (and its label). */
  label: string;
  /** Multiply a value in the declared unit by this to get it in `label`. */
  factor: number;
}

/**
 * The unit to show values declared in `unit` in: the largest of its family that keeps the largest value at 1 or
 * more (so 3e8 bytes show as 286 MiB, 0.004 s as 4 ms). A unit of no family (requests/s, VUs) is shown as it is.
 */
export function displayUnit(unit: string, values: Iterable<number | null>): DisplayUnit {
  const declared = canonical(unit);
  const family = FAMILIES.find((f) => f.some(([name]) => name === declared));
  if (!family) return { label: unit, factor: 1 };
  const size = family.find(([name]) => name === declared)![1];
  let top = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) top = Math.max(top, Math.abs(v));
  const inBase = top * size;
  const shown = [...family].reverse().find(([, s]) => inBase >= s) ?? family[0]!;
  return { label: shown[0], factor: size / shown[1] };
}

/**
 * `value` to `digits` significant digits: what the run page keeps of a measured figure (its HdrHistograms hold three),
 * so a value sent every second is 53.74, not 53.73849049360512.
 */
export function significant(value: number | null, digits = 4): number | null {
  if (value === null || value === 0 || !Number.isFinite(value)) return value;
  const decimals = digits - 1 - Math.floor(Math.log10(Math.abs(value)));
  // Divided by a whole power of ten either way: 123,500,000, not 123,500,000.00000001.
  return decimals >= 0 ? Math.round(value * 10 ** decimals) / 10 ** decimals : Math.round(value / 10 ** -decimals) * 10 ** -decimals;
}
