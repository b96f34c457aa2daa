// `harness setup`: installs what the harness needs beside its npm dependencies (handled by bin/harness.mjs): with
// --prometheus Debian's Prometheus, with --chromium Debian's Chromium for the report's browser test; says what is there.

import type { Command } from 'commander';
import { ensureChromium, findChromium } from '../tools/chromium.ts';
import { ensurePrometheus, findPrometheus } from '../tools/prometheus.ts';
import { CHROMIUM, PROMETHEUS } from '../tools/versions.ts';

export function register(program: Command): void {
  program
    .command('setup')
    .description('install Prometheus with --prometheus and Chromium with --chromium when missing; report the tools found')
    .option('--prometheus', `also install Prometheus (Debian package \`${PROMETHEUS.debianPackage}\`, needs root) when missing`)
    .option('--chromium', `also install Chromium (Debian package \`${CHROMIUM.debianPackage}\`, needs root) when missing, for the report's browser test`)
    .action((opts: { prometheus?: boolean; chromium?: boolean }) => {
      const prometheus = opts.prometheus ? ensurePrometheus() : findPrometheus();
      const prometheusLine = prometheus
        ? `${prometheus.version} (${prometheus.source}: ${prometheus.path}; promtool: ${prometheus.promtool})`
        : `not installed: runs go on without metrics (\`harness setup --prometheus\` or \`apt-get install ${PROMETHEUS.debianPackage}\`)`;
      const chromium = opts.chromium ? ensureChromium() : findChromium();
      const chromiumLine = chromium
        ? `${chromium.version} (${chromium.source}: ${chromium.path})`
        : `not installed: the report's browser test needs it (\`harness setup --chromium\`)`;
      process.stdout.write(`prometheus: ${prometheusLine}\nchromium: ${chromiumLine}\n`);
    });
}
