// Benchmark: the harness soaks itself. A real `harness run soak` — the harness's own pipeline in a child process,
// its engine inside that process, the mock exchange and insurer its children, its own Prometheus when installed,
// everything on loopback — at a moderate arrival rate for 2 hours. Every few seconds it samples the resident memory
// and open file descriptors of the engine (the harness process), the exchange and the insurer from /proc; after the
// load it judges each series over the load, after the warm-up (and the ramp), with the soak verdict `harness soak` gives a run
// (flat or drifting, Theil–Sen slope per hour), and gives the run folder's total size per hour of load (and what
// fills it), the run's own verdict (enrollments confirmed, received intact) and `harness soak --run`'s on its folder.
// SOAK_SELF_MINUTES (default 120) shortens it, SOAK_SELF_RATE (journeys/s, default 20) sets its rate;
// SOAK_SELF_KEEP=1 keeps the run folder (its path is printed).

import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { soakTooShort, soakWindows } from '../analysis/soakSeries.ts';
import { theilSen } from '../analysis/trend.ts';
import { plannedSeconds, type LoadPlan } from '../engine/plan.ts';
import { readOptionalReconciliation } from '../scripts/analysis/runInputs.ts';
import { soakOfRun } from '../scripts/analysis/soakOfRun.ts';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { profileNamed } from '../scripts/run/profiles/index.ts';
import { runFile } from '../vocabulary/runFiles.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import { UsageError } from '../vocabulary/errors.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';
import { childrenOf, commandLine, openFileDescriptors, processUsage } from './processUsage.ts';
import {
  bytesPerHour,
  judgeProcessSamples,
  largestEntries,
  loadWindowOf,
  MEASURES,
  serviceOfCommandLine,
  steadyWarmupSeconds,
  WATCHED,
  type ProcessSample,
  type Watched,
} from './soakSelfSeries.ts';

/** Memory and descriptors are read this often: 1,440 points a series over 2 hours. */
const SAMPLE_EVERY_MS = 5_000;
/** The run folder is walked this often (it holds one file per 834 interchange). */
const FOLDER_EVERY_MS = 30_000;
const STATUS_EVERY_MS = 60_000;
/** Past the planned load: applicants, start-up, the graceful stop, the outbox drain, reconciliation and the report. */
const OVERRUN_SECONDS = 900;
/** The arrival rate is planned at this scale first, then scaled linearly to the rate asked for. */
const REFERENCE_SCALE = 0.01;

const MiB = 1024 ** 2;
const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

interface FolderSize {
  total: number;
  /** Bytes under each top-level entry. */
  entries: Record<string, number>;
}

/** Apparent bytes of every file under `dir` (symbolic links not followed); a file removed during the walk counts 0. */
function folderSize(dir: string): FolderSize {
  const walk = (path: string): number => {
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory()) return stat.size;
      return readdirSync(path).reduce((sum, name) => sum + walk(join(path, name)), 0);
    } catch {
      return 0;
    }
  };
  const entries: Record<string, number> = {};
  for (const name of readdirSync(dir)) entries[name] = walk(join(dir, name));
  return { total: Object.values(entries).reduce((a, b) => a + b, 0), entries };
}

/** The soak profile's scale that plans `rate` journeys a second over `seconds`. */
function scaleForRate(rate: number, seconds: number): number {
  const targets = loadTargets();
  const peak = (scale: number): number => {
    const { executor } = profileNamed('soak').plan({ targets, scale, durationSeconds: seconds }).loadPlan;
    if (executor.executor !== 'ramping-arrival-rate') throw new Error(`soak-self: the soak profile planned ${executor.executor}, not an arrival rate`);
    return Math.max(executor.startRate, ...executor.stages.map((s) => s.target));
  };
  return REFERENCE_SCALE * (rate / peak(REFERENCE_SCALE));
}

