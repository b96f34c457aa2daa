// `harness hit`: bad input refused with exit 2 naming the input (in-process, nothing sent), and the real CLI's
// --json figures against a server with a known count and delay.

import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cliInProcess as inProcess } from './cliInProcess.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';
import { knownServer, refusingUrl, type KnownServer } from '../../engine/fixtures/knownServer.ts';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/harness.mjs', ...args], { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const BAD: [string, string[], RegExp][] = [
  ['a URL that does not parse', ['hit', 'not a url', '--rate', '1'], /URL not a url: expected an absolute http:\/\/ URL/],
  ['a host off loopback', ['hit', 'http://192.0.2.1/x', '--rate', '1'], /URL http:\/\/192\.0\.2\.1\/x: expected a loopback host .*--allow-remote/],
  ['a public name off loopback', ['hit', 'http://example.com/', '--vus', '1'], /expected a loopback host/],
  ['a rate of 0', ['hit', 'http://127.0.0.1:9/x', '--rate', '0'], /--rate 0: expected a number ≥/],
  ['a rate that is no number', ['hit', 'http://127.0.0.1:9/x', '--rate', 'fast'], /--rate fast: expected a number/],
  ['a VU count of -3', ['hit', 'http://127.0.0.1:9/x', '--vus', '-3'], /--vus -3: expected a whole number ≥ 1/],
  ['neither --rate nor --vus', ['hit', 'http://127.0.0.1:9/x'], /--rate \/ --vus: expected exactly one of them/],
  ['both --rate and --vus', ['hit', 'http://127.0.0.1:9/x', '--rate', '5', '--vus', '2'], /expected exactly one of them/],
  ['a duration that does not parse', ['hit', 'http://127.0.0.1:9/x', '--rate', '5', '--duration', 'soon'], /--duration soon: expected a positive duration/],
  ['--think with an open model', ['hit', 'http://127.0.0.1:9/x', '--rate', '5', '--think', '1s'], /--think: expected only with --vus/],
  ['an unknown method', ['hit', 'http://127.0.0.1:9/x', '--rate', '5', '--method', 'FETCH'], /--method FETCH: expected one of GET/],
  ['an unknown flag', ['hit', 'http://127.0.0.1:9/x', '--rate', '5', '--turbo'], /unknown option '--turbo'/],
];

describe('harness hit', () => {
  let server: KnownServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(BAD)('%s: exit 2 naming the input', async (_what, args, message) => {
    const result = await inProcess(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('--rate 40 for 2 s against a 10 ms server: exactly 80 requests, latency ≥ the delay, one JSON object', async () => {
    server = await knownServer({ delayMs: 10 });
    const result = await cli(['hit', server.url, '--rate', '40', '--duration', '2s', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const figures = JSON.parse(result.stdout);
    expect(Object.keys(figures)).toEqual(['requests', 'errors', 'dropped', 'rate', 'latencyMs', 'startLagMs', 'statuses']);
    expect(figures.requests).toBe(80);
    expect(server.received).toHaveLength(80);
    expect(figures.errors).toBe(0);
    expect(figures.dropped).toBe(0);
    expect(figures.rate.planned).toBe(40);
    expect(figures.latencyMs.p50).toBeGreaterThanOrEqual(10);
    expect(figures.statuses).toEqual({ '200': 80 });
    expect(typeof figures.startLagMs.p99).toBe('number');
  });

  it('a target that refuses connections: errors counted, exit 1 (a finding), not a crash', async () => {
    const url = await refusingUrl();
    const result = await cli(['hit', url, '--vus', '2', '--duration', '1s', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const figures = JSON.parse(result.stdout);
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors).toBe(figures.requests);
    expect(figures.statuses['0']).toBe(figures.requests);
    expect(result.stderr).toMatch(/request\(s\) failed/);
  });
});
