// The capacity section of a stress run's report: the measured load points, the fitted USL curve with its peak,
// p95 against concurrency with the knee, and the plan — every figure as `harness capacity --json` gives it.

import { uslThroughput, type LoadPoint, type UslFit } from '../analysis/usl.ts';
import type { LatencyPoint } from '../analysis/capacityPlan.ts';
import { absent, chart, type ReportChart } from './chart.ts';
import { definitionList, escapeHtml, fmt, section, table, chartSlot } from './html.ts';

export interface CapacityView {
  fit: Pick<UslFit, 'sigma' | 'kappa' | 'lambda' | 'peakConcurrency' | 'maxThroughput' | 'rSquared'>;
  load: LoadPoint[];
  latency: LatencyPoint[];
  /** `harness capacity --json` of the same run (scripts/commands/capacity.ts capacityJson). */
  json: Record<string, unknown>;
  sloP95Ms: number;
}

const GRID = 60;

export function capacityCharts(view: CapacityView): ReportChart[] {
  const measuredMax = Math.max(...view.load.map((p) => p.concurrency));
  const peak = Number.isFinite(view.fit.peakConcurrency) ? view.fit.peakConcurrency : measuredMax;
  const top = Math.max(measuredMax, Math.min(peak, measuredMax * 3)) * 1.15;
  const grid = Array.from({ length: GRID + 1 }, (_, i) => (top * i) / GRID).filter((n) => n >= 1);
  const x = [...new Set([...grid, ...view.load.map((p) => p.concurrency)])].sort((a, b) => a - b);
  const measured = new Map(view.load.map((p) => [p.concurrency, p.throughput]));
  const p95 = new Map(view.latency.map((p) => [p.concurrency, p.p95Ms]));
  const lx = [...p95.keys()].sort((a, b) => a - b);
  // An SLO ten times the highest p95 would flatten the measured curve against the axis.
  const sloShown = Math.max(...p95.values()) * 10 >= view.sloP95Ms;
  return [
    chart(
      {
        id: 'usl',
        title: 'Throughput against concurrency (USL fit)',
        caption: `Measured requests a second at each VU step (points) and the Universal Scalability Law fitted to them (dashed): σ ${fmt(view.fit.sigma, 4)}, κ ${fmt(view.fit.kappa, 6)}, peak N* ${fmt(view.fit.peakConcurrency)}.`,
        xAxis: 'number',
        xLabel: 'concurrency (VUs)',
        yLabel: 'requests/s',
        x,
        series: [
          { label: 'measured', values: x.map((n) => measured.get(n) ?? null), pointsOnly: true },
          { label: 'USL fit', values: x.map((n) => uslThroughput(view.fit, n)), reference: true },
        ],
      },
      'No load point to draw.',
    ),
    lx.length === 0
      ? absent('knee', 'p95 against concurrency', 'The load points carry no p95.')
      : chart(
          {
            id: 'knee',
            title: 'p95 against concurrency',
            caption: `The p95 of the requests at each VU step${sloShown ? `, with the SLO (dashed, ${fmt(view.sloP95Ms)} ms)` : ` (the SLO, ${fmt(view.sloP95Ms)} ms, is far above and not drawn)`}; the knee is where latency starts to climb.`,
            xAxis: 'number',
            xLabel: 'concurrency (VUs)',
            yLabel: 'ms',
            x: lx,
            series: [
              { label: 'p95', values: lx.map((n) => p95.get(n)!) },
              ...(sloShown ? [{ label: 'SLO p95', values: lx.map(() => view.sloP95Ms), reference: true }] : []),
            ],
          },
          'The load points carry no p95.',
        ),
  ];
}

interface PlanRow {
  users: number;
  instancesNeeded: number | null;
  fleet: number;
  expectedWaitSeconds: number | null;
  withinWaitTarget: boolean;
}

export function capacitySection(view: CapacityView | { absent: string }, charts: readonly ReportChart[]): string {
  if ('absent' in view) return section('capacity', 'Capacity', `<p class="note">${escapeHtml(view.absent)}</p>`);
  const j = view.json;
  const knee = j.knee as LatencyPoint | null;
  const plans = (j.plans as PlanRow[]).map((p) => [
    fmt(p.users),
    fmt(p.instancesNeeded),
    fmt(p.fleet),
    p.expectedWaitSeconds === 0 ? 'no wait' : `${fmt((p.expectedWaitSeconds ?? Infinity) / 60)} min`,
    p.withinWaitTarget ? 'yes' : 'NO',
  ]);
  const facts = definitionList([
    ['USL σ (contention)', fmt(view.fit.sigma, 5)],
    ['USL κ (coherency)', fmt(view.fit.kappa, 7)],
    ['USL λ (one VU)', `${fmt(view.fit.lambda)} requests/s`],
    ['R²', fmt(view.fit.rSquared, 4)],
    ['peak concurrency N*', `${fmt(j.peakConcurrency)} (X(N*) ${fmt(j.maxThroughput)} requests/s)`],
    ['latency knee', knee ? `N ${fmt(knee.concurrency)} at p95 ${fmt(knee.p95Ms)} ms` : 'none found'],
    ['one instance holds', `N ${fmt(j.operatingConcurrency)} (${String(j.limitedBy)}), ${fmt(j.throughputPerInstance)} requests/s`],
    ['users per instance', fmt(j.usersPerInstance)],
  ]);
  const poor =
    view.fit.rSquared < 0.8
      ? `<p class="note">The USL explains little of these points (R² ${fmt(view.fit.rSquared, 2)}): throughput varied for other reasons than load; treat σ, κ and N* with care.</p>`
      : '';
  const made = j.plan as { made: boolean; reason?: string; detail?: string } | undefined;
  const planned =
    made && !made.made
      ? `<p class="note fail" id="no-plan">No plan: ${escapeHtml(made.reason)} — ${escapeHtml(made.detail)}</p>`
      : table(['users', 'instances needed', 'fleet assumed', 'waiting-room wait', 'within wait target'], plans);
  return section('capacity', 'Capacity', `${facts}${poor}\n${planned}\n${charts.map(chartSlot).join('\n')}`);
}
