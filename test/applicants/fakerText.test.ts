// fakerText gives what Faker's own street() and lastName() give, seed for seed, and leaves the generator where Faker
// would: the applicant files stay byte for byte what they were.

import { Faker, en, en_US, type LocaleDefinition } from '@faker-js/faker';
import { describe, expect, it, vi } from 'vitest';
import { fakerText, type FakerText } from '../../applicants/fakerText.ts';

const seeded = (seed: number, locale: LocaleDefinition[] = [en_US, en]): Faker => {
  const faker = new Faker({ locale });
  faker.seed(seed);
  return faker;
};

/** Each seed: two draws from Faker and from fakerText, then the next number each generator gives. */
function sideBySide(draw: (text: FakerText) => string, theirs: (faker: Faker) => string, locale?: LocaleDefinition[]) {
  const a = seeded(0, locale);
  const b = seeded(0, locale);
  const text = fakerText(b);
  const differences: string[] = [];
  for (let seed = 0; seed < 2_000; seed++) {
    a.seed(seed);
    b.seed(seed);
    const expected = [theirs(a), theirs(a), a.number.int()];
    const actual = [draw(text), draw(text), b.number.int()];
    if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`seed ${seed}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return differences;
}

describe('fakerText', () => {
  it('gives the street Faker gives and draws the same numbers, over 2,000 seeds', () => {
    expect(
      sideBySide(
        (t) => t.street(),
        (f) => f.location.street(),
      ),
    ).toEqual([]);
  });

  it('gives the last name Faker gives (double-barrelled ones too) and draws the same numbers', () => {
    expect(
      sideBySide(
        (t) => t.lastName(),
        (f) => f.person.lastName(),
      ),
    ).toEqual([]);
    const names = new Set<string>();
    const text = fakerText(seeded(1));
    for (let i = 0; i < 2_000; i++) names.add(text.lastName());
    expect([...names].some((n) => n.includes('-'))).toBe(true);
  });

  it("reads the patterns once and does not call Faker's template engine for en_US", () => {
    const faker = seeded(3);
    const text = fakerText(faker);
    const fake = vi.spyOn(faker.helpers, 'fake');
    const street = vi.spyOn(faker.location, 'street');
    for (let i = 0; i < 100; i++) text.street();
    expect(fake).not.toHaveBeenCalled();
    expect(street).not.toHaveBeenCalled();
  });

  it('falls back to Faker itself for a locale whose patterns it does not read, and still agrees with it', () => {
    const odd: LocaleDefinition = { location: { street_pattern: ['{{location.street_suffix}} of {{number.int(9)}}'], street_suffix: ['Way'] } };
    expect(
      sideBySide(
        (t) => t.street(),
        (f) => f.location.street(),
        [odd, en_US, en],
      ),
    ).toEqual([]);
  });
});
