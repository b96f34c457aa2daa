import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS_FILE, loadTargets, parseTargets } from '../../../scripts/targets/load.ts';
import { UsageError } from '../../../scripts/usageError.ts';

describe('targets file', () => {
  it('loads the committed defaults: 50,000 users, 1,000,000 enrollments an hour, zero defects', () => {
    const targets = loadTargets();
    expect(targets.concurrentUsers).toBe(50_000);
    expect(targets.enrollmentsPerHour).toBe(1_000_000);
    expect(targets.integrity.maxDefects).toBe(0);
  });

  it('names the file and the bad field', () => {
    const text = readFileSync(DEFAULT_TARGETS_FILE, 'utf8').replace('errorRate: 0.01', 'errorRate: 7');
    expect(() => parseTargets(text, 'my.yaml')).toThrow(/targets file my\.yaml.*slo\.errorRate/);
  });

  it('refuses unknown fields, so a typo is never silently ignored', () => {
    const text = `${readFileSync(DEFAULT_TARGETS_FILE, 'utf8')}\nconcurentUsers: 5\n`;
    expect(() => parseTargets(text, 'typo.yaml')).toThrow(/concurentUsers/);
  });

  it('refuses broken YAML and a missing file with a usage error', () => {
    expect(() => parseTargets('slo: [', 'broken.yaml')).toThrow(UsageError);
    expect(() => loadTargets('/nonexistent/targets.yaml')).toThrow(/targets file \/nonexistent\/targets\.yaml: expected a readable YAML file/);
  });
});
