// Whether runs can be compared at all: the same profile, scale and planned duration on every run of both sides. A
// smoke run pooled with a load run measures two different workloads, and their difference is no regression. The
// seed may differ (runs a side are meant to differ in it). Pure: the command reads run.json and decides with this.

export interface RunIdentity {
  /** The run folder, as given. */
  dir: string;
  /** From run.json; undefined when the folder has no run.json or it does not say. */
  profile: string | undefined;
  scale: number | undefined;
  /** The load's planned length in seconds (--duration, or the profile's plan); undefined when unknown. */
  plannedSeconds: number | undefined;
}

/** What must match across runs; the seed is left out on purpose. */
export const MUST_MATCH = ['profile', 'scale', 'plannedSeconds'] as const;
export type MatchedField = (typeof MUST_MATCH)[number];

const FIELD_NAMES: Record<MatchedField, string> = { profile: 'profile', scale: 'scale', plannedSeconds: 'planned duration' };

export interface Difference {
  field: MatchedField;
  /** Each distinct value (as text, "unknown" when a run does not say) and the runs that have it. */
  values: { value: string; dirs: string[] }[];
}

const shown = (field: MatchedField, value: string | number | undefined): string =>
  value === undefined ? 'unknown' : field === 'plannedSeconds' ? `${value} s` : String(value);

/** Every field on which the runs disagree, with which runs hold which value; empty when they all agree. */
export function differences(runs: readonly RunIdentity[]): Difference[] {
  const out: Difference[] = [];
  for (const field of MUST_MATCH) {
    const byValue = new Map<string, string[]>();
    for (const run of runs) {
      const key = shown(field, run[field]);
      byValue.set(key, [...(byValue.get(key) ?? []), run.dir]);
    }
    if (byValue.size > 1) out.push({ field, values: [...byValue].map(([value, dirs]) => ({ value, dirs })) });
  }
  return out;
}

/** One line a difference: "profile: smoke (a, b) vs load (c)". */
export function describeDifferences(diffs: readonly Difference[]): string[] {
  return diffs.map((d) => `${FIELD_NAMES[d.field]}: ${d.values.map((v) => `${v.value} (${v.dirs.join(', ')})`).join(' vs ')}`);
}
