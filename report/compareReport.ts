// The compare view as an HTML string: the baseline and candidate runs side by side, the Faster / Same / Slower table
// `harness compare` prints (same numbers, same decision), and the latency distributions of both sides pooled.

import type { Comparison } from '../analysis/compare.ts';
import { mergeSamples, percentileSorted } from '../analysis/distribution.ts';
import { comparisonRows } from '../analysis/compare.ts';
import { chart, tailPosition, type ReportChart } from './chart.ts';
import { chartSlot, escapeHtml, fmt, page, section, table, type ChartLibrary } from './html.ts';

export interface CompareRun {
  dir: string;
  runId: string;
  profile: string;
  /** The run's own verdict headline, or a note that it has none. */
  verdict: string;
}

export interface CompareReportInput {
  comparison: Comparison;
  baseline: CompareRun[];
  candidate: CompareRun[];
  charts: ReportChart[];
  generatedAt: string;
  library: ChartLibrary;
}

/** Percentiles the distribution chart draws: every whole percent, then the tail. */
export const DISTRIBUTION_PERCENTILES = [...Array.from({ length: 99 }, (_, i) => (i + 1) / 100), 0.995, 0.999];

/** Latency at each percentile of both sides' pooled samples (never averaged across runs). */
export function distributionChart(id: string, title: string, baseline: readonly ArrayLike<number>[], candidate: readonly ArrayLike<number>[]): ReportChart {
  const curve = (runs: readonly ArrayLike<number>[]): (number | null)[] => {
    const pooled = mergeSamples(runs);
    return DISTRIBUTION_PERCENTILES.map((p) => (pooled.length > 0 ? percentileSorted(pooled, p) : null));
  };
  return chart(
    {
      id,
      title,
      caption:
        'Latency at each percentile, every run of a side pooled (percentiles are never averaged across runs); the baseline is the wide line under the candidate. The percentile axis is logarithmic in 1 − p: p90, p99 and p99.9 are evenly spaced, so the tail is not squeezed into the right edge.',
      // A linear axis gives p99 to p99.9 under a hundredth of the width: the tail, where regressions show, would be a sliver.
      xAxis: 'tail',
      xLabel: 'percentile (log scale of 1 − p)',
      x: DISTRIBUTION_PERCENTILES.map((p) => tailPosition(p * 100)),
      series: [
        { label: 'baseline', values: curve(baseline), wide: true, unit: 'ms' },
        { label: 'candidate', values: curve(candidate), unit: 'ms' },
      ],
    },
    'Neither side has samples of it.',
  );
}

function side(title: string, runs: readonly CompareRun[]): string {
  return `<div><h3>${escapeHtml(title)} (${runs.length} run${runs.length === 1 ? '' : 's'})</h3>${table(
    ['run', 'profile', 'its verdict'],
    runs.map((r) => [r.runId, r.profile, r.verdict]),
  )}</div>`;
}

export function renderCompareReport(input: CompareReportInput): string {
  const c = input.comparison;
  const slower = c.metrics.filter((m) => m.change === 'slower').map((m) => m.key);
  const headline = `VERDICT: ${c.verdict.toUpperCase()}${slower.length > 0 ? ` — slower: ${slower.join(', ')}` : ''}`;
  const rows = comparisonRows(c, fmt);
  const body = [
    `<header><h1>Compare report</h1><p class="note">Written ${escapeHtml(input.generatedAt)}; minimum effect ${fmt(c.minEffect * 100, 1)} %, each interval at ${fmt(c.confidence * 100, 2)} % (Bonferroni over ${c.metrics.length} metrics).</p></header>`,
    `<div class="banner ${c.verdict === 'slower' ? 'fail' : 'pass'}" id="verdict" data-verdict="${c.verdict}">${escapeHtml(headline)}</div>`,
    section('sides', 'Baseline and candidate', `<div class="sides">${side('Baseline', input.baseline)}${side('Candidate', input.candidate)}</div>`),
    section(
      'metrics',
      'Faster / Same / Slower',
      table(['', 'metric', 'baseline', 'candidate', `change [${fmt(c.confidence * 100, 1)} % CI]`, 'Mann–Whitney p', 'note'], rows, (i) =>
        c.metrics[i]!.change === 'slower' ? 'fail' : 'pass',
      ),
    ),
    section('distributions', 'Latency distributions', input.charts.map(chartSlot).join('\n')),
  ].join('\n');
  return page({ title: 'Compare report', body, charts: input.charts, library: input.library });
}
