// `harness gate --run DIR [--targets FILE]`: judges a finished run folder again against the targets and writes
// verdict.json, summary.md and junit.xml. Exit 0 when every target held, 1 when one was missed or the run was
// interrupted (its figures cover only part of the plan), 2 on bad input.

import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { verdictJunit } from '../../analysis/junit.ts';
import { verdictMarkdown, verdictTable } from '../../verdict/render.ts';
import { judgeRun } from '../analysis/gateFacts.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { missedChecks, verdictStatus } from '../../verdict/verdict.ts';
import { requireRunFolder } from '../analysis/runInputs.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { TargetMissed } from '../../vocabulary/errors.ts';
import { verdictJson } from '../../vocabulary/verdict.ts';

export function register(program: Command): void {
  program
    .command('gate')
    .description('judge a run folder against the targets again: verdict.json, summary.md and junit.xml; exit 1 on a missed target')
    .requiredOption('--run <dir>', 'the run folder (results/<run-id>)')
    .option('--targets <file>', 'the targets file', DEFAULT_TARGETS_FILE)
    .action(async (opts: { run: string; targets: string }) => {
      const runDir = requireRunFolder(opts.run);
      const targets = loadTargets(opts.targets);
      const { facts, input, verdict } = await judgeRun(runDir, targets);
      const rel = (path: string): string => relative(PROJECT_ROOT, path) || path;
      const summaryFacts: Record<string, string> = {
        'enrollments confirmed by the exchange': String(facts.reconciliation?.enrollments.confirmed ?? 'not reconciled'),
        'received intact by the insurer': String(facts.reconciliation?.enrollments.intact ?? 'not reconciled'),
        load: `${facts.run.load ?? 'unknown'} (exit ${input.loadExitCode})`,
        seed: String(facts.run.seed ?? 'unknown'),
        targets: rel(opts.targets),
        'judged by': '`harness gate` on the files of the run folder',
      };
      if (facts.run.faults) summaryFacts['fault switches'] = `\`${facts.run.faults}\``;
      writeFileSync(runFile(runDir, 'verdict'), verdictJson(verdict));
      const headline = runHeadline(runDir, targets);
      writeFileSync(runFile(runDir, 'summary'), verdictMarkdown(verdict, summaryFacts, headline));
      writeFileSync(runFile(runDir, 'junit'), verdictJunit(verdict));
      process.stdout.write(`harness gate ${rel(runDir)}\n${verdictTable(verdict, headline)}\n  written: verdict.json, summary.md, junit.xml\n`);
      if (verdictStatus(verdict) === 'INTERRUPTED') {
        throw new TargetMissed(
          `${rel(runDir)} is an interrupted run (Ctrl-C or SIGTERM stopped its load): its figures cover only what ran, so no target can be shown held. Run the profile again to completion to gate it.`,
        );
      }
      if (!verdict.pass)
        throw new TargetMissed(
          `missed: ${missedChecks(verdict)
            .map((c) => c.name)
            .join(', ')}`,
        );
    });
}
