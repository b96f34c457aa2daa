// The engine's CPU per enrollment journey, steady enough to compare two checkouts on a shared machine: the consumers'
// enroll journey (scenarios/consumers/marketplace.ts, mode enroll, no think time) on the engine in this process
// (workers 0: one thread), 50 users, against bench/cannedExchange.ts — a child process answering every route at once
// with the oracle's answers, so every check passes and the exchange's CPU is not counted. A warm-up run of 1,000
// journeys first; then N journeys measured with process.cpuUsage(). ROOT is the checkout whose engine and journeys run
// (A/B: the same script against two checkouts, alternating). HOUSEHOLDS: an applicants file of households the oracle
// does not refer to Medicaid/CHIP (write one with --write-households FILE COUNT). Loopback only. One JSON line out.
// Usage: node --import tsx bench/engineJourneyCost.ts ROOT HOUSEHOLDS N
//        node --import tsx bench/engineJourneyCost.ts --write-households FILE COUNT
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
if (process.argv[2] === '--write-households') {
  const { generateHouseholds } = await import('../applicants/generate.ts');
  const [file, countText] = process.argv.slice(3);
  const lines: string[] = [];
  for (const h of generateHouseholds({ count: Number(countText) * 2, seed: 7, planYear: 2026 })) {
    if (h.expected.result !== 'medicaid' && lines.length < Number(countText)) lines.push(JSON.stringify(h));
  }
  writeFileSync(file!, `${lines.join('\n')}\n`);
  process.exit(0);
}
const [root, file, nText, workersText = '0'] = process.argv.slice(2);
const n = Number(nText);
const { runPlan } = await import(`${root}/engine/runPlan.ts`);
const server = spawn(process.execPath, ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'cannedExchange.ts'), file!], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));
let ledgerDir = '';
const ledgerDirs: string[] = [];
const once = (iterations: number) => {
  ledgerDir = mkdtempSync(join(tmpdir(), 'engine-journey-cost-'));
  ledgerDirs.push(ledgerDir);
  return runPlan({
    plan: { executor: { executor: 'shared-iterations', users: 50, iterations, maxSeconds: 600 }, gracefulStopSeconds: 5, thresholds: {} },
    journeyModule: `${root}/scenarios/consumers/marketplace.ts`,
    journeyOptions: { mode: 'enroll', baseUrl: `http://127.0.0.1:${port}`, applicantsFile: file, thinkTimeSeconds: 0, maxQueueSeconds: 60, ledgerDir },
    workers: Number(workersText),
  });
};
await once(1000); // warm: modules loaded, code optimised
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await once(n);
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
server.kill();
const agg = (name: string) => result.totals.aggregate(name);
const requests = agg('http_reqs')?.sum ?? 0;
const enrolled = agg('marketplace_enrollments_confirmed')?.sum ?? 0;
const checks = agg('checks');
const ledgerLines = readFileSync(join(ledgerDir, 'ledger.0-of-1.ndjson'), 'utf8').split('\n').length - 1;
for (const dir of ledgerDirs) rmSync(dir, { recursive: true, force: true });
const us = cpu.user + cpu.system;
console.log(
  JSON.stringify({
    enrolled,
    ledgerLines,
    requests,
    checksFailed: checks ? checks.count - checks.sum : null,
    wallS: +(wall / 1000).toFixed(1),
    cpuUsPerEnrollment: Math.round(us / enrolled),
    cpuUsPerRequest: Math.round(us / requests),
    userUsPerEnrollment: Math.round(cpu.user / enrolled),
    sysUsPerEnrollment: Math.round(cpu.system / enrolled),
    userShare: +(cpu.user / us).toFixed(2),
    errors: result.journeyErrors,
  }),
);
