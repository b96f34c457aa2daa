// `promtool check metrics` (Debian's Prometheus) on the /metrics of the exchange and the insurer: names, types,
// help text and units as Prometheus's own linter wants them.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_METRICS } from '../../vocabulary/metrics/exchange.ts';
import { startExchange } from '../../mock-exchange/exchange/server.ts';
import { INSURER_METRICS } from '../../vocabulary/metrics/insurer.ts';
import { startInsurer } from '../../mock-exchange/insurer/server.ts';
import { findPrometheus } from '../../scripts/tools/prometheus.ts';

function promtoolCheck(exposition: string): { status: number | null; output: string } {
  const binary = findPrometheus();
  if (!binary) throw new Error('Prometheus is not installed: `npm test` installs it (harness setup --prometheus)');
  const result = spawnSync(binary.promtool, ['check', 'metrics'], { input: exposition, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function exposition(start: (dataDir: string) => Promise<{ port: number; stop(): Promise<void> }>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'exposition-'));
  const service = await start(dir);
  try {
    await fetch(`http://127.0.0.1:${service.port}/healthz`);
    return await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('promtool check metrics', () => {
  it('passes the exchange’s /metrics (with its waiting room on)', async () => {
    const text = await exposition((dataDir) =>
      startExchange({ port: 0, host: '127.0.0.1', dataDir, insurerUrl: 'http://127.0.0.1:9', waitingRoomCapacity: 10 }),
    );
    for (const name of [EXCHANGE_METRICS.httpRequests, EXCHANGE_METRICS.waitingRoomQueued, EXCHANGE_METRICS.outboxDepth])
      expect(text).toContain(`# TYPE ${name.replace(/_total$/, '')}`);
    const result = promtoolCheck(text);
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toBe('');
  });

  it('passes the insurer’s /metrics', async () => {
    const text = await exposition((dataDir) =>
      startInsurer({ port: 0, host: '127.0.0.1', dataDir, logger: { info: () => {}, warn: () => {}, error: () => {} } }),
    );
    expect(text).toContain(`# TYPE ${INSURER_METRICS.interchangesReceived.replace(/_total$/, '')}`);
    const result = promtoolCheck(text);
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toBe('');
  });

  it('flags a badly named counter (the check can fail)', () => {
    const result = promtoolCheck('# HELP requests Requests.\n# TYPE requests counter\nrequests 1\n');
    expect(result.output).toMatch(/counter metrics should have "_total" suffix/);
  });
});
