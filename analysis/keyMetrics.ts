// The key metrics `harness compare` judges, gathered per run from its samples (analysis/runSamples.ts): latency overall and per request
// name, the error rate, and the journey duration. Each keeps one array per run so the comparison can pool them.

import type { MetricRuns } from './compare.ts';
import type { RunSamples } from './runSamples.ts';

function byName(run: RunSamples): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  run.requests.duration.forEach((value, i) => {
    const name = run.names[run.requests.name[i]!]!;
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(value);
  });
  return groups;
}

export function keyMetrics(baseline: readonly RunSamples[], candidate: readonly RunSamples[]): MetricRuns[] {
  const metric = (key: string, kind: MetricRuns['kind'], pick: (run: RunSamples) => ArrayLike<number>): MetricRuns => ({
    key,
    kind,
    baseline: baseline.map((r) => Float64Array.from(pick(r))),
    candidate: candidate.map((r) => Float64Array.from(pick(r))),
  });
  const metrics = [
    metric('http_req_duration p95', 'latency', (r) => r.requests.duration),
    metric('http_req_failed rate', 'rate', (r) => r.failures.failed),
    metric('journey duration p95', 'latency', (r) => r.journeys.duration),
  ];
  const baselineNames = baseline.map(byName);
  const candidateNames = candidate.map(byName);
  const shared = [...new Set(baselineNames.flatMap((m) => [...m.keys()]))].filter((n) => candidateNames.some((m) => m.has(n))).sort();
  for (const name of shared) {
    metrics.push({
      key: `http_req_duration p95 {${name}}`,
      kind: 'latency',
      baseline: baselineNames.map((m) => Float64Array.from(m.get(name) ?? [])),
      candidate: candidateNames.map((m) => Float64Array.from(m.get(name) ?? [])),
    });
  }
  return metrics;
}
