// `harness setup`: installs what the harness needs (npm dependencies are handled by bin/harness.mjs; here k6) and says what is there.

import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { ensureK6 } from '../tools/k6.ts';

export function register(program: Command): void {
  program
    .command('setup')
    .description('install k6 (pinned, built with Go) if missing and report the tools found')
    .action(() => {
      const k6 = ensureK6();
      const prometheus = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
      const line = prometheus.status === 0 ? (prometheus.stdout || prometheus.stderr).split('\n')[0] : 'not installed (apt-get install prometheus)';
      process.stdout.write(`k6: ${k6.version} (${k6.source}: ${k6.path})\nprometheus: ${line}\n`);
    });
}
