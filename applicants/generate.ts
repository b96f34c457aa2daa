// The seeded household stream: the same seed gives the same households in the same order, byte for byte.
// Streaming: one household at a time, so memory does not grow with the count.

import { Faker, en, en_US } from '@faker-js/faker';
import type { Household, PlanYear } from '../domain/household.ts';
import { fakerText } from './fakerText.ts';
import { generateHousehold } from './household.ts';

export interface GenerateOptions {
  count: number;
  seed: number;
  planYear: PlanYear;
}

/** `H<seed>-<index>`: ids never collide across seeds, and sort in generation order. */
export const householdId = (seed: number, index: number): string => `H${seed}-${String(index + 1).padStart(7, '0')}`;

export function* generateHouseholds(options: GenerateOptions): Generator<Household> {
  const faker = new Faker({ locale: [en_US, en] });
  faker.seed(options.seed);
  const text = fakerText(faker);
  for (let index = 0; index < options.count; index += 1) yield generateHousehold(faker, text, householdId(options.seed, index), options.planYear);
}
