import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeHouseholds } from '../../applicants/describe.ts';
import { generateHouseholds } from '../../applicants/generate.ts';
import { isFictionalPhone, isNeverIssuedSsn } from '../../applicants/identity.ts';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import { determine } from '../../domain/oracle.ts';

const dir = mkdtempSync(join(tmpdir(), 'applicants-'));

describe('generateHouseholds', () => {
  it('gives byte-identical output for the same seed, and other people for another seed', async () => {
    const files = ['a', 'b', 'c'].map((n) => join(dir, `${n}.ndjson`));
    await writeApplicantsFile({ count: 300, seed: 5, planYear: 2026, file: files[0]! });
    await writeApplicantsFile({ count: 300, seed: 5, planYear: 2026, file: files[1]! });
    await writeApplicantsFile({ count: 300, seed: 6, planYear: 2026, file: files[2]! });
    const [a, b, c] = files.map((f) => readFileSync(f, 'utf8'));
    expect(a).toBe(b);
    expect(a!.split('\n')).toHaveLength(301);
    const ssns = (text: string) =>
      new Set(
        text
          .trim()
          .split('\n')
          .flatMap((l) => JSON.parse(l).members.map((x: { ssn: string }) => x.ssn)),
      );
    const overlap = [...ssns(a!)].filter((s) => ssns(c!).has(s));
    expect(overlap.length).toBeLessThan(5);
  });

  it('writes one household a line, the same households the generator yields', async () => {
    await writeApplicantsFile({ count: 20, seed: 5, planYear: 2026, file: join(dir, 'twenty.ndjson') });
    const lines = readFileSync(join(dir, 'twenty.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([...generateHouseholds({ count: 20, seed: 5, planYear: 2026 })].map((h) => h.id));
  });

  it('uses only never-issued SSNs, fiction-range phones and example.com e-mail, over 100,000 households', () => {
    let households = 0;
    for (const h of generateHouseholds({ count: 100_000, seed: 11, planYear: 2026 })) {
      households += 1;
      for (const member of h.members) if (!isNeverIssuedSsn(member.ssn)) throw new Error(`${h.id}: SSN ${member.ssn} may be issued`);
      if (!isFictionalPhone(h.phone)) throw new Error(`${h.id}: phone ${h.phone} is outside 555-0100–0199`);
      if (!h.email.endsWith('@example.com')) throw new Error(`${h.id}: e-mail ${h.email} is not under example.com`);
    }
    expect(households).toBe(100_000);
  }, 60_000);

  it('carries answers equal to the oracle for the household and plan it chose', () => {
    for (const h of generateHouseholds({ count: 200, seed: 3, planYear: 2025 })) {
      expect(h.expected).toEqual(determine(h, h.plan.id, 2025));
      expect(h.householdSize).toBe(h.members.length);
      expect(h.members[0]!.relationship).toBe('self');
      expect(h.plan.id.slice(0, 5)).toBe(h.plan.issuerId);
    }
  });

  it('matches the marketplace shares it is built from, within a few points', () => {
    const rows = describeHouseholds(generateHouseholds({ count: 20_000, seed: 9, planYear: 2026 }));
    const share = (dimension: string, bucket: string) => rows.find((r) => r.dimension === dimension && r.bucket === bucket)!;
    const fpl100to200 = share('% FPL (households)', '100-150').actual + share('% FPL (households)', '150-200').actual;
    expect(fpl100to200).toBeGreaterThan(0.6);
    expect(fpl100to200).toBeLessThan(0.66);
    expect(Math.abs(share('household size', '1').actual - 0.55)).toBeLessThan(0.02);
    expect(share('age (enrolled members)', '65+').actual).toBeGreaterThan(0.005);
    expect(share('age (enrolled members)', '65+').actual).toBeLessThan(0.03);
    // Children: about 9–10 % of enrollees, most children being in Medicaid/CHIP (not enrolled).
    expect(share('age (enrolled members)', '0-17').actual).toBeGreaterThan(0.07);
    expect(share('age (enrolled members)', '0-17').actual).toBeLessThan(0.12);
    // Metal by income: silver ~55 %, CSR ~51 % of enrollees.
    expect(Math.abs(share('metal (enrollees)', 'silver').actual - 0.55)).toBeLessThan(0.04);
    expect(Math.abs(share('CSR variant (enrollees)', '04-06').actual - 0.51)).toBeLessThan(0.04);
    // States as CMS counted 2026 plan selections; Hawaii present.
    expect(Math.abs(share('state (households)', 'TX').actual - 0.909)).toBeLessThan(0.01);
    expect(share('state (households)', 'HI').actual).toBeGreaterThan(0.002);
    for (const row of rows) expect(row.source, `${row.dimension} ${row.bucket}`).toBeTruthy();
    // Most enrollees get a credit (92 % nationally in 2025; fewer under the 2026 rules, which end the credit above 400 %).
    expect(share('subsidised (APTC > 0)', 'enrollees').actual).toBeGreaterThan(0.8);
  });
});

describe('dates of birth', () => {
  it('give each member the intended age on January 1 and never fall on it', async () => {
    const { ageOn } = await import('../../domain/ageCurve.ts');
    for (const h of generateHouseholds({ count: 5_000, seed: 13, planYear: 2026 })) {
      for (const member of h.members) {
        expect(member.dob.endsWith('-01-01'), member.dob).toBe(false);
        expect(ageOn(member.dob, '2026-01-01')).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
