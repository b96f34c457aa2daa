// Usage: node --import tsx bench/engineMergeCost.ts ROOT merge|mergeSet. The main thread's work a second: two workers' snapshots merged into the second's row, the row encoded for onSecond,
// and the row added into the totals: by decoding the row's snapshot again (main) or from the row (mergeSet).
import { ENROLLMENT_REQUESTS } from '../vocabulary/requests.ts';

const root = process.argv[2]!;
const { MetricSet } = await import(`${root}/engine/metricSet.ts`);
const routes = ENROLLMENT_REQUESTS;
const worker = (seed: number) => {
  const set = new MetricSet();
  for (const name of routes)
    for (let i = 0; i < 150; i++) {
      for (const m of ['http_req_duration', 'http_req_blocked', 'http_req_waiting'])
        set.add('trend', m, i === 149 ? 2500 + seed : Math.exp(((i * 37 + seed) % 150) / 20) / 10, { name });
      set.add('rate', 'http_req_failed', 0, { name });
      set.add('counter', 'http_reqs', 1, { name, status: '200' });
    }
  for (let i = 0; i < 150; i++) {
    set.add('trend', 'iteration_duration', 300 + i);
    set.add('rate', 'checks', 1, { check: 'a' });
  }
  set.add('gauge', 'vus', 25);
  return set.snapshot();
};
const a = worker(1),
  b = worker(2);
const useSet = process.argv[3] === 'mergeSet';
const totals = new MetricSet();
const second = () => {
  const row = new MetricSet();
  row.merge(a, 'add');
  row.merge(b, 'add');
  const series = row.snapshot();
  if (useSet) totals.mergeSet(row, 'replace');
  else totals.merge(series, 'replace');
  return series.length;
};
for (let i = 0; i < 50; i++) second();
const t0 = process.cpuUsage();
const n = 300;
for (let i = 0; i < n; i++) second();
const cpu = process.cpuUsage(t0);
console.log(
  JSON.stringify({ path: useSet ? 'mergeSet' : 'merge(snapshot)', seriesPerWorker: a.length, msPerSecond: +((cpu.user + cpu.system) / 1000 / n).toFixed(2) }),
);
