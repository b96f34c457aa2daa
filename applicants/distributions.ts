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
  { value: [19, 25], weight: 0.1 },
  { value: [26, 34], weight: 0.17 },
  { value: [35, 44], weight: 0.18 },
  { value: [45, 54], weight: 0.21 },
  { value: [55, 64], weight: 0.32 },
  { value: [65, 70], weight: 0.02 },
];

export const STATE_SHARES: Weighted<string> = [
  { value: 'VA', weight: 0.4 },
  { value: 'TX', weight: 0.48 },
  { value: 'AK', weight: 0.12 },
];

/** Metal chosen: silver dominates where cost-sharing reductions are (most enrollees), bronze next. */
export const METAL_SHARES: Weighted<'bronze' | 'silver' | 'gold' | 'platinum'> = [
  { value: 'bronze', weight: 0.3 },
  { value: 'silver', weight: 0.55 },
  { value: 'gold', weight: 0.13 },
  { value: 'platinum', weight: 0.02 },
];

export const FEMALE_SHARE = 0.54;
/** Share of adults who use tobacco (assumption, near the US adult smoking rate). */
export const TOBACCO_SHARE = 0.12;
/** Given two or more members: a spouse is present this often. */
export const SPOUSE_SHARE = 0.7;
