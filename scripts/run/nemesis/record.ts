// nemesis.json: what the nemesis did (each event, its outage, the pids before and after) beside what the load saw
// during each window and outside them all, read from the engine's per-second rows. The verdict is judged on it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecondRow } from '../../../engine/runPlan.ts';
import type { NemesisJudged } from '../../../verdict/nemesisChecks.ts';
import { runFile } from '../../../vocabulary/runFiles.ts';
import type { NemesisOutcome, NemesisRecord } from '../../../vocabulary/nemesis.ts';
import { nemesisLoadFigures, WINDOW_SLACK_MS } from './windows.ts';

export type { NemesisRecord };

function readRows(file: string): SecondRow[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SecondRow);
}

export function nemesisRecordOf(outcome: NemesisOutcome, rows: readonly SecondRow[]): NemesisRecord {
  const figures = nemesisLoadFigures(
    rows,
    outcome.events.map((e) => ({ startMs: Date.parse(e.at), recoveredMs: Date.parse(e.recoveredAt) })),
  );
  return {
    ...outcome,
    events: outcome.events.map((e, i) => ({ ...e, load: figures.windows[i]! })),
    windowSlackMs: WINDOW_SLACK_MS,
    during: figures.during,
    outside: figures.outside,
  };
}

/** Writes nemesis.json from the outcome and the run folder's load-seconds.ndjson; returns what it wrote. */
export function writeNemesisRecord(runDir: string, outcome: NemesisOutcome): NemesisRecord {
  const record = nemesisRecordOf(outcome, readRows(runFile(runDir, 'loadSeconds')));
  writeFileSync(runFile(runDir, 'nemesis'), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/** nemesis.json of a run folder, when the run had a nemesis (for `harness gate` and the report). */
export function readNemesisRecord(runDir: string): NemesisRecord | undefined {
  const file = runFile(runDir, 'nemesis');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as NemesisRecord;
}

/** What the gate judges a nemesis run on (verdict/nemesisChecks.ts). */
export function nemesisJudgedOf(record: NemesisRecord): NemesisJudged {
  return {
    events: record.events.length,
    notReached: record.notReached.filter((e) => e.once).map((e) => `${e.kind}@${e.atMs / 1000}s`),
    during: { requests: record.during.requests, failed: record.during.failed },
    outside: { requests: record.outside.requests, failed: record.outside.failed },
  };
}
