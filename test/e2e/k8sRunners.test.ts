// What `harness k8s` hands to k6-operator, run here as the operator runs it: the bundled scenario and its config
// from the ConfigMaps, two runners on execution segments of one sequence, started --paused and resumed together,
// sharing one applicants file, against the real mock exchange. No applicant is enrolled twice.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { writeK8sManifests, MANIFEST_FILES } from '../../scripts/k8s/writeManifests.ts';
import { CONFIG_FILE, SCRIPT_FILE } from '../../scripts/k8s/testRunManifests.ts';
import { resume, waitPausedBeforeRun } from '../../scripts/run/k6Api.ts';
import { executionSegments } from '../../scripts/run/instanceSplit.ts';
import { freeLoopbackPort } from '../../scripts/run/freePort.ts';
import { extractLedger } from '../../scripts/run/ledgerLog.ts';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { profileNamed } from '../../scripts/run/profiles/index.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../../scripts/targets/load.ts';
import { ensureK6 } from '../../scripts/tools/k6.ts';
import { startExchange, startInsurer } from './stack.ts';

const RUNNERS = 2;

describe('the k6-operator TestRun, its runners emulated locally', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-k8s-'));
  const group = new ProcessGroup();
  afterAll(() => group.stopAll());

  it('two runners on segments share one applicants file and never enroll the same applicant twice', async () => {
    const insurer = await startInsurer(group, dir);
    const exchange = await startExchange(group, dir, insurer.baseUrl);
    const outcome = await writeK8sManifests({
      profile: profileNamed('load'),
      targets: loadTargets(DEFAULT_TARGETS_FILE),
      targetsFile: DEFAULT_TARGETS_FILE,
      parallelism: RUNNERS,
      outDir: dir,
      baseUrl: exchange.baseUrl,
      remoteWriteUrl: undefined,
      namespace: 'default',
      image: 'grafana/k6:1.8.1',
      seed: 5,
      scale: 0.001,
      durationSeconds: 6,
      planYear: 2026,
    });
    const [scenarioMap] = parseAllDocuments(readFileSync(join(dir, MANIFEST_FILES.configMaps), 'utf8')).map((d) => d.toJS() as { data: Record<string, string> });
    // The pod's paths (/test, /applicants) become this folder's.
    const config = { ...(JSON.parse(scenarioMap!.data[CONFIG_FILE]!) as Record<string, unknown>), applicantsFile: join(dir, 'applicants.ndjson'), summaryFile: join(dir, 'summary.json') };
    writeFileSync(join(dir, CONFIG_FILE), JSON.stringify(config));
    writeFileSync(join(dir, SCRIPT_FILE), scenarioMap!.data[SCRIPT_FILE]!);

    const k6 = ensureK6(() => {});
    const runners = await Promise.all(
      executionSegments(RUNNERS).map(async ({ segment, sequence }, i) => {
        const address = `127.0.0.1:${await freeLoopbackPort()}`;
        const log = join(dir, `runner-${i}.log`);
        const args = ['run', '--quiet', '--log-format=json', `--log-output=file=${log}`, '--execution-segment', segment, '--execution-segment-sequence', sequence, '--paused', '--address', address, '--tag', `instance_id=${i}`, join(dir, SCRIPT_FILE)];
        const runner = group.spawn(`runner ${i}`, k6.path, args, { env: { ...process.env, HARNESS_CONFIG: join(dir, CONFIG_FILE), BASE_URL: exchange.baseUrl, K6_NO_USAGE_REPORT: 'true' } });
        return { address, process: runner, log };
      }),
    );
    expect(await Promise.all(runners.map((r) => waitPausedBeforeRun(r.address, r.process.exited, 60_000)))).toEqual([true, true]);
    await Promise.all(runners.map((r) => resume(r.address)));
    // The runners must finish their test: 0, or 99 when a busy machine slows the exchange past a latency threshold
    // (timing is not this test's subject); a script error (107) or an abort (108) fails it.
    for (const code of await Promise.all(runners.map((r) => r.process.exited))) expect([0, 99]).toContain(code);

    const ids = await Promise.all(
      runners.map(async (r, i) => {
        const ledger = join(dir, `ledger-${i}.ndjson`);
        await extractLedger(r.log, ledger);
        return readFileSync(ledger, 'utf8').split('\n').filter(Boolean).map((l) => String((JSON.parse(l) as { householdId: string }).householdId));
      }),
    );
    ids.forEach((runner, i) => expect(runner.length, `runner ${i} enrolled someone`).toBeGreaterThan(0));
    const all = ids.flat();
    expect(new Set(all).size, 'no applicant enrolled by two runners').toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(outcome.applicants);
  }, 120_000);
});
