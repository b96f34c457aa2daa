import { describe, expect, it } from 'vitest';
import { absent, chart } from '../../report/chart.ts';
import { renderCompareReport } from '../../report/compareReport.ts';
import { renderRunReport, type RunReportInput } from '../../report/runReport.ts';
import type { Verdict } from '../../verdict/verdict.ts';

const library = { script: 'window.uPlot = function () {};', css: '.u-legend { color: black }' };

const failing: Verdict = {
  pass: false,
  profile: 'smoke',
  runId: 'r1',
  checks: [
    { name: 'latency p95', target: '≤ 1000 ms', actual: 1500, pass: false, unit: 'ms' },
    { name: 'HTTP error rate', target: '≤ 1 %', actual: 0.4, pass: true, unit: 'percent' },
    { name: 'integrity: lost', target: '= 0', actual: 3, pass: false },
  ],
};

function input(overrides: Partial<RunReportInput> = {}): RunReportInput {
  return {
    verdict: failing,
    run: { runId: 'r1', profile: 'smoke', seed: 1, load: 'harness engine', loadExitCode: 0, harness: '0.1.0', machine: '2 × test CPU' },
    timeline: [
      chart(
        {
          id: 'latency',
          title: 'Request latency',
          caption: 'p95',
          xAxis: 'elapsed',
          yLabel: 'ms',
          x: [0.5, 1.5],
          series: [{ label: 'p95', values: [10, 12] }],
        },
        'none',
      ),
      absent('memory', 'Exchange memory', 'exchange-metrics.ndjson is not in the run folder.'),
    ],
    reconciliation: {
      enrollments: { intended: 10, confirmed: 10, received: 8, intact: 7 },
      classes: { lost: 2, garbled: 1 },
      garbledByField: { ssn: 1 },
      // A hand-made file with an unmasked SSN and name: the report masks them anyway.
      examples: [
        {
          class: 'garbled',
          confirmationNumber: 'EN1',
          field: 'ssn',
          expected: '123-45-6789',
          received: '123-45-6780',
          member: { initials: 'J.D.', ssn: '123456789' },
          detail: 'ssn differs',
        },
      ],
    },
    notes: [],
    generatedAt: '2026-11-23T12:00:00.000Z',
    library,
    ...overrides,
  };
}

