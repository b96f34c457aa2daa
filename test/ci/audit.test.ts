// The CI audit gate's reading of `npm audit --json` (npm's report version 2): findings fail it, lower ones do not,
// and an advisory endpoint that cannot answer is reported as not checked — a failure only when required.

import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs CI script with no type declarations
import { auditVerdict } from '../../.ci/audit.mjs';

type Verdict = { ok: boolean; message: string };
const verdict = auditVerdict as (text: string, options?: { required?: boolean }) => Verdict;

const report = (counts: Record<string, number>, vulnerabilities: Record<string, unknown> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) } },
  });

describe('.ci/audit.mjs', () => {
  it('passes a report with no high or critical advisory', () => {
    expect(verdict(report({ moderate: 2 }))).toEqual({ ok: true, message: expect.stringContaining('no high or critical advisory (2 lower)') });
  });

  it('fails on a high or critical advisory, naming the package and how to fix it', () => {
    const result = verdict(report({ critical: 1 }, { 'bad-lib': { name: 'bad-lib', severity: 'critical', range: '<1.2.3', fixAvailable: true } }));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/1 high or critical advisories[\s\S]*critical bad-lib <1\.2\.3 \(fix available: npm audit fix\)/);
  });

  it('says the dependencies were not checked when the endpoint fails, failing only when required', () => {
    const error = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(verdict(error)).toEqual({ ok: true, message: expect.stringContaining('NOT checked') });
    expect(verdict(error, { required: true }).ok).toBe(false);
    expect(verdict('not json', { required: true })).toEqual({ ok: false, message: expect.stringContaining('no JSON report') });
  });
});
