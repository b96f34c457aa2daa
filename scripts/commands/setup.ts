// `harness setup`: installs what the harness needs (npm dependencies are handled by bin/harness.mjs; here k6, and with
// --prometheus Debian's Prometheus, with --chromium Debian's Chromium for the report's browser test) and says what is there.

import type { Command } from 'commander';
import { ensureChromium, findChromium } from '../tools/chromium.ts';
import { ensureK6 } from '../tools/k6.ts';
import { ensurePrometheus, findPrometheus } from '../tools/prometheus.ts';
import { CHROMIUM, PROMETHEUS } from '../tools/versions.ts';

export function register(program: Command): void {
  program
    .command('setup')
    .description('install k6 (pinned, built with Go) if missing, Prometheus with --prometheus, Chromium with --chromium; report the tools found')
    .option('--prometheus', `also install Prometheus (Debian package \`${PROMETHEUS.debianPackage}\`, needs root) when missing`)
    .option('--chromium', `also install Chromium (Debian package \`${CHROMIUM.debianPackage}\`, needs root) when missing, for the report's browser test`)
    .action((opts: { prometheus?: boolean; chromium?: boolean }) => {
      const k6 = ensureK6();
      const prometheus = opts.prometheus ? ensurePrometheus() : findPrometheus();
      const prometheusLine = prometheus
        ? `${prometheus.version} (${prometheus.source}: ${prometheus.path}; promtool: ${prometheus.promtool})`
        : `not installed: runs go on without metrics (\`harness setup --prometheus\` or \`apt-get install ${PROMETHEUS.debianPackage}\`)`;
      const chromium = opts.chromium ? ensureChromium() : findChromium();
      const chromiumLine = chromium ? `${chromium.version} (${chromium.source}: ${chromium.path})` : `not installed: the report's browser test needs it (\`harness setup --chromium\`)`;
      process.stdout.write(`k6: ${k6.version} (${k6.source}: ${k6.path})\nprometheus: ${prometheusLine}\nchromium: ${chromiumLine}\n`);
    });
}
