// One synthetic household: members, address, income and plan choice drawn from a seeded Faker, then its oracle answers.

import type { Faker } from '@faker-js/faker';
import { countiesOf, phoneAreaCodesOf, plansInRatingArea } from '../domain/catalog.ts';
import type { Household, Member, PlanYear, Relationship, Sex } from '../domain/household.ts';
import { determine } from '../domain/oracle.ts';
import { TOBACCO_MIN_AGE } from '../domain/rating.ts';
import { povertyLine } from '../domain/povertyGuideline.ts';
import {
  FEMALE_SHARE,
  FPL_BANDS,
  HOUSEHOLD_SIZES,
  metalChoiceAt,
  SPOUSE_SHARE,
  STATE_SHARES,
  SUBSCRIBER_AGES,
  TOBACCO_SHARE,
  type Weighted,
} from './distributions.ts';
import type { FakerText } from './fakerText.ts';
import { exampleEmail, fictionalPhone, syntheticSsn } from './identity.ts';

const pick = <T>(faker: Faker, choices: Weighted<T>): T => faker.helpers.weightedArrayElement(choices as { value: T; weight: number }[]);

/** CCYY-MM-DD of a day of a year (0 = January 1), by year × 1000 + day: a few tens of thousands of dates, each built once. */
const dates = new Map<number, string>();

function dateOf(year: number, dayOfYear: number): string {
  const key = year * 1000 + dayOfYear;
  let date = dates.get(key);
  if (date === undefined) {
    date = new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
    dates.set(key, date);
  }
  return date;
}

/** A date of birth giving `age` on January 1 of the plan year: January 2 to December 31 of the year before. */
function dobForAge(faker: Faker, age: number, planYear: number): string {
  // Never January 1: a birthday on the effective date would age the member a year, and mimic the coverage date.
  return dateOf(planYear - age - 1, faker.number.int({ min: 1, max: 364 }));
}

function member(faker: Faker, relationship: Relationship, age: number, lastName: string, planYear: number, sex?: Sex): Member {
  const memberSex = sex ?? (faker.number.float() < FEMALE_SHARE ? 'F' : 'M');
  return {
    firstName: faker.person.firstName(memberSex === 'F' ? 'female' : 'male'),
    lastName,
    dob: dobForAge(faker, age, planYear),
    sex: memberSex,
    relationship,
    ssn: syntheticSsn(faker),
    tobacco: age >= TOBACCO_MIN_AGE && faker.number.float() < TOBACCO_SHARE,
  };
}

function members(faker: Faker, text: FakerText, size: number, planYear: number): Member[] {
  const [lo, hi] = pick(faker, SUBSCRIBER_AGES);
  const subscriberAge = faker.number.int({ min: lo, max: hi });
  const lastName = text.lastName();
  const people = [member(faker, 'self', subscriberAge, lastName, planYear)];
  if (size >= 2 && faker.number.float() < SPOUSE_SHARE) {
    const spouseAge = Math.max(19, Math.min(70, subscriberAge + faker.number.int({ min: -6, max: 6 })));
    people.push(member(faker, 'spouse', spouseAge, lastName, planYear, people[0]!.sex === 'F' ? 'M' : 'F'));
  }
  const oldestChild = Math.max(0, Math.min(25, subscriberAge - 19));
  while (people.length < size) people.push(member(faker, 'child', faker.number.int({ min: 0, max: oldestChild }), lastName, planYear));
  return people;
}

/** `text`: fakerText(faker), made once per Faker instance. */
export function generateHousehold(faker: Faker, text: FakerText, id: string, planYear: PlanYear): Household {
  const state = pick(faker, STATE_SHARES);
  const county = faker.helpers.arrayElement(countiesOf(state));
  const size = pick(faker, HOUSEHOLD_SIZES);
  const people = members(faker, text, size, planYear);
  const [fplLo, fplHi] = pick(faker, FPL_BANDS);
  const fplPercent = faker.number.float({ min: fplLo, max: fplHi });
  const householdIncome = Math.round((fplPercent / 100) * povertyLine(planYear, state, people.length));
  // Metal by income: silver where cost-sharing reductions are, bronze more often as income rises.
  const metal = pick(faker, metalChoiceAt(fplPercent));
  const plan = faker.helpers.arrayElement(plansInRatingArea(county.ratingArea).filter((p) => p.metal === metal));
  const subscriber = people[0]!;
  const facts = { state, countyFips: county.fips, householdIncome, members: people };
  return {
    id,
    state,
    countyFips: county.fips,
    zip: faker.helpers.arrayElement(county.zips),
    city: county.city,
    street: `${faker.number.int({ min: 1, max: 9999 })} ${text.street()}`,
    ratingArea: county.ratingArea,
    phone: fictionalPhone(faker, phoneAreaCodesOf(state)),
    email: exampleEmail(subscriber.firstName, subscriber.lastName, id),
    householdIncome,
    householdSize: people.length,
    members: people,
    plan: { id: plan.id, issuerId: plan.issuerId, metal },
    expected: determine(facts, plan.id, planYear),
  };
}
