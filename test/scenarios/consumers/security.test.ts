// The security journey module through the real engine against the real mock exchange: on the normal exchange every
// probe class makes its probes and none gets through; with a vulnerable mode on, the probe class of that concern —
// and only it — counts successful probes. Background journeys enroll beside the probes, into the ledger with the victim.

import { VULNERABLE_MODES as MODES } from './vulnerableModes.ts';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../domain/ledger.ts';
import type { RunPlanResult } from '../../../engine/runPlan.ts';
import { VULNERABLE_SWITCH_NAMES } from '../../../mock-exchange/faults/index.ts';
import { readLedger } from '../../../reconcile/ndjson.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';
import { PROBE_CLASS_NAMES, SECURITY_PROBE_HOUSEHOLDS, type ProbeClass } from '../../../scenarios/consumers/security/probeClasses.ts';
import { applicantsFile, failedChecks, households, run, samples, SECURITY_MODULE, sharedIterations, startStack, total } from './stack.ts';

/** The security profile's limit (scripts/run/profiles/security.ts). */
const RATE_LIMIT_PER_MINUTE = 600;
const BACKGROUND = 3;

interface SecurityRun {
  result: RunPlanResult;
  ledger: LedgerEntry[];
}

/** Journey 0 probes, journeys 1..BACKGROUND enroll, on two users; a fresh exchange with `fault` on, if any. */
async function securityRun(fault?: string): Promise<SecurityRun> {
  const stack = await startStack({ rateLimitPerMinute: RATE_LIMIT_PER_MINUTE, ...(fault ? { faults: `${fault}=1` } : {}) });
  try {
    // Applicant 0 is journey 0's, which probes with the file's last two instead.
    const file = await applicantsFile(stack.dir, households(1 + BACKGROUND + SECURITY_PROBE_HOUSEHOLDS, 59));
    const ledgerDir = join(stack.dir, 'ledger');
    const result = await run(sharedIterations(1 + BACKGROUND, 2, 120), SECURITY_MODULE, {
      baseUrl: stack.baseUrl,
      applicantsFile: file,
      thinkTimeSeconds: 0,
      maxQueueSeconds: 10,
      ledgerDir,
      rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
    });
    return { result, ledger: await readLedger(join(ledgerDir, 'ledger.0-of-1.ndjson')) };
  } finally {
    await stack.stop();
  }
}

const breached = (result: RunPlanResult): ProbeClass[] =>
  PROBE_CLASS_NAMES.filter((probe) => total(result, METRIC_NAMES.securityProbesSucceeded, { probe }) > 0);

describe('security probes on the normal exchange', () => {
  let normal: SecurityRun;
  beforeAll(async () => {
    normal = await securityRun();
  }, 120_000);

  it('every probe class made its probes, none got through, and every probe check passed', () => {
    const { result } = normal;
    expect(result.journeyErrors).toEqual([]);
    for (const probe of PROBE_CLASS_NAMES) {
      expect(total(result, METRIC_NAMES.securityProbes, { probe }), probe).toBeGreaterThan(0);
      // Each probe is one check tagged with its class.
      expect(samples(result, 'checks', { probe }), probe).toBe(total(result, METRIC_NAMES.securityProbes, { probe }));
    }
    expect(breached(result)).toEqual([]);
    expect(failedChecks(result)).toEqual({});
  });

  it('the background enrolls beside the probes, and the victim’s real enrollment is in the ledger with theirs', () => {
    const { result, ledger } = normal;
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(BACKGROUND);
    const people = households(1 + BACKGROUND + SECURITY_PROBE_HOUSEHOLDS, 59);
    expect(ledger.map((e) => e.householdId).sort()).toEqual([...people.slice(1, 1 + BACKGROUND), people.at(-1)!].map((h) => h.id).sort());
  });
});

describe('security probes on a vulnerable exchange', () => {
  it('every vulnerable switch is covered here, and every probe class finds one', () => {
    expect(MODES.map(([fault]) => fault).sort()).toEqual(['exchange.skipOwnershipCheck', ...VULNERABLE_SWITCH_NAMES].sort());
    expect(new Set(MODES.flatMap(([, classes]) => classes))).toEqual(new Set(PROBE_CLASS_NAMES));
  });

  it.each(MODES)(
    '%s=1 is caught by %j, and only by it',
    async (fault, caughtBy) => {
      const { result } = await securityRun(fault);
      expect(result.journeyErrors).toEqual([]);
      expect(breached(result)).toEqual(caughtBy);
      const failed = Object.keys(failedChecks(result));
      expect(failed.length).toBeGreaterThan(0);
      for (const check of failed)
        expect(
          caughtBy.some((probe) => check.startsWith(`${probe}: `)),
          check,
        ).toBe(true);
    },
    120_000,
  );
});
