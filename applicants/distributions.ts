// The shares the generator draws from, and why. Sources: domain.md §4 (2025 open enrollment, federal platform).
// Household size and the split of adult ages are assumptions (no national split is published): stated here, once.

/** A weighted choice: weights need not sum to 1. */
export type Weighted<T> = readonly { value: T; weight: number }[];

/** Income as % FPL: ~63 % at 100–200 %, ~25 % at 200–400 %, a few % above 400 %, the rest below 100 %. */
export const FPL_BANDS: Weighted<readonly [number, number]> = [
  { value: [60, 100], weight: 0.04 },
  { value: [100, 150], weight: 0.38 },
  { value: [150, 200], weight: 0.25 },
  { value: [200, 250], weight: 0.11 },
  { value: [250, 300], weight: 0.07 },
  { value: [300, 400], weight: 0.07 },
  { value: [400, 600], weight: 0.08 },
];

/** Assumption: mostly single adults, as marketplace enrollment is; families of up to six. */
export const HOUSEHOLD_SIZES: Weighted<number> = [
  { value: 1, weight: 0.55 },
  { value: 2, weight: 0.2 },
  { value: 3, weight: 0.11 },
  { value: 4, weight: 0.09 },
  { value: 5, weight: 0.04 },
  { value: 6, weight: 0.01 },
];

/**
 * Subscriber age bands. With children included, roughly a third of enrollees are under 35, 55–64 is the largest
 * adult band, and 1–2 % are 65 or over (domain.md §4).
 */
export const SUBSCRIBER_AGES: Weighted<readonly [number, number]> = [
  { value: [19, 25], weight: 0.09 },
  { value: [26, 34], weight: 0.15 },
  { value: [35, 44], weight: 0.16 },
  { value: [45, 54], weight: 0.2 },
  { value: [55, 64], weight: 0.385 },
  { value: [65, 70], weight: 0.013 },
];

/**
 * The catalog states in proportion to their 2026 open-enrollment plan selections (CMS, "Marketplace 2026 Open
 * Enrollment Period Report", 2026-01-28): Texas 4,172,233; Virginia 365,787 (its own exchange since plan year 2024);
 * Alaska 26,079; Hawaii 23,380.
 */
export const STATE_SHARES: Weighted<string> = [
  { value: 'TX', weight: 4_172_233 },
  { value: 'VA', weight: 365_787 },
  { value: 'AK', weight: 26_079 },
  { value: 'HI', weight: 23_380 },
];
export const STATE_SHARES_SOURCE = 'CMS 2026 OEP plan selections by state';

type MetalChoice = Weighted<'bronze' | 'silver' | 'gold' | 'platinum'>;

/**
 * Metal chosen by income (assumption, tuned to the published totals: silver about 55 % of enrollees, concentrated at
 * 100–250 % FPL where cost-sharing reductions are, ~51 % with CSR; bronze rising with income — domain.md §4).
 * Each row: the upper bound of the % FPL band it applies below, and the weights.
 */
export const METAL_BY_FPL: readonly { below: number; choice: MetalChoice }[] = [
  {
    below: 100,
    choice: [
      { value: 'bronze', weight: 0.5 },
      { value: 'silver', weight: 0.25 },
      { value: 'gold', weight: 0.2 },
      { value: 'platinum', weight: 0.05 },
    ],
  },
  {
    below: 150,
    choice: [
      { value: 'bronze', weight: 0.15 },
      { value: 'silver', weight: 0.78 },
      { value: 'gold', weight: 0.06 },
      { value: 'platinum', weight: 0.01 },
    ],
  },
  {
    below: 200,
    choice: [
      { value: 'bronze', weight: 0.22 },
      { value: 'silver', weight: 0.68 },
      { value: 'gold', weight: 0.08 },
      { value: 'platinum', weight: 0.02 },
    ],
  },
  {
    below: 250,
    choice: [
      { value: 'bronze', weight: 0.42 },
      { value: 'silver', weight: 0.4 },
      { value: 'gold', weight: 0.15 },
      { value: 'platinum', weight: 0.03 },
    ],
  },
  {
    below: 400,
    choice: [
      { value: 'bronze', weight: 0.51 },
      { value: 'silver', weight: 0.27 },
      { value: 'gold', weight: 0.18 },
      { value: 'platinum', weight: 0.04 },
    ],
  },
  {
    below: Number.POSITIVE_INFINITY,
    choice: [
      { value: 'bronze', weight: 0.5 },
      { value: 'silver', weight: 0.25 },
      { value: 'gold', weight: 0.2 },
      { value: 'platinum', weight: 0.05 },
    ],
  },
];

/** The metal weights for a household drawn at `fplPercent` (the band's drawn value, before the income is rounded). */
export const metalChoiceAt = (fplPercent: number): MetalChoice => METAL_BY_FPL.find((row) => fplPercent < row.below)!.choice;

/** Published shares of enrollees, with their sources (domain.md §4): what `generate --describe` compares against. */
export const PUBLISHED = {
  silver: { share: 0.55, source: 'domain.md §4: silver about 55 % (2025 OEP)' },
  csr: { share: 0.51, source: 'domain.md §4: ~51 % cost-sharing reductions (2025 OEP)' },
  subsidised: { share: 0.92, source: 'domain.md §4: ~92 % received APTC (2025 OEP)' },
  children: { share: 0.095, source: 'domain.md §4: under 18 about 9–10 % of enrollees' },
  age65: { share: 0.015, source: 'domain.md §4: ~1–2 % 65+' },
  age55to64: { share: 0.33, source: 'domain.md §4: the largest adult band (its exact share unverified)' },
  fpl: { source: 'domain.md §4: ~63 % at 100–200 %, ~25 % at 200–400 %, a few % above 400 %' },
  size: { source: 'assumption (no national split is published)' },
} as const;

export const FEMALE_SHARE = 0.54;
/** Share of adults who use tobacco (assumption, near the US adult smoking rate). */
export const TOBACCO_SHARE = 0.12;
/** Given two or more members: a spouse is present this often. */
export const SPOUSE_SHARE = 0.7;
