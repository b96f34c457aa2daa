// What a set of households looks like beside the shares it was meant to match: age bands, % FPL bands,
// household sizes, states and the share subsidised. Pure; the command formats it.

import { ageOn, planYearStartOf } from '../domain/ageCurve.ts';
import type { Household } from '../domain/household.ts';
import { FPL_BANDS, HOUSEHOLD_SIZES, STATE_SHARES } from './distributions.ts';

export interface DistributionRow {
  dimension: string;
  bucket: string;
  actual: number;
  target: number | null;
}

const AGE_BANDS: [string, number, number][] = [
  ['0-17', 0, 17],
  ['18-34', 18, 34],
  ['35-54', 35, 54],
  ['55-64', 55, 64],
  ['65+', 65, 200],
];
/** Enrollee shares from domain.md §4, where it gives one. */
const AGE_TARGETS: Record<string, number | null> = { '0-17': null, '18-34': null, '35-54': null, '55-64': 0.33, '65+': 0.015 };

export function describeHouseholds(households: Iterable<Household>): DistributionRow[] {
  const counts = new Map<string, number>();
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  let n = 0;
  let members = 0;
  for (const h of households) {
    n += 1;
    bump(`state:${h.state}`);
    bump(`size:${h.householdSize}`);
    const band = FPL_BANDS.find(({ value: [lo, hi] }) => h.expected.fplPercent >= lo && h.expected.fplPercent < hi);
    bump(`fpl:${band ? `${band.value[0]}-${band.value[1]}` : 'other'}`);
    if (h.expected.result === 'medicaid') bump('referred');
    else {
      bump('enrolling');
      if (h.expected.aptc > 0) bump('subsidised');
    }
    for (const m of h.members) {
      members += 1;
      const age = ageOn(m.dob, planYearStartOf(h.expected.planYear));
      bump(`age:${AGE_BANDS.find(([, lo, hi]) => age >= lo && age <= hi)![0]}`);
    }
  }
  const share = (key: string, of: number): number => Math.round(((counts.get(key) ?? 0) / Math.max(1, of)) * 1000) / 1000;
  const total = <T>(w: readonly { weight: number; value: T }[]) => w.reduce((a, b) => a + b.weight, 0);
  return [
    ...AGE_BANDS.map(([label]) => ({ dimension: 'age (members)', bucket: label, actual: share(`age:${label}`, members), target: AGE_TARGETS[label] ?? null })),
    ...FPL_BANDS.map(({ value: [lo, hi], weight }) => ({ dimension: '% FPL', bucket: `${lo}-${hi}`, actual: share(`fpl:${lo}-${hi}`, n), target: weight / total(FPL_BANDS) })),
    ...HOUSEHOLD_SIZES.map(({ value, weight }) => ({ dimension: 'household size', bucket: String(value), actual: share(`size:${value}`, n), target: weight / total(HOUSEHOLD_SIZES) })),
    ...STATE_SHARES.map(({ value, weight }) => ({ dimension: 'state', bucket: value, actual: share(`state:${value}`, n), target: weight / total(STATE_SHARES) })),
    // Published shares are of enrollees: households referred to Medicaid/CHIP never enroll.
    { dimension: 'referred to Medicaid', bucket: 'share', actual: share('referred', n), target: null },
    { dimension: 'subsidised (APTC > 0)', bucket: 'enrollees', actual: share('subsidised', counts.get('enrolling') ?? 0), target: 0.92 },
  ];
}

export function formatDistribution(rows: DistributionRow[]): string {
  const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
  return rows.map((r) => `  ${r.dimension.padEnd(22)} ${r.bucket.padEnd(8)} ${pct(r.actual).padStart(8)}   target ${pct(r.target)}`).join('\n');
}
