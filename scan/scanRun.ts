// `harness scan`: looks for a run's synthetic identities in every file of the run folder except those meant to hold
// them (the applicants, the services' databases, the insurer's records and the 834s it took in, the ledger) — logs, the services' final
// metric exposition, the load's summary and per-second rows (a gzipped file read unzipped), summary.md, report.html — and in texts
// given beside them (the label values of the run's Prometheus). Any hit is a finding.

import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readHouseholds } from '../reconcile/ndjson.ts';
import { RUN_FILES, runFile, SHARDS_DIR } from '../vocabulary/runFiles.ts';
import { findPii, indexHouseholds, type PiiIndex, type PiiKind } from './piiIndex.ts';

/** Files and folders (relative to the run folder, or to a shard's folder shards/<i>/) allowed to hold synthetic PII. */
export const PII_HOLDERS = [RUN_FILES.applicants, RUN_FILES.insurerRecords, RUN_FILES.insurerEdi, RUN_FILES.ledger, 'exchange', 'insurer'] as const;
const SHARD_PREFIX = new RegExp(`^${SHARDS_DIR}/\\d+/`);

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

/** Text read back from elsewhere than a file of the run folder: `name` says where, for the finding. */
export interface ScannedText {
  name: string;
  lines: string[];
}

function findingsIn(lines: Iterable<string>, index: PiiIndex, name: string): ScanFinding[] {
  const findings: ScanFinding[] = [];
  let line = 0;
  for (const text of lines) {
    line += 1;
    for (const hit of findPii(text, index)) findings.push({ file: name, line, ...hit });
  }
  return findings;
}

async function scanFile(path: string, index: PiiIndex, name: string): Promise<ScanFinding[]> {
  const file = createReadStream(path);
  const input: Readable = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  input.setEncoding('utf8');
  const lines: string[] = [];
  for await (const text of createInterface({ input, crlfDelay: Infinity })) lines.push(text);
  return findingsIn(lines, index, name);
}

/** `only`: just these files of the folder (names relative to it), e.g. those written after a first scan. */
export async function scanRunFolder(runDir: string, texts: ScannedText[] = [], options: { only?: readonly string[] } = {}): Promise<ScanFinding[]> {
  const index = indexHouseholds(await readHouseholds(runFile(runDir, 'applicants')));
  const allowed = (path: string): boolean => {
    const name = path.replace(SHARD_PREFIX, '');
    return PII_HOLDERS.some((holder) => name === holder || name.startsWith(`${holder}/`));
  };
  // prometheus/ holds the TSDB's binary blocks: its label values are scanned through Prometheus's API instead.
  const files = filesBelow(runDir)
    .map((path) => ({ path, name: relative(runDir, path) }))
    .filter((f) => !allowed(f.name) && !f.name.startsWith('prometheus/') && (!options.only || options.only.includes(f.name)));
  const findings = await Promise.all(files.map((f) => scanFile(f.path, index, f.name)));
  return [...findings.flat(), ...texts.flatMap((t) => findingsIn(t.lines, index, t.name))];
}
