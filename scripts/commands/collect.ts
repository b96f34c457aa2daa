// `harness collect --from DIR… --out RUN`: shard folders (from `harness shard`, e.g. a Kubernetes Indexed Job's
// volume) merged into one run folder and judged as one test, by the code `harness run --shards N` uses. The load is
// judged here; its integrity needs the insurer's side (`harness reconcile`, on the ledger and the test's applicants
// collect keeps). Exit 0 pass, 1 a target missed, 2 bad input: folders of different tests, a duplicate shard, or a
// missing one without --allow-missing.

import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { verdictJunit } from '../../analysis/junit.ts';
import { INTERRUPTED_EXIT_CODE, loadChecks } from '../../verdict/gate.ts';
import { verdictMarkdown, verdictTable } from '../../verdict/render.ts';
import { verdictOf } from '../../verdict/verdict.ts';
import { loadExitCode } from '../run/engineLoad.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { profileNamed } from '../run/profiles/index.ts';
import { RUN_FILES, runFile } from '../../vocabulary/runFiles.ts';
import { mergeShards } from '../shards/mergeShards.ts';
import { readShardRecord } from '../shards/shardFolder.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { TargetMissed } from '../../vocabulary/errors.ts';
import { ensureWritableFolder } from '../outputFolder.ts';
import { runRecordJson } from '../../vocabulary/runRecord.ts';
import { verdictJson } from '../../vocabulary/verdict.ts';

export function register(program: Command): void {
  program
    .command('collect')
    .description('merge shard folders (harness shard) into one run folder and judge the load as one test')
    .requiredOption('--from <dirs...>', 'the shard folders')
    .requiredOption('--out <dir>', 'the run folder to write')
    .option('--targets <file>', 'targets YAML file', DEFAULT_TARGETS_FILE)
    .option('--allow-missing', 'judge the shards given even when some are missing (the verdict says so and fails)')
    .action(async (opts: { from: string[]; out: string; targets: string; allowMissing?: boolean }) => {
      const dirs = opts.from.map((dir) => resolve(dir));
      const first = readShardRecord(dirs[0]!);
      const targets = loadTargets(opts.targets);
      const profile = profileNamed(first.profile);
      const plan = profile.plan({ targets, scale: first.scale, durationSeconds: first.durationSeconds ?? undefined });
      const out = ensureWritableFolder(opts.out, '--out');
      const merged = await mergeShards(dirs, out, plan.loadPlan, { allowMissing: opts.allowMissing ?? false });
      const { summary } = merged;
      const thresholdsHeld = Object.values(summary.metrics).every((m) => Object.values(m.thresholds ?? {}).every((t) => t.ok));
      const { of, missing } = summary.shards;
      const shardsCheck = {
        name: 'shards merged',
        target: `all ${of}`,
        actual: missing.length === 0 ? `${of} of ${of}` : `${of - missing.length} of ${of} (missing ${missing.join(', ')}; --allow-missing)`,
        pass: missing.length === 0,
      };
      const loadExit = loadExitCode(summary.exitReason, thresholdsHeld);
      const verdict = verdictOf(first.profile, first.testid, [shardsCheck, ...loadChecks(summary, loadExit, targets, plan.maxDroppedJourneys)], {
        interrupted: loadExit === INTERRUPTED_EXIT_CODE,
      });
      writeFileSync(
        runFile(out, 'run'),
        runRecordJson({
          runId: first.testid,
          profile: first.profile,
          seed: first.seed,
          scale: first.scale,
          durationSeconds: first.durationSeconds,
          planYear: first.planYear,
          shards: of,
          collectedFrom: dirs,
          load: 'harness engine',
          loadExitCode: loadExit,
          startedAt: summary.startedAt,
          finishedAt: summary.endedAt,
          count: plan.applicants,
          intendedEnrollments: plan.intendedEnrollments ?? null,
          plan: plan.loadPlan,
        }),
      );
      writeFileSync(runFile(out, 'verdict'), verdictJson(verdict));
      const headline = runHeadline(out, targets);
      writeFileSync(
        runFile(out, 'summary'),
        verdictMarkdown(
          verdict,
          {
            shards: `${of - missing.length} of ${of}`,
            'ledger entries': String(merged.ledgerEntries),
            integrity: `not judged here: with the insurer’s 834 records in ${RUN_FILES.insurerRecords} beside the ledger, \`harness reconcile --run\` on this folder`,
          },
          headline,
        ),
      );
      writeFileSync(runFile(out, 'junit'), verdictJunit(verdict));
      process.stdout.write(
        `harness collect: ${dirs.length} shard folder(s) of test ${first.testid} → ${out}\n${verdictTable(verdict, headline)}\n  ledger: ${merged.ledgerEntries} confirmations, beside the test's applicants; to reconcile them, put the insurer's 834 records in ${runFile(out, 'insurerRecords')} and run harness reconcile --run ${out}\n`,
      );
      if (!verdict.pass)
        throw new TargetMissed(
          `the collected test missed: ${verdict.checks
            .filter((c) => !c.pass)
            .map((c) => c.name)
            .join(', ')}`,
        );
    });
}
