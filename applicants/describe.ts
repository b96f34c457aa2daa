// What a set of households looks like beside the published shares it was meant to match, each with its source:
// ages of the members who enroll, % FPL bands, household sizes, states, metal, CSR and the share subsidised among
// enrollees, and how many the exchange must refer to Medicaid/CHIP. Pure; the command formats it.

import { ageOn, planYearStartOf } from '../domain/ageCurve.ts';
import type { Household } from '../domain/household.ts';
import { FPL_BANDS, HOUSEHOLD_SIZES, PUBLISHED, STATE_SHARES, STATE_SHARES_SOURCE } from './distributions.ts';

export interface DistributionRow {
  dimension: string;
  bucket: string;
  actual: number;
  target: number | null;
  /** Where the target comes from (a published figure or a stated assumption). */
  source: string;
}

const AGE_BANDS: [string, number, number][] = [
  ['0-17', 0, 17],
  ['18-34', 18, 34],
  ['35-54', 35, 54],
  ['55-64', 55, 64],
  ['65+', 65, 200],
];
/** Enrollee shares from domain.md §4, where it gives one. */
const AGE_TARGETS: Record<string, { share: number; source: string } | undefined> = {
  '0-17': PUBLISHED.children,
  '55-64': PUBLISHED.age55to64,
  '65+': PUBLISHED.age65,
};
const CSR_VARIANTS = new Set(['04', '05', '06']);

export function describeHouseholds(households: Iterable<Household>): DistributionRow[] {
  const counts = new Map<string, number>();
  const bump = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  let n = 0;
  let members = 0;
  let enrolledMembers = 0;
  let enrollees = 0;
  for (const h of households) {
    n += 1;
    bump(`state:${h.state}`);
    bump(`size:${h.householdSize}`);
    const band = FPL_BANDS.find(({ value: [lo, hi] }) => h.expected.fplPercent >= lo && h.expected.fplPercent < hi);
    bump(`fpl:${band ? `${band.value[0]}-${band.value[1]}` : 'other'}`);
    const medicaid = h.expected.medicaidMembers ?? h.members.map(() => false);
    members += h.members.length;
    for (const covered of medicaid) if (covered) bump('medicaidMember');
    if (h.expected.result === 'medicaid') {
      bump('referred');
      continue;
    }
    // Published shares are of enrollees: only the households and members that enroll count below.
    enrollees += 1;
    bump(`metal:${h.plan.metal}`);
    if (CSR_VARIANTS.has(h.expected.csrVariant)) bump('csr');
    if (h.expected.aptc > 0) bump('subsidised');
    h.members.forEach((m, i) => {
      if (medicaid[i]) return;
      enrolledMembers += 1;
      const age = ageOn(m.dob, planYearStartOf(h.expected.planYear));
      bump(`age:${AGE_BANDS.find(([, lo, hi]) => age >= lo && age <= hi)![0]}`);
    });
  }
  const share = (key: string, of: number): number => Math.round(((counts.get(key) ?? 0) / Math.max(1, of)) * 1000) / 1000;
  const total = <T>(w: readonly { weight: number; value: T }[]) => w.reduce((a, b) => a + b.weight, 0);
  return [
    ...AGE_BANDS.map(([label]) => ({
      dimension: 'age (enrolled members)',
      bucket: label,
      actual: share(`age:${label}`, enrolledMembers),
      target: AGE_TARGETS[label]?.share ?? null,
      source: AGE_TARGETS[label]?.source ?? '—',
    })),
    ...FPL_BANDS.map(({ value: [lo, hi], weight }) => ({
      dimension: '% FPL (households)',
      bucket: `${lo}-${hi}`,
      actual: share(`fpl:${lo}-${hi}`, n),
      target: weight / total(FPL_BANDS),
      source: PUBLISHED.fpl.source,
    })),
    ...HOUSEHOLD_SIZES.map(({ value, weight }) => ({
      dimension: 'household size',
      bucket: String(value),
      actual: share(`size:${value}`, n),
      target: weight / total(HOUSEHOLD_SIZES),
      source: PUBLISHED.size.source,
    })),
    ...STATE_SHARES.map(({ value, weight }) => ({
      dimension: 'state (households)',
      bucket: value,
      actual: share(`state:${value}`, n),
      target: weight / total(STATE_SHARES),
      source: STATE_SHARES_SOURCE,
    })),
    {
      dimension: 'metal (enrollees)',
      bucket: 'silver',
      actual: share('metal:silver', enrollees),
      target: PUBLISHED.silver.share,
      source: PUBLISHED.silver.source,
    },
    ...(['bronze', 'gold', 'platinum'] as const).map((metal) => ({
      dimension: 'metal (enrollees)',
      bucket: metal,
      actual: share(`metal:${metal}`, enrollees),
      target: null,
      source: '—',
    })),
    { dimension: 'CSR variant (enrollees)', bucket: '04-06', actual: share('csr', enrollees), target: PUBLISHED.csr.share, source: PUBLISHED.csr.source },
    {
      dimension: 'subsidised (APTC > 0)',
      bucket: 'enrollees',
      actual: share('subsidised', enrollees),
      target: PUBLISHED.subsidised.share,
      source: PUBLISHED.subsidised.source,
    },
    { dimension: 'referred to Medicaid', bucket: 'households', actual: share('referred', n), target: null, source: '—' },
    { dimension: 'Medicaid/CHIP members', bucket: 'members', actual: share('medicaidMember', members), target: null, source: '—' },
  ];
}

export function formatDistribution(rows: DistributionRow[]): string {
  const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
  return rows
    .map((r) => `  ${r.dimension.padEnd(24)} ${r.bucket.padEnd(10)} ${pct(r.actual).padStart(8)}   target ${pct(r.target).padStart(7)}   ${r.source}`)
    .join('\n');
}
