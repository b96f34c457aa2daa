// `harness dashboards build`: the dashboards' JSON, Grafana provisioning, Prometheus rules and their promtool tests.
// `harness dashboards verify --run DIR`: every panel's every query against the run's recorded Prometheus data;
// exit 1 naming each dashboard and panel that returned no data or an error.

import { join } from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { TargetMissed, UsageError } from '../../vocabulary/errors.ts';
import { ensureWritableFolder } from '../outputFolder.ts';

export const DEFAULT_BUILD_DIR = join(PROJECT_ROOT, 'dashboards', 'build');

function parseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/$/, '');
  } catch {
    // reported below
  }
  throw new UsageError(`--prometheus-url ${raw}`, 'an http(s) URL', 'e.g. --prometheus-url http://127.0.0.1:9090');
}

export function register(program: Command): void {
  const dashboards = program.command('dashboards').description('Grafana dashboards and Prometheus rules kept as code');
  dashboards
    .command('build')
    .description('write the dashboards JSON, Grafana provisioning files and Prometheus rules (with promtool tests)')
    .option('--out <dir>', 'output folder', DEFAULT_BUILD_DIR)
    .option('--targets <file>', 'targets file the thresholds and SLO rules come from', DEFAULT_TARGETS_FILE)
    .option('--prometheus-url <url>', 'the Prometheus the provisioned datasource queries', 'http://127.0.0.1:9090')
    .action(async (opts: { out: string; targets: string; prometheusUrl: string }) => {
      ensureWritableFolder(opts.out, '--out');
      const { writeBuild } = await import('../dashboards/writeBuild.ts');
      const written = writeBuild(opts.out, opts.targets, parseUrl(opts.prometheusUrl));
      process.stdout.write(`${written.map((p) => `  ${p}`).join('\n')}\n${written.length} files written; see docs/grafana.md to load them into Grafana\n`);
    });
  dashboards
    .command('verify')
    .description("run every panel's every query against a run's recorded Prometheus data; exit 1 on any empty or failing panel")
    .requiredOption('--run <dir>', 'a run folder recorded with its own Prometheus (results/<run-id>)')
    .option('--targets <file>', 'targets file the dashboards are built for', DEFAULT_TARGETS_FILE)
    .option('--json', 'print every outcome as JSON')
    .action(async (opts: { run: string; targets: string; json?: boolean }) => {
      const [{ allPanelQueries }, { openRunPrometheus }, { describeOutcome, verifyQueries }] = await Promise.all([
        import('../../dashboards/queries.ts'),
        import('../observability/openRunPrometheus.ts'),
        import('../observability/verifyDashboards.ts'),
      ]);
      const queries = allPanelQueries(loadTargets(opts.targets));
      const opened = await openRunPrometheus(opts.run, join(opts.run, 'prometheus', 'verify.log'));
      let outcomes;
      try {
        const { record } = opened;
        outcomes = await verifyQueries(opened.prometheus.baseUrl, queries, {
          testid: record.metrics!.testid,
          start: new Date(record.startedAt),
          end: new Date(record.finishedAt),
          scrapeIntervalSeconds: 1,
        });
      } finally {
        await opened.close();
      }
      const bad = outcomes.filter((o) => o.status !== 'data');
      if (opts.json)
        process.stdout.write(
          `${JSON.stringify(
            outcomes.map((o) => ({
              dashboard: o.query.dashboard,
              panel: o.query.panel,
              refId: o.query.refId,
              expr: o.expr,
              status: o.status,
              series: o.series,
              message: o.message,
            })),
            null,
            2,
          )}\n`,
        );
      else process.stdout.write(`${outcomes.map(describeOutcome).join('\n')}\n`);
      if (bad.length > 0)
        throw new TargetMissed(
          `${bad.length} of ${outcomes.length} panel queries returned no data or failed: ${[...new Set(bad.map((o) => `${o.query.dashboard} › ${o.query.panel}`))].join('; ')}`,
        );
      if (!opts.json) process.stdout.write(`dashboards verify: all ${outcomes.length} panel queries returned data for run ${opened.record.runId}\n`);
    });
}
