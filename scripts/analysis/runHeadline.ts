// The capacity headline of a run folder: run.json, load-summary.json and reconciliation.json read, then
// verdict/headline.ts. What is absent or unreadable shows as "not measured" in the lines, never as an error: the
// headline says what there is. Used by `harness run`, `harness gate` and the report.

import { capacityHeadline, headlineFactsOf, type HeadlineRun, type HeadlineSummary } from '../../verdict/headline.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { readOptionalReconciliation, readOptionalRunJson } from './runInputs.ts';

function readable<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** The headline's lines for the run folder. */
export function runHeadline(runDir: string, targets: Targets): string[] {
  const run = readable(() => readOptionalRunJson<HeadlineRun>(runDir, 'run', "the run's parameters")) ?? {};
  const summary = readable(() => readOptionalRunJson<HeadlineSummary>(runDir, 'loadSummary', "the load's summary"));
  const reconciliation = readable(() => readOptionalReconciliation(runDir, 'the reconciliation'));
  const usableSummary = summary && typeof summary.metrics === 'object' && summary.metrics !== null ? summary : undefined;
  return capacityHeadline(headlineFactsOf({ run, summary: usableSummary, reconciliation, targets }));
}
