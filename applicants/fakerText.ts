// Faker's street() and lastName() without its template engine. helpers.fake reads a pattern such as
// "{{person.lastName}} {{location.street_suffix}}" with regular expressions and a path walk on every call, which was
// the largest share of the generator's Faker time. Here each pattern is read once into literal text and draws; the
// draws are the very Faker calls the template engine makes, in the same order, so the same seed gives the same text
// and leaves the generator in the same state (test/applicants/fakerText.test.ts checks both against Faker itself).
// A pattern or definition this reader does not cover exactly falls back to Faker's own call.

import type { Faker } from '@faker-js/faker';

type Draw = () => string;

export interface FakerText {
  /** As faker.location.street(). */
  street: Draw;
  /** As faker.person.lastName() (no sex given). */
  lastName: Draw;
}

/** A pattern helpers.fake reads left to right with no surprises: placeholders of letters, digits, "_" and "." only. */
const SIMPLE_PATTERN = /^(?:[^{}]*\{\{[a-z][A-Za-z0-9_.]*\}\})*[^{}]*$/;
const PLACEHOLDER = /\{\{([a-z][A-Za-z0-9_.]*)\}\}/g;

const noBraces = (values: readonly unknown[]): boolean => values.every((v) => typeof v === 'string' && !v.includes('{') && !v.includes('}'));

/**
 * What helpers.fake does for one placeholder path, when it is a plain walk: the path is looked up on the Faker
 * instance and on the raw locale data; one of the two must give a function (called) or a list of texts (one element
 * drawn), and nothing on the way may be a function or a list (Faker would call or draw there). Undefined otherwise.
 */
function placeholderDraw(faker: Faker, path: string, overrides: Readonly<Record<string, Draw>>): Draw | undefined {
  const override = overrides[path];
  if (override) return override;
  const segments = path.split('.');
  let found: unknown[] = [faker, faker.rawDefinitions];
  for (let i = 0; i < segments.length; i++) {
    found = found
      .map((value) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segments[i]!] : undefined))
      .filter((v) => v != null);
    const last = i === segments.length - 1;
    if (!last && found.some((v) => typeof v === 'function' || Array.isArray(v))) return undefined;
  }
  if (found.length !== 1) return undefined;
  const [value] = found;
  if (typeof value === 'function') return value as Draw;
  if (Array.isArray(value) && value.length > 0 && noBraces(value)) {
    const list = value as string[];
    return () => faker.helpers.arrayElement(list);
  }
  return undefined;
}

/** One pattern as literal text and draws; undefined when helpers.fake would do anything else with it. */
function compilePattern(faker: Faker, pattern: string, overrides: Readonly<Record<string, Draw>>): Draw | undefined {
  if (!SIMPLE_PATTERN.test(pattern)) return undefined;
  const literals: string[] = [];
  const draws: Draw[] = [];
  let at = 0;
  for (const match of pattern.matchAll(PLACEHOLDER)) {
    const draw = placeholderDraw(faker, match[1]!, overrides);
    if (!draw) return undefined;
    literals.push(pattern.slice(at, match.index));
    draws.push(draw);
    at = match.index + match[0].length;
  }
  const tail = pattern.slice(at);
  if (draws.length === 0) return () => pattern;
  return () => {
    let text = '';
    for (let i = 0; i < draws.length; i++) text += literals[i]! + draws[i]!();
    return text + tail;
  };
}

/** As helpers.fake(patterns) for a list of patterns: one drawn, then filled in; undefined if any pattern is not simple. */
function compilePatterns(faker: Faker, patterns: readonly string[], overrides: Readonly<Record<string, Draw>>): Draw | undefined {
  const compiled = patterns.map((p) => compilePattern(faker, p, overrides));
  if (patterns.length === 0 || compiled.some((c) => c === undefined)) return undefined;
  const draws = compiled as Draw[];
  return () => faker.helpers.arrayElement(draws)();
}

/**
 * person.lastName() with no sex: Faker draws a sex (unused when the locale's last-name patterns are not by sex), then
 * a weighted pattern, then fills it in.
 */
function compileLastName(faker: Faker): Draw {
  const patterns = faker.rawDefinitions.person?.last_name_pattern;
  const fallback: Draw = () => faker.person.lastName();
  if (!patterns || patterns.female || patterns.male || !patterns.generic) return fallback;
  const weighted = patterns.generic.map(({ value, weight }) => ({ value: compilePattern(faker, value, {}), weight }));
  if (weighted.some((w) => w.value === undefined)) return fallback;
  const choices = weighted as { value: Draw; weight: number }[];
  return () => {
    faker.person.sexType();
    return faker.helpers.weightedArrayElement(choices)();
  };
}

export function fakerText(faker: Faker): FakerText {
  const lastName = compileLastName(faker);
  const streetPatterns = faker.rawDefinitions.location?.street_pattern;
  const street = streetPatterns ? compilePatterns(faker, streetPatterns, { 'person.lastName': lastName }) : undefined;
  return { street: street ?? (() => faker.location.street()), lastName };
}
