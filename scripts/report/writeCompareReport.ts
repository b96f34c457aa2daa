// Writes the compare view: reads both sides' samples as `harness compare` does, runs the same comparison, and
// renders report/compareReport.ts. The thin I/O shell of `harness report --compare`.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRuns, type Change } from '../../analysis/compare.ts';
import { keyMetrics } from '../../analysis/keyMetrics.ts';
import type { RunSamples } from '../../analysis/runSamples.ts';
import { distributionChart, renderCompareReport, type CompareRun } from '../../report/compareReport.ts';
import { verdictHeadline } from '../../verdict/render.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { readRunSamples } from '../analysis/readRunSamples.ts';
import { readOptionalRunJson, requireRunFolder } from '../analysis/runInputs.ts';
import { readChartLibrary } from './chartLibrary.ts';

function readSide(dirs: string[], flag: string): { runs: CompareRun[]; samples: RunSamples[] } {
  const runs: CompareRun[] = [];
  const samples: RunSamples[] = [];
  for (const dir of dirs) {
    samples.push(readRunSamples(requireRunFolder(dir, flag)));
    const run = readOptionalRunJson<{ runId?: string; profile?: string }>(dir, 'run', "the run's parameters");
    const verdict = readOptionalRunJson<Verdict>(dir, 'verdict', 'the verdict of the run');
    runs.push({ dir, runId: run?.runId ?? dir, profile: run?.profile ?? 'unknown', verdict: verdict ? verdictHeadline(verdict) : 'no verdict.json' });
  }
  return { runs, samples };
}

export interface CompareReportRequest {
  baseline: string[];
  candidate: string[];
  out?: string;
  minEffect: number;
  seed: number;
}

export async function writeCompareReport(request: CompareReportRequest, now = new Date()): Promise<{ file: string; bytes: number; verdict: Change }> {
  const baseline = readSide(request.baseline, '--baseline');
  const candidate = readSide(request.candidate, '--candidate');
  const comparison = compareRuns(keyMetrics(baseline.samples, candidate.samples), { minEffect: request.minEffect, bootstrap: { seed: request.seed } });
  const html = renderCompareReport({
    comparison,
    baseline: baseline.runs,
    candidate: candidate.runs,
    charts: [
      distributionChart(
        'compare-requests',
        'Request latency (http_req_duration)',
        baseline.samples.map((s) => s.requests.duration),
        candidate.samples.map((s) => s.requests.duration),
      ),
      distributionChart(
        'compare-journeys',
        'Journey duration',
        baseline.samples.map((s) => s.journeys.duration),
        candidate.samples.map((s) => s.journeys.duration),
      ),
    ],
    generatedAt: now.toISOString(),
    library: readChartLibrary(),
  });
  const file = request.out ?? join(request.candidate[0]!, 'compare-report.html');
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html), verdict: comparison.verdict };
}
