// Benchmark: what the exchange's engineering costs against the floor. The same k6 load (closed model, no think time)
// against (a) bare node:http answering constant JSON, (b) the exchange's anonymous plan browsing, (c) the consumer
// journeys in the targets' funnel, (d) the same on an exchange of two worker processes; requests a second and
// p50/p95/p99 of each, and the ratios b/a (goal ≥ 0.6), c/a and d/c. k6 and the server share this machine's two
// cores, as in every run here, so (d) shows what a second exchange process buys when k6 needs a core too.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHouseholds } from '../applicants/generate.ts';
import { writeApplicantsFile } from '../applicants/writeFile.ts';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { startService } from '../scripts/run/services.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import { ensureK6 } from '../scripts/tools/k6.ts';
import type { Figures } from './figures.ts';
import { startMockServices } from './mockServices.ts';

const SCRIPT = join(PROJECT_ROOT, 'scenarios', 'bench', 'overhead.ts');

interface LoadFigures {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  failedChecks: number;
}

function runLoad(k6: string, mode: string, baseUrl: string, dir: string, env: Record<string, string>, vus: number, duration: string): LoadFigures {
  const summary = join(dir, `${mode}-summary.json`);
  const result = spawnSync(k6, ['run', '--quiet', '--no-color', '--summary-export', summary, SCRIPT], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, K6_NO_USAGE_REPORT: 'true', MODE: mode, BASE_URL: baseUrl, VUS: String(vus), DURATION: duration, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`k6 (${mode}) exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const metrics = (JSON.parse(readFileSync(summary, 'utf8')) as { metrics: Record<string, Record<string, number>> }).metrics;
  const duration_ = metrics.http_req_duration!;
  return { rate: metrics.http_reqs!.rate!, p50: duration_.med!, p95: duration_['p(95)']!, p99: duration_['p(99)']!, failedChecks: metrics.checks?.fails ?? 0 };
}

export async function benchExchangeOverhead(vus = 50, duration = '10s'): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-overhead-'));
  const group = new ProcessGroup();
  try {
    const k6 = ensureK6().path;
    const applicantsFile = join(dir, 'applicants.ndjson');
    await writeApplicantsFile({ count: 40_000, seed: 3, planYear: 2026, file: applicantsFile, format: 'ndjson' });
    const zip = generateHouseholds({ count: 1, seed: 3, planYear: 2026 }).next().value!.zip;

    const bare = await startService(group, { name: 'bare', main: 'bench/bareServer.ts', args: [], logFile: join(dir, 'bare.log'), readyTimeoutMs: 10_000 });
    const constant = runLoad(k6, 'constant', bare.baseUrl, dir, {}, vus, duration);
    await bare.process.stop();

    const journeyEnv = { APPLICANTS_FILE: applicantsFile, JOURNEY_MIX: JSON.stringify(loadTargets().funnel) };
    const single = await startMockServices(group, dir);
    const browse = runLoad(k6, 'browse', single.exchange.baseUrl, dir, { ZIP: zip }, vus, duration);
    const journey = runLoad(k6, 'journey', single.exchange.baseUrl, dir, journeyEnv, vus, duration);
    await Promise.all([single.exchange.process.stop(), single.insurer.process.stop()]);
    const clustered = await startMockServices(group, dir, 2);
    const journeyOnTwo = runLoad(k6, 'journey', clustered.exchange.baseUrl, dir, journeyEnv, vus, duration);

    const ratio = (x: number) => Math.round((x / constant.rate) * 1000) / 1000;
    const row = (name: string, f: LoadFigures): Figures => ({
      [`overhead: ${name} requests/s`]: { value: Math.round(f.rate), unit: 'req/s' },
      [`overhead: ${name} p50`]: { value: Math.round(f.p50 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} p95`]: { value: Math.round(f.p95 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} p99`]: { value: Math.round(f.p99 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} failed checks`]: { value: f.failedChecks, unit: 'checks' },
    });
    return {
      'overhead: k6 virtual users, no think time': { value: vus, unit: 'VUs' },
      ...row('(a) bare node:http', constant),
      ...row('(b) exchange plan browsing', browse),
      ...row('(c) exchange journey mix (targets funnel)', journey),
      ...row('(d) journey mix, exchange on 2 worker processes', journeyOnTwo),
      'overhead: ratio b/a (goal ≥ 0.6)': { value: ratio(browse.rate), unit: 'ratio' },
      'overhead: ratio c/a': { value: ratio(journey.rate), unit: 'ratio' },
      'overhead: ratio d/c (2 exchange workers vs 1)': { value: Math.round((journeyOnTwo.rate / journey.rate) * 1000) / 1000, unit: 'ratio' },
    };
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}
