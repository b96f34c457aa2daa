import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createBrowseFastPath } from '../../../mock-exchange/exchange/browseFastPath.ts';
import { createExchangeMetrics } from '../../../mock-exchange/exchange/metrics.ts';
import type { ExchangeRules } from '../../../mock-exchange/exchange/rules.ts';
import { EXCHANGE_METRICS } from '../../../vocabulary/metrics/exchange.ts';

/** Rules whose answer for a ZIP is `size` bytes of JSON (padding in `state`), counting how often each ZIP is computed. */
function sizedRules(size: number) {
  const computed = new Map<string, number>();
  const rules = {
    browse(zip: string) {
      computed.set(zip, (computed.get(zip) ?? 0) + 1);
      const empty = JSON.stringify({ state: '', countyFips: zip, ratingArea: 'R', plans: [] }).length;
      return { state: 'x'.repeat(size - empty), countyFips: zip, ratingArea: 'R', plans: [] };
    },
  } as unknown as ExchangeRules;
  return { rules, computed };
}

function browse(fastPath: ReturnType<typeof createBrowseFastPath>, zip: string): { handled: boolean; body?: Buffer } {
  let body: Buffer | undefined;
  const req = { method: 'GET', url: `/api/v1/plans?zip=${zip}&planYear=2026&ages=40` } as IncomingMessage;
  const res = { writeHead: () => res, end: (chunk: Buffer) => void (body = chunk) } as unknown as ServerResponse;
  const handled = fastPath.handle(req, res);
  return { handled, ...(body ? { body } : {}) };
}

async function cacheGauge(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric(EXCHANGE_METRICS.browseCacheBytes)!.get();
  return metric.values[0]?.value ?? 0;
}

describe('the plan-browsing fast path', () => {
  it('answers from its cache, computing each answer once while it is held', async () => {
    const registry = new Registry();
    const { rules, computed } = sizedRules(1000);
    const fastPath = createBrowseFastPath(rules, createExchangeMetrics(registry), 10_000);
    const first = browse(fastPath, '22030');
    const again = browse(fastPath, '22030');
    expect(first.handled && again.handled).toBe(true);
    expect(again.body!.length).toBe(1000);
    expect(JSON.parse(again.body!.toString()).countyFips).toBe('22030');
    expect(computed.get('22030')).toBe(1);
    expect(await cacheGauge(registry)).toBe(1000);
  });

  it('holds no more bytes than its bound, letting the least recently used answers go', async () => {
    const registry = new Registry();
    const { rules, computed } = sizedRules(1000);
    const fastPath = createBrowseFastPath(rules, createExchangeMetrics(registry), 3500); // room for three answers
    for (const zip of ['10001', '10002', '10003']) browse(fastPath, zip);
    browse(fastPath, '10001'); // used again: now the most recent
    browse(fastPath, '10004'); // evicts 10002, the least recently used
    expect(await cacheGauge(registry)).toBe(3000);
    browse(fastPath, '10001');
    browse(fastPath, '10003');
    expect(computed.get('10001')).toBe(1);
    expect(computed.get('10003')).toBe(1);
    browse(fastPath, '10002');
    expect(computed.get('10002')).toBe(2);
    expect(await cacheGauge(registry)).toBeLessThanOrEqual(3500);
  });

  it('serves an answer bigger than the whole bound without keeping it', async () => {
    const registry = new Registry();
    const { rules, computed } = sizedRules(5000);
    const fastPath = createBrowseFastPath(rules, createExchangeMetrics(registry), 4000);
    expect(browse(fastPath, '22030').body!.length).toBe(5000);
    browse(fastPath, '22030');
    expect(computed.get('22030')).toBe(2);
    expect(await cacheGauge(registry)).toBe(0);
  });

  it('keeps each answer in a buffer of its own, not a slice of the shared pool', () => {
    const { rules } = sizedRules(1900);
    const fastPath = createBrowseFastPath(rules, createExchangeMetrics(new Registry()));
    const { body } = browse(fastPath, '22030');
    expect(body!.buffer.byteLength).toBe(1900);
  });
});
