// Targets for tests: built here, not read from the committed targets.yaml, so editing a target there (a real change
// of what the project aims at) breaks no test that is not about that target. The values are targets.yaml's as the
// tests were written against; a test that needs other values derives them from these.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { targetsSchema, type Targets } from '../../vocabulary/targets.ts';

const VALUES = {
  concurrentUsers: 50_000,
  enrollmentsPerHour: 1_000_000,
  thinkTimeSeconds: 30,
  plannedResponseMs: 200,
  funnel: { browse: 0.5, apply: 0.2, enroll: 0.2, returning: 0.1 },
  slo: { p95Ms: 1000, p99Ms: 2500, errorRate: 0.01, waitingRoomWaitSeconds: 600 },
  integrity: { maxDefects: 0, maxOracleMismatches: 0, deliveryDeadlineSeconds: 60 },
};

/** A fresh copy each call (a test may change its own), checked by the schema like a file is. */
export function testTargets(change: (targets: Targets) => void = () => {}): Targets {
  const targets = targetsSchema.parse(structuredClone(VALUES));
  change(targets);
  return targetsSchema.parse(targets);
}

/** The targets as a YAML file in a fresh temporary folder (or `dir`), for the CLI's --targets: its path. */
export function writeTestTargets(change: (targets: Targets) => void = () => {}, dir = mkdtempSync(join(tmpdir(), 'harness-targets-'))): string {
  const file = join(dir, 'targets.yaml');
  writeFileSync(file, stringify(testTargets(change)));
  return file;
}
