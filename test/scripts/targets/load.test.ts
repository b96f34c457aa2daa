import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS_FILE, loadTargets, parseTargets } from '../../../scripts/targets/load.ts';
import { UsageError } from '../../../vocabulary/errors.ts';

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

  it('refuses a funnel whose shares do not add up to 1, or that names a journey there is not', () => {
    const committed = readFileSync(DEFAULT_TARGETS_FILE, 'utf8');
    expect(() => parseTargets(committed.replace('browse: 0.5', 'browse: 0.6'), 'funnel.yaml')).toThrow(
      /targets file funnel\.yaml.*funnel: the shares of browse, apply, enroll, returning must add up to 1/,
    );
    expect(() => parseTargets(committed.replace('returning: 0.1', 'returning: 0.1\n  window: 0'), 'kinds.yaml')).toThrow(/funnel.*window/);
    expect(() => parseTargets(committed.replace('apply: 0.2', 'apply: -0.2'), 'negative.yaml')).toThrow(/funnel\.apply/);
  });

  it('refuses unknown fields, so a typo is never silently ignored', () => {
    const text = `${readFileSync(DEFAULT_TARGETS_FILE, 'utf8')}\nconcurentUsers: 5\n`;
    expect(() => parseTargets(text, 'typo.yaml')).toThrow(/concurentUsers/);
  });

  it('refuses broken YAML and a missing file with a usage error', () => {
    expect(() => parseTargets('slo: [', 'broken.yaml')).toThrow(UsageError);
    expect(() => loadTargets('/nonexistent/targets.yaml')).toThrow(/targets file \/nonexistent\/targets\.yaml: expected a readable YAML file/);
  });

  it('quotes the offending line of broken YAML as written', () => {
    const text = 'slo:\n  latency:\n    p95Ms: 1000\n   p99Ms: [2500\n';
    expect(() => parseTargets(text, 'indent.yaml')).toThrow(/at line 4, column 1\. Line 4: ` {3}p99Ms: \[2500`/);
  });
});