describe('renderRunReport', () => {
  it('shows a failing verdict as FAIL with the missed targets, the same headline the terminal prints', () => {
    const html = renderRunReport(input());
    expect(html).toContain(
      '<div class="banner fail" id="verdict" data-pass="false" data-status="FAIL">VERDICT: FAIL — missed: latency p95, integrity: lost</div>',
    );
    expect(html).not.toContain('VERDICT: PASS');
    expect(html).toMatch(/<tr class="fail"><td>FAIL<\/td><td>latency p95<\/td><td>≤ 1000 ms<\/td><td>1500 ms<\/td><\/tr>/);
  });

  it('shows a passing verdict as PASS', () => {
    const html = renderRunReport(input({ verdict: { ...failing, pass: true, checks: failing.checks.map((c) => ({ ...c, pass: true })) } }));
    expect(html).toContain('data-pass="true" data-status="PASS">VERDICT: PASS — every target held (3 checks, profile smoke)</div>');
    expect(html).toContain('harness engine (exit 0)');
  });

  it('shows every actual value with its unit, rates as percentages', () => {
    const html = renderRunReport(input());
    expect(html).toContain('<td>HTTP error rate</td><td>≤ 1 %</td><td>0.4 %</td>');
  });

  it('puts the capacity headline and the integrity findings under the banner, above the targets and the charts', () => {
    const headline = ['users: tested 490 of 50,000 users at once (scale 0.01)', 'defects: 3 (lost 2, garbled 1)'];
    const html = renderRunReport(input({ headline }));
    const at = (text: string): number => {
      const index = html.indexOf(text);
      expect(index, text).toBeGreaterThan(-1);
      return index;
    };
    expect(html).toContain('<li>users: tested 490 of 50,000 users at once (scale 0.01)</li><li>defects: 3 (lost 2, garbled 1)</li>');
    expect(at('id="verdict"')).toBeLessThan(at('id="headline"'));
    expect(at('id="headline"')).toBeLessThan(at('id="integrity"'));
    expect(at('id="integrity"')).toBeLessThan(at('id="targets"'));
    expect(at('id="targets"')).toBeLessThan(at('id="timeline"'));
  });

  it('shows an interrupted run as INTERRUPTED, not as a pass', () => {
    const interrupted: Verdict = { ...failing, pass: false, status: 'INTERRUPTED', checks: failing.checks.map((c) => ({ ...c, pass: true })) };
    const html = renderRunReport(input({ verdict: interrupted }));
    expect(html).toMatch(/data-pass="false" data-status="INTERRUPTED">VERDICT: INTERRUPTED — /);
  });

  it('lists requests, errors and percentiles per route, and where the time goes by phase', () => {
    const loadMetrics = {
      'http_reqs{name:GET /plans,status:200}': { values: { count: 90 } },
      'http_reqs{name:GET /plans,status:0}': { values: { count: 10 } },
      'http_reqs{name:POST /enroll,status:200}': { values: { count: 40 } },
      'http_req_failed{name:GET /plans}': { values: { rate: 0.1, passes: 10, fails: 90 } },
      'http_req_failed{name:POST /enroll}': { values: { rate: 0, passes: 0, fails: 40 } },
      'http_req_duration{name:GET /plans}': { values: { med: 3, 'p(95)': 9.5, 'p(99)': 20 } },
      'http_req_duration{name:POST /enroll}': { values: { med: 6, 'p(95)': 12, 'p(99)': 30 } },
      'http_req_waiting{name:GET /plans}': { values: { 'p(95)': 8 } },
      http_req_duration: { values: { count: 140, med: 4, 'p(95)': 11, 'p(99)': 25 } },
      http_req_waiting: { values: { count: 130, med: 3, 'p(95)': 9, 'p(99)': 19 } },
      http_req_blocked: { values: { count: 140, med: 0.01, 'p(95)': 0.2, 'p(99)': 1.5 } },
    };
    const html = renderRunReport(input({ loadMetrics }));
    expect(html).toContain('<tr class="fail"><td>GET /plans</td><td>100</td><td>10</td><td>10 %</td><td>3</td><td>9.5</td><td>20</td><td>8</td></tr>');
    expect(html).toContain('<tr class="pass"><td>POST /enroll</td><td>40</td><td>0</td><td>0 %</td><td>6</td><td>12</td><td>30</td><td>–</td></tr>');
    expect(html).toContain('<td>time to first byte (written → headers)</td><td>http_req_waiting</td><td>130</td><td>3</td><td>9</td><td>19</td>');
    // This summary predates connect times: said, not drawn as zeros.
    expect(html).toContain('<td>connecting (each new connection)</td><td>http_req_connecting</td><td>not measured</td>');
  });

  it('shows integrity NOT CHECKED (a run against --base-url) with how to check it, never as held', () => {
    const hint = 'check it with `harness reconcile --ledger RUN/ledger.ndjson --edi DIR`';
    const checks = [
      { name: 'latency p95', target: '≤ 1000 ms', actual: 12, pass: true },
      {
        name: 'integrity at the insurer',
        target: 'every confirmed enrollment received intact',
        actual: 'not checked in this run',
        pass: false,
        notChecked: hint,
      },
    ];
    const html = renderRunReport(input({ verdict: { pass: true, profile: 'smoke', runId: 'r1', checks }, reconciliation: undefined }));
    expect(html).toContain('VERDICT: PASS — every target checked held (1 checks, profile smoke); NOT CHECKED: integrity at the insurer');
    expect(html).toMatch(/<tr class="unchecked"><td>NOT CHECKED<\/td><td>integrity at the insurer<\/td>/);
    expect(html).toContain(
      '<strong>NOT CHECKED in this run</strong>: integrity at the insurer — check it with `harness reconcile --ledger RUN/ledger.ndjson --edi DIR`.',
    );
  });

  it('says why a series is absent instead of leaving a slot for an empty chart', () => {
    const html = renderRunReport(input());
    expect(html).toContain('data-chart-absent="memory"');
    expect(html).toContain('not shown: exchange-metrics.ndjson is not in the run folder.');
    expect(html).not.toContain('data-chart="memory"');
    const data = JSON.parse(/id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1]!) as { id: string }[];
    expect(data.map((c) => c.id)).toEqual(['latency']);
  });

  it('a chart with no finite value is absent, with the reason given', () => {
    const empty = chart(
      {
        id: 'x',
        title: 'X',
        caption: '',
        xAxis: 'elapsed',
        yLabel: '',
        x: [1, 2],
        series: [
          { label: 'a', values: [null, null] },
          { label: 'target', values: [1, 1], reference: true },
        ],
      },
      'nothing measured',
    );
    expect(empty).toEqual({ kind: 'absent', id: 'x', title: 'X', reason: 'nothing measured' });
  });

  it('masks personal fields in the integrity examples and counts every defect class', () => {
    const html = renderRunReport(input());
    expect(html).not.toContain('123-45-6789');
    expect(html).not.toContain('123456789');
    expect(html).toContain('***-**-6789');
    expect(html).toContain('***-**-6780');
    expect(html).toMatch(/<tr class="fail"><td>lost<\/td><td>2<\/td><\/tr>/);
    expect(html).toMatch(/<tr class="pass"><td>phantom<\/td><td>0<\/td><\/tr>/);
  });

  it('escapes what it shows and fetches nothing: no src, no link, a CSP that allows no connection', () => {
    const html = renderRunReport(input({ run: { runId: '<img src=x onerror=alert(1)>', profile: 'smoke', faults: '</script><script>alert(1)</script>' } }));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
    expect(html).toContain("default-src 'none'");
  });
});

