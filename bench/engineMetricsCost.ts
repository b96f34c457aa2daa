// A journey's checks, tagged counter and tagged trend through the engine's Context, N rounds: the CPU a call. ROOT is
// the checkout whose engine runs (A/B). Usage: node --import tsx bench/engineMetricsCost.ts ROOT [N]
const [root, nText = '1000000'] = process.argv.slice(2);
const { MetricSet } = await import(`${root}/engine/metricSet.ts`);
const { Context } = await import(`${root}/engine/runtime.ts`);
const metrics = new MetricSet();
const context = new Context(0, 0, { index: 0, of: 1 }, new AbortController().signal, undefined, metrics, undefined);
const run = (n: number) => {
  for (let k = 0; k < n; k++) {
    context.check('account created (201)', true);
    context.counter('marketplace_oracle_mismatches', 0, { step: 'eligibility' });
    context.check('eligibility matches the oracle', k % 100 !== 0);
    context.trend('marketplace_journey_duration', 12.5, { journey: 'enroll' });
  }
};
run(100000);
const n = Number(nText);
const t0 = process.cpuUsage();
run(n);
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({ root, calls: n * 4, nsPerCall: Math.round(((cpu.user + cpu.system) * 1000) / (n * 4)) }));
