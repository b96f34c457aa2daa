// The CLI's bad-input corpus: flags and the files users hand it (targets YAML, applicant files, points CSV), each
// refused before anything starts with exit 2 and a message naming the input — never a stack trace, never a hang.
// In-process through the CLI's own main() (the same code bin/harness.mjs runs), so the corpus costs milliseconds a case.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliInProcess as harness } from './cliInProcess.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-bad-input-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 151 + 7) % 256));

const CASES: [string, () => string[], RegExp][] = [
  [
    'targets: broken YAML',
    () => ['run', 'smoke', '--targets', file('broken.yaml', 'concurrentUsers: [\n')],
    /targets file .*broken\.yaml: expected valid YAML\. Fix the syntax/,
  ],
  [
    'targets: a wrong field',
    () => ['run', 'smoke', '--targets', file('negative.yaml', 'concurrentUsers: -5\n')],
    /targets file .*negative\.yaml: expected the fields of targets\.yaml\. Fix: concurrentUsers/,
  ],
  [
    'targets: binary',
    () => ['run', 'smoke', '--targets', file('binary.yaml', binary)],
    /targets file .*binary\.yaml: expected (valid YAML|the fields of targets\.yaml)/,
  ],
  [
    'targets: missing',
    () => ['run', 'smoke', '--targets', join(dir, 'none.yaml')],
    /targets file .*none\.yaml: expected a readable YAML file\. Check the path \(ENOENT\)/,
  ],
  ['an unknown profile', () => ['run', 'nosuch'], /profile "nosuch": expected one of smoke, .*security/],
  ['--scale 0', () => ['run', 'smoke', '--scale', '0'], /--scale 0: expected a number ≥ 0\.0001/],
  ['--seed -1', () => ['run', 'smoke', '--seed', '-1'], /--seed -1: expected a whole number ≥ 0/],
  ['--duration 10x', () => ['run', 'smoke', '--duration', '10x'], /--duration 10x: expected a positive duration/],
  ['--faults with an unknown switch', () => ['run', 'smoke', '--faults', 'exchange.nope=1'], /fault "exchange\.nope=1": expected a known switch name/],
  ['--faults with a rate over 1', () => ['run', 'security', '--faults', 'exchange.noRateLimit=2'], /exchange\.noRateLimit to be a rate between 0 and 1/],
  ['--prometheus ftp://…', () => ['run', 'smoke', '--prometheus', 'ftp://x'], /--prometheus ftp:\/\/x: expected auto, own, off, or the http\(s\) URL/],
  [
    '--watch on another host',
    () => ['run', 'smoke', '--watch', '0.0.0.0:8023'],
    /--watch 0\.0\.0\.0:8023: expected a port on 127\.0\.0\.1\. The live page is served on 127\.0\.0\.1 only/,
  ],
  ['--watch a bad port', () => ['run', 'smoke', '--watch', '70000'], /--watch 70000: expected a port from 0 to 65535/],
  ['watch of a folder that is not there', () => ['watch', '--run', join(dir, 'nope')], /--run .*nope: expected an existing run folder/],
  ['watch --port on another host', () => ['watch', '--run', dir, '--port', '0.0.0.0:8023'], /--port 0\.0\.0\.0:8023: expected a port on 127\.0\.0\.1/],
  ['--watch with --shards', () => ['run', 'smoke', '--watch', '0', '--shards', '2'], /--watch with --shards 2: expected one of them/],
  ['security at a heavy --scale', () => ['run', 'security', '--scale', '50'], /profile security at --scale 50: expected a light background load/],
  ['applicants: binary', () => ['generate', '--describe', file('binary.ndjson', binary)], /binary\.ndjson:1: expected one JSON household per line/],
  [
    'applicants: a line missing fields',
    () => ['generate', '--describe', file('fields.ndjson', '{"id":"x"}\n')],
    /fields\.ndjson:1: expected household field "\w+" to be a/,
  ],
  ['applicants: missing', () => ['generate', '--describe', join(dir, 'none.ndjson')], /--describe .*none\.ndjson: expected an NDJSON applicant file/],
  [
    'points CSV: binary',
    () => ['capacity', '--points', file('binary.csv', binary)],
    /--points .*binary\.csv: expected a CSV with the header `concurrency,throughput`.*line 1: the header ".+…" has no concurrency column/s,
  ],
  ['points CSV: empty', () => ['capacity', '--points', file('empty.csv', '')], /--points .*empty\.csv: .*the file is empty/],
  ['scan of a folder that is no run', () => ['scan', '--run', dir], /applicants\.ndjson: expected the household file of the run/],
  ['--base-url with no scheme', () => ['run', 'smoke', '--base-url', '127.0.0.1:8080'], /--base-url 127\.0\.0\.1:8080: expected an absolute http:\/\/ URL/],
  ['--base-url https', () => ['run', 'smoke', '--base-url', 'https://127.0.0.1:8443'], /--base-url https:\/\/127\.0\.0\.1:8443: expected an http:\/\/ URL/],
  [
    '--base-url off loopback',
    () => ['run', 'smoke', '--base-url', 'http://[2001:db8::1]:8080'],
    /--base-url http:\/\/\[2001:db8::1\]:8080: expected a loopback host .*--allow-remote/,
  ],
  [
    '--base-url with a mock fault switch',
    () => ['run', 'smoke', '--base-url', 'http://127.0.0.1:8080', '--faults', 'backend.drop=0.1'],
    /--faults backend\.drop=0\.1: expected no option of the mock services with --base-url/,
  ],
  [
    '--password-cost not a power of two',
    () => ['run', 'smoke', '--password-cost', '1000'],
    /--password-cost 1000: expected scrypt's N, a power of two from 2 to 1048576/,
  ],
  [
    '--password-cost with --base-url',
    () => ['run', 'smoke', '--base-url', 'http://127.0.0.1:8080', '--password-cost', '1024'],
    /--password-cost 1024: expected no option of the mock services with --base-url/,
  ],
  ['--allow-remote without --base-url', () => ['run', 'smoke', '--allow-remote'], /--allow-remote: expected only with --base-url/],
  [
    '--journeys with --shards',
    () => ['run', 'smoke', '--journeys', 'examples/journeys/browsePlans.ts', '--shards', '2'],
    /--shards 2 with --journeys: expected one shard/,
  ],
  ['reconcile with neither --run nor --ledger', () => ['reconcile'], /reconcile: expected --run DIR, or --ledger FILE --edi DIR/],
  [
    'reconcile --ledger without --edi',
    () => ['reconcile', '--ledger', file('ledger.ndjson', '')],
    /--ledger .*ledger\.ndjson: expected both --ledger FILE and --edi DIR/,
  ],
  ['reconcile --run with --edi', () => ['reconcile', '--run', dir, '--edi', dir], /--run with --ledger \/ --edi: expected one of them/],
  [
    'reconcile --ledger missing',
    () => ['reconcile', '--ledger', join(dir, 'none.ndjson'), '--edi', dir],
    /--ledger .*none\.ndjson: expected the consumers' ledger/,
  ],
];

describe('harness: bad input on the command line', () => {
  afterEach(() => {
    process.exitCode = 0;
  });
  it.each(CASES)(
    '%s: exit 2 naming the input, no stack trace',
    async (_what, args, message) => {
      const result = await harness(args());
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    10_000,
  );
});