export async function benchSoakSelf(): Promise<Figures> {
  const minutes = envNumber('SOAK_SELF_MINUTES', 120);
  const rate = envNumber('SOAK_SELF_RATE', 20);
  const keep = process.env.SOAK_SELF_KEEP === '1';
  const seconds = minutes * 60;
  const scale = scaleForRate(rate, seconds);
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const resultsDir = mkdtempSync(join(tmpdir(), 'harness-bench-soak-self-'));
  const group = new ProcessGroup();
  const samples: ProcessSample[] = [];
  const folderSamples: { at: number; bytes: number }[] = [];
  const logFile = join(resultsDir, 'harness.log');
  let runDir: string | undefined;
  try {
    say(`  soak-self: harness run soak --duration ${minutes}m --scale ${scale.toPrecision(4)} (${rate} journeys/s) → ${resultsDir}`);
    const args = [
      join(PROJECT_ROOT, 'bin', 'harness.mjs'),
      'run',
      'soak',
      '--duration',
      `${minutes}m`,
      '--scale',
      scale.toPrecision(6),
      '--results',
      resultsDir,
    ];
    const harness = group.spawn('harness run soak (soak-self)', process.execPath, args, {
      cwd: PROJECT_ROOT,
      logFile,
      onStdoutLine: (line) => say(`  │ ${line}`),
    });
    const harnessPid = harness.child.pid!;
    const pids: Partial<Record<Watched, number>> = { engine: harnessPid };
    const started = Date.now();
    let lastFolder = 0;
    let lastStatus = started;
    let overran = false;
    const sample = (): void => {
      const now = Date.now();
      if (!pids.exchange || !pids.insurer) {
        for (const child of childrenOf(harnessPid)) {
          const service = serviceOfCommandLine(commandLine(child));
          if (service) pids[service] ??= child;
        }
      }
      const latest: string[] = [];
      for (const name of WATCHED) {
        const pid = pids[name];
        if (pid === undefined) continue;
        const usage = processUsage(pid);
        const fds = openFileDescriptors(pid);
        if (!usage || fds === undefined) {
          if (name !== 'engine') delete pids[name]; // stopped: a new one (same service) is looked for next time
          continue;
        }
        samples.push({ at: now, process: name, rssBytes: usage.rssBytes, fds });
        latest.push(`${name} ${(usage.rssBytes / MiB).toFixed(0)} MiB ${fds} fds`);
      }
      runDir ??= readdirSync(resultsDir)
        .map((name) => join(resultsDir, name))
        .find((path) => lstatSync(path).isDirectory());
      if (runDir && now - lastFolder >= FOLDER_EVERY_MS) {
        lastFolder = now;
        folderSamples.push({ at: now, bytes: folderSize(runDir).total });
      }
      if (now - lastStatus >= STATUS_EVERY_MS) {
        lastStatus = now;
        say(
          `  soak-self · ${Math.round((now - started) / 60_000)} min · ${latest.join(' · ')} · folder ${((folderSamples.at(-1)?.bytes ?? 0) / MiB).toFixed(1)} MiB`,
        );
      }
      if (!overran && (now - started) / 1000 > seconds + OVERRUN_SECONDS) {
        overran = true;
        void harness.stop(30_000);
      }
    };
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const code = await harness.exited;
    clearInterval(sampler);
    if (overran) throw new Error(`soak-self: the run was still going ${seconds + OVERRUN_SECONDS} s after it started, and was stopped (log: ${logFile})`);
    if (!runDir || !existsSync(runFile(runDir, 'verdict'))) throw new Error(`soak-self: the run exited ${code} with no verdict (log: ${logFile})`);

    const rows = loadWindowOf(readFileSync(runFile(runDir, 'loadSeconds'), 'utf8'));
    if (!rows) throw new Error(`soak-self: ${runFile(runDir, 'loadSeconds')} is empty: the load never ran (log: ${logFile})`);
    const { plan } = JSON.parse(readFileSync(runFile(runDir, 'run'), 'utf8')) as { plan: LoadPlan };
    // Judged over the planned load, not the graceful stop after it, where the journeys in flight wind down.
    const window = { startMs: rows.startMs, endMs: Math.min(rows.endMs, rows.startMs + plannedSeconds(plan.executor) * 1000) };
    const loadSeconds = (window.endMs - window.startMs) / 1000;
    const windows = soakWindows(loadSeconds);
    const warmupSeconds = steadyWarmupSeconds(windows.warmupSeconds, plan);
    const short = soakTooShort(loadSeconds, { ...windows, warmupSeconds });
    const judged = judgeProcessSamples(samples, window, warmupSeconds);

    const folder = folderSize(runDir);
    const inLoad = folderSamples.filter((s) => s.at >= window.startMs && s.at <= window.endMs);
    const growth =
      inLoad.length >= 2
        ? theilSen(
            inLoad.map((s) => (s.at - window.startMs) / 1000),
            inLoad.map((s) => s.bytes),
          ).slope * 3600
        : NaN;
    const verdict = JSON.parse(readFileSync(runFile(runDir, 'verdict'), 'utf8')) as Verdict;
    const reconciliation = readOptionalReconciliation(runDir);
    let systemSoak: string;
    let systemDrifting = 0;
    try {
      const drifting = soakOfRun(runDir, { minRelativeChange: 0.1 }).results.filter((r) => r.verdict === 'drifting');
      systemDrifting = drifting.length;
      systemSoak =
        drifting.length === 0
          ? 'flat'
          : `drifting: ${drifting.map((r) => `${r.series} ${r.slopePerHour >= 0 ? '+' : ''}${round(r.slopePerHour)}/h`).join(', ')}`;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      systemSoak = `not judged (${error.message.split('\n')[0]})`;
    }
    if (keep) say(`  soak-self: run folder kept: ${runDir}`);

    const caution = short ? ` — ${loadSeconds.toFixed(0)} s of load is shorter than the ${short.neededSeconds} s harness soak needs to trust a trend` : '';
    const figures: Figures = {
      'soak-self: load': {
        value: Math.round(loadSeconds),
        unit: `s at ${rate} journeys/s (soak --scale ${scale.toPrecision(4)}); warm-up ${warmupSeconds} s (at least the ramp and one journey), samples every ${SAMPLE_EVERY_MS / 1000} s${caution}`,
      },
    };
    for (const r of judged) {
      const p = r.trend ? r.trend.pValue.toPrecision(2) : '–';
      figures[`soak-self: ${r.process} ${MEASURES[r.measure]}, slope`] = {
        value: round(r.slopePerHour),
        unit: `${r.unit}/h — ${r.verdict === 'drifting' ? `DRIFTING ${r.direction}` : r.verdict} (level ${round(r.level)} ${r.unit}, ${round(r.projected)} at 8 h, Mann–Kendall p ${p}, ${r.points} samples)`,
      };
    }
    figures['soak-self: series drifting'] = { value: judged.filter((r) => r.verdict === 'drifting').length, unit: `of ${judged.length}` };
    const top = largestEntries(folder.entries, 4)
      .map(([name, bytes]) => `${name} ${(bytes / MiB).toFixed(1)}`)
      .join(', ');
    figures['soak-self: run folder at the end'] = { value: round(folder.total / MiB), unit: `MiB (largest, MiB: ${top})` };
    figures['soak-self: run folder per hour of load'] = {
      value: round(bytesPerHour(folder.total, loadSeconds) / MiB),
      unit: 'MiB/h (its size at the end ÷ the hours of load)',
    };
    figures['soak-self: run folder growth during the load'] = {
      value: Number.isFinite(growth) ? round(growth / MiB) : 0,
      unit: Number.isFinite(growth) ? `MiB/h (Theil–Sen over ${inLoad.length} sizes)` : 'MiB/h (not measured: under 2 sizes in the load)',
    };
    figures['soak-self: run folder per-second files'] = {
      value: round(bytesPerHour(folder.entries['load-seconds.ndjson'] ?? 0, (rows.endMs - rows.startMs) / 1000) / MiB),
      unit: 'MiB/h (load-seconds.ndjson: per-second aggregates, a row per second of load and graceful stop)',
    };
    figures['soak-self: enrollments confirmed'] = { value: reconciliation?.enrollments.confirmed ?? 0, unit: 'enrollments' };
    figures['soak-self: received intact by the insurer'] = { value: reconciliation?.enrollments.intact ?? 0, unit: 'enrollments' };
    figures['soak-self: run verdict pass'] = {
      value: verdict.pass ? 1 : 0,
      unit: verdict.pass
        ? 'bool'
        : `bool (missed: ${verdict.checks
            .filter((c) => !c.pass && !c.notChecked)
            .map((c) => c.name)
            .join(', ')})`,
    };
    figures['soak-self: harness soak on the run folder, series drifting'] = { value: systemDrifting, unit: systemSoak };
    return figures;
  } finally {
    await group.stopAll();
    if (!keep) rmSync(resultsDir, { recursive: true, force: true });
  }
}
