// What a journey module refuses before any load starts, each refusal naming the option, what was expected and what
// to do; and the applicants a worker loads: only its segment's (k ≡ i mod n), plus the file's last few when asked.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanError } from '../../../engine/runPlan.ts';
import { loadSegmentApplicants } from '../../../scenarios/consumers/applicants.ts';
import { createJourney } from '../../../scenarios/consumers/marketplace.ts';
import { createJourney as createSecurityJourney } from '../../../scenarios/consumers/security.ts';
import { applicantsFile, households, MARKETPLACE_MODULE, run, sharedIterations } from './stack.ts';

const people = households(10, 53);
let dir: string;
let file: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consumer-options-'));
  file = await applicantsFile(dir, people);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = () => ({
  baseUrl: 'http://127.0.0.1:9',
  applicantsFile: file,
  thinkTimeSeconds: 0,
  maxQueueSeconds: 10,
  ledgerDir: join(dir, 'ledger'),
  mode: 'funnel',
  journeyMix: { browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 },
});
const WHOLE = { index: 0, of: 1 };

describe('marketplace options', () => {
  it.each<[string, (o: Record<string, unknown>) => unknown, RegExp]>([
    ['options that are not an object', () => 'fast', /^marketplace journey options: expected a JSON object of options\. Give runPlan journeyOptions/],
    ['no baseUrl', (o) => ({ ...o, baseUrl: undefined }), /^marketplace journey option baseUrl: expected a non-empty string\. Give the exchange’s URL/],
    [
      'a baseUrl that is not http',
      (o) => ({ ...o, baseUrl: 'ftp://127.0.0.1' }),
      /^marketplace journey option baseUrl \(got "ftp:\/\/127\.0\.0\.1"\): expected an http\(s\) URL/,
    ],
    [
      'a negative think time',
      (o) => ({ ...o, thinkTimeSeconds: -1 }),
      /^marketplace journey option thinkTimeSeconds \(got -1\): expected a number of seconds ≥ 0\. Give the think time of targets\.yaml/,
    ],
    [
      'a think time in a string',
      (o) => ({ ...o, thinkTimeSeconds: '30' }),
      /^marketplace journey option thinkTimeSeconds \(got "30"\): expected a number of seconds ≥ 0/,
    ],
    [
      'no maxQueueSeconds',
      (o) => ({ ...o, maxQueueSeconds: undefined }),
      /^marketplace journey option maxQueueSeconds: expected a number of seconds ≥ 0\. Give how long a consumer waits/,
    ],
    [
      'no ledgerDir',
      (o) => ({ ...o, ledgerDir: '' }),
      /^marketplace journey option ledgerDir \(got ""\): expected a non-empty string\. Give the folder the ledgers go to/,
    ],
    ['an unknown mode', (o) => ({ ...o, mode: 'browse' }), /^marketplace journey option mode \(got "browse"\): expected one of funnel, enroll\. Give 'funnel'/],
    [
      'funnel mode without a mix',
      (o) => ({ ...o, journeyMix: undefined }),
      /^marketplace journey option journeyMix: expected the share of consumers per journey, e\.g\./,
    ],
    [
      'a mix with an unknown journey',
      (o) => ({ ...o, journeyMix: { browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.05, checkout: 0.05 } }),
      /journeyMix .*: expected only the journeys browse, apply, enroll, returning\. Remove checkout\./,
    ],
    [
      'a mix missing a journey',
      (o) => ({ ...o, journeyMix: { browse: 0.6, apply: 0.2, enroll: 0.2 } }),
      /^marketplace journey option journeyMix\.returning: expected a share ≥ 0 \(0 for none\)/,
    ],
    [
      'a mix that does not add up to 1',
      (o) => ({ ...o, journeyMix: { browse: 50, apply: 20, enroll: 20, returning: 10 } }),
      /journeyMix .*: expected shares adding up to 1\. They add up to 100; scale them so they add up to 1\./,
    ],
    [
      'an option it does not read (a misspelt one)',
      (o) => ({ ...o, journeymix: o.journeyMix }),
      /^marketplace journey options journeymix: expected only baseUrl, applicantsFile, thinkTimeSeconds, maxQueueSeconds, ledgerDir, mode, journeyMix\. Remove or correct them\./,
    ],
    [
      'a missing applicants file',
      (o) => ({ ...o, applicantsFile: join(dir, 'none.ndjson') }),
      /^applicantsFile .*none\.ndjson: expected an applicants NDJSON file \(one household a line\)\. Check the path \(ENOENT\); write one with `harness generate/,
    ],
  ])('refuses %s', async (_what, change, message) => {
    await expect(createJourney(change(good()), WHOLE)).rejects.toThrow(message);
  });

  it('takes enroll mode without a mix', async () => {
    await expect(createJourney({ ...good(), mode: 'enroll', journeyMix: undefined }, WHOLE)).resolves.toBeTypeOf('function');
  });

  it('through the engine: the run stops before any load with a PlanError that names the module and the option', async () => {
    const refused = run(sharedIterations(1, 1), MARKETPLACE_MODULE, { ...good(), maxQueueSeconds: -5 });
    await expect(refused).rejects.toBeInstanceOf(PlanError);
    await expect(refused).rejects.toThrow(
      /^journey module .*marketplace\.ts: .*marketplace journey option maxQueueSeconds \(got -5\): expected a number of seconds ≥ 0/,
    );
  });
});

describe('security options', () => {
  const common = () => {
    const { mode: _mode, journeyMix: _mix, ...rest } = good();
    return rest;
  };
  it.each<[string, (o: Record<string, unknown>) => unknown, RegExp]>([
    [
      'a rate limit of 0',
      (o) => ({ ...o, rateLimitPerMinute: 0 }),
      /^security journey option rateLimitPerMinute \(got 0\): expected a whole number of requests a minute > 0, or none/,
    ],
    ['no baseUrl', (o) => ({ ...o, baseUrl: undefined }), /^security journey option baseUrl: expected a non-empty string/],
    [
      'the marketplace’s mode',
      (o) => ({ ...o, mode: 'enroll' }),
      /^security journey options mode: expected only baseUrl, applicantsFile, thinkTimeSeconds, maxQueueSeconds, ledgerDir, rateLimitPerMinute\. Remove or correct them\./,
    ],
  ])('refuses %s', async (_what, change, message) => {
    await expect(createSecurityJourney(change(common()), WHOLE)).rejects.toThrow(message);
  });

  it('takes the consumer options with a rate limit, or without one', async () => {
    await expect(createSecurityJourney({ ...common(), rateLimitPerMinute: 600 }, WHOLE)).resolves.toBeTypeOf('function');
    await expect(createSecurityJourney(common(), WHOLE)).resolves.toBeTypeOf('function');
  });
});

describe('loadSegmentApplicants', () => {
  it('keeps only segment 1 of 3 (applicants 1, 4, 7), and knows the whole file holds 10', async () => {
    const mine = await loadSegmentApplicants(file, { index: 1, of: 3 });
    expect(mine.total).toBe(10);
    expect([1, 4, 7].map((k) => mine.at(k)?.id)).toEqual([people[1]!.id, people[4]!.id, people[7]!.id]);
    expect([0, 2, 3, 5, 10, -2, 1.5].map((k) => mine.at(k))).toEqual(Array(7).fill(undefined));
    expect(mine.last(2)).toEqual([]);
  });

  it('keeps the last few households too when asked, whatever their segment', async () => {
    const mine = await loadSegmentApplicants(file, { index: 0, of: 4 }, { keepLast: 2 });
    expect(mine.last(2).map((h) => h.id)).toEqual([people[8]!.id, people[9]!.id]);
    expect(mine.last(1).map((h) => h.id)).toEqual([people[9]!.id]);
  });

  it('names the file and line of a household that is not one; lines of other segments are not read as JSON', async () => {
    const broken = join(dir, 'broken.ndjson');
    const lines = people.slice(0, 4).map((h) => JSON.stringify(h));
    lines[3] = '{"id": "H1", "members": "not a list"}';
    writeFileSync(broken, `${lines.join('\n')}\n\n`);
    await expect(loadSegmentApplicants(broken, { index: 1, of: 2 })).rejects.toThrow(
      `${broken}:4: expected household field "email" to be a string, got undefined`,
    );
    expect((await loadSegmentApplicants(broken, { index: 0, of: 2 })).total).toBe(4);
    writeFileSync(broken, '\n\n');
    await expect(loadSegmentApplicants(broken, { index: 0, of: 1 })).rejects.toThrow(/expected at least one household\. The file is empty/);
  });
});
