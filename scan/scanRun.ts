// `harness scan`: looks for a run's synthetic identities in every file of the run folder except those meant to hold
// them (the applicants, the services' databases, the insurer's records, the ledger). Any other hit is a finding.

import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { readHouseholds } from '../reconcile/ndjson.ts';
import { INSTANCES_DIR, RUN_FILES, runFile } from '../scripts/runFiles.ts';
import { findPii, indexHouseholds, type PiiIndex, type PiiKind } from './piiIndex.ts';

/** Files and folders (relative to the run folder, or to a split test's instances/<i>/) allowed to hold synthetic PII. */
export const PII_HOLDERS = [RUN_FILES.applicants, RUN_FILES.insurerRecords, RUN_FILES.ledger, 'exchange', 'insurer'] as const;
const INSTANCE_PREFIX = new RegExp(`^${INSTANCES_DIR}/\\d+/`);

export interface ScanFinding {
  file: string;
  line: number;
  kind: PiiKind;
  masked: string;
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

async function scanFile(path: string, index: PiiIndex, name: string): Promise<ScanFinding[]> {
  const findings: ScanFinding[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
    for (const hit of findPii(text, index)) findings.push({ file: name, line, ...hit });
  }
  return findings;
}

export async function scanRunFolder(runDir: string, extraTexts: { name: string; path: string }[] = []): Promise<ScanFinding[]> {
  const index = indexHouseholds(await readHouseholds(runFile(runDir, 'applicants')));
  const allowed = (path: string): boolean => {
    const name = path.replace(INSTANCE_PREFIX, '');
    return PII_HOLDERS.some((holder) => name === holder || name.startsWith(`${holder}/`));
  };
  const targets = filesBelow(runDir)
    .map((path) => ({ path, name: relative(runDir, path) }))
    .filter((f) => !allowed(f.name) && !f.name.startsWith('prometheus/'))
    .concat(extraTexts);
  const findings = await Promise.all(targets.map((f) => scanFile(f.path, index, f.name)));
  return findings.flat();
}
