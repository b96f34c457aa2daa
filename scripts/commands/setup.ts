// `harness setup`: installs what the harness needs (npm dependencies are handled by bin/harness.mjs; here k6, and with
// --prometheus Debian's Prometheus) and says what is there.

import type { Command } from 'commander';
import { ensureK6 } from '../tools/k6.ts';
import { ensurePrometheus, findPrometheus } from '../tools/prometheus.ts';
import { PROMETHEUS } from '../tools/versions.ts';

export function register(program: Command): void {
  program
    .command('setup')
    .description('install k6 (pinned, built with Go) if missing, and Prometheus with --prometheus; report the tools found')
    .option('--prometheus', `also install Prometheus (Debian package \`${PROMETHEUS.debianPackage}\`, needs root) when missing`)
    .action((opts: { prometheus?: boolean }) => {
      const k6 = ensureK6();
      const prometheus = opts.prometheus ? ensurePrometheus() : findPrometheus();
      const prometheusLine = prometheus
        ? `${prometheus.version} (${prometheus.source}: ${prometheus.path}; promtool: ${prometheus.promtool})`
        : `not installed: runs go on without metrics (\`harness setup --prometheus\` or \`apt-get install ${PROMETHEUS.debianPackage}\`)`;
      process.stdout.write(`k6: ${k6.version} (${k6.source}: ${k6.path})\nprometheus: ${prometheusLine}\n`);
    });
}