describe('renderCompareReport', () => {
  it('shows a regression as SLOWER with the metric named, and the table of every metric', () => {
    const metric = (key: string, change: 'faster' | 'same' | 'slower', effect: number) => ({
      key,
      kind: 'latency' as const,
      change,
      baseline: 100,
      candidate: 100 * effect,
      effect,
      low: effect - 0.05,
      high: effect + 0.05,
      pValue: 0.001,
      samples: { baseline: 1000, candidate: 1000 },
    });
    const html = renderCompareReport({
      comparison: {
        verdict: 'slower',
        minEffect: 0.1,
        confidence: 0.9833,
        metrics: [metric('http_req_duration p95', 'slower', 1.3), metric('journey duration p95', 'same', 1.01)],
      },
      baseline: [{ dir: 'a', runId: 'base-1', profile: 'load', verdict: 'VERDICT: PASS — every target held (3 checks, profile load)' }],
      candidate: [{ dir: 'b', runId: 'cand-1', profile: 'load', verdict: 'VERDICT: FAIL — missed: latency p95' }],
      charts: [],
      generatedAt: '2026-11-23T12:00:00.000Z',
      library,
    });
    expect(html).toContain('data-verdict="slower">VERDICT: SLOWER — slower: http_req_duration p95</div>');
    expect(html).toMatch(/<tr class="fail"><td>SLOWER<\/td><td>http_req_duration p95<\/td><td>100 ms<\/td><td>130 ms<\/td><td>×1.300 \[1.250, 1.350\]/);
    expect(html).toMatch(/<tr class="pass"><td>same<\/td><td>journey duration p95<\/td>/);
    expect(html).toContain('cand-1');
  });
});

describe('capacity section', () => {
  it('draws the measured points with the fitted USL curve and lists the plan', async () => {
    const { capacityCharts, capacitySection } = await import('../../report/capacitySection.ts');
    const { fitUsl } = await import('../../analysis/usl.ts');
    // Gunther's SPEC SDM91 points (the golden fit of test/analysis/usl.test.ts).
    const load = [
      [1, 64.9],
      [18, 995.9],
      [36, 1652.4],
      [72, 1853.2],
      [108, 1828.9],
      [144, 1775.0],
      [216, 1702.2],
    ].map(([concurrency, throughput]) => ({ concurrency: concurrency!, throughput: throughput! }));
    const fit = fitUsl(load);
    const latency = load.map((p) => ({ concurrency: p.concurrency, p95Ms: (p.concurrency / p.throughput) * 1000 * 1.5 }));
    const view = {
      fit,
      load,
      latency,
      sloP95Ms: 1000,
      json: {
        peakConcurrency: fit.peakConcurrency,
        maxThroughput: fit.maxThroughput,
        knee: { concurrency: 72, p95Ms: 58 },
        operatingConcurrency: 96,
        limitedBy: 'peak throughput',
        throughputPerInstance: 1880,
        usersPerInstance: 4200,
        plans: [
          { users: 50_000, instancesNeeded: 12, fleet: 12, expectedWaitSeconds: 0, withinWaitTarget: true },
          { users: 250_000, instancesNeeded: 60, fleet: 12, expectedWaitSeconds: 7200, withinWaitTarget: false },
        ],
      },
    };
    const charts = capacityCharts(view);
    const usl = charts.find((c) => c.id === 'usl');
    if (usl?.kind !== 'chart') throw new Error('no USL chart');
    const measured = usl.series.find((s) => s.label === 'measured')!;
    expect(measured.values.filter((v) => v !== null)).toEqual(load.map((p) => p.throughput));
    const curve = usl.series.find((s) => s.label === 'USL fit')!;
    // The curve peaks near N* ≈ 96 at about 1,880 requests/s.
    expect(Math.max(...(curve.values as number[]))).toBeGreaterThan(1850);
    expect(Math.max(...(curve.values as number[]))).toBeLessThan(1900);
    const html = capacitySection(view, charts);
    expect(html).toContain('N 72 at p95 58 ms');
    expect(html).toMatch(/<td>250,000<\/td><td>60<\/td><td>12<\/td><td>120 min<\/td><td>NO<\/td>/);
  });
});
