// Reading k6's JSON output: the fast path by position and the JSON.parse fallback give the same samples, the byte
// filter the same as the text one, and setup/teardown requests stay out.

import { describe, expect, it } from 'vitest';
import { sampleCollector, SampleLineError, sumGaugeSeries } from '../../analysis/k6Samples.ts';
import { parsePointLine } from '../../analysis/k6PointLine.ts';

const LINES = [
  '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
  '{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-23T10:44:47.637938886Z","value":8.887297,"tags":{"expected_response":"true","group":"::setup","method":"GET","name":"GET /readyz","proto":"HTTP/1.1","status":"200","url":"GET /readyz"}}}',
  '{"metric":"vus","type":"Point","data":{"time":"2026-11-23T10:44:48.000Z","value":4,"tags":null}}',
  '{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-23T10:44:48.265Z","value":1,"tags":{"name":"POST /api/v1/applications"}}}',
  '{"metric":"http_req_duration","type":"Point","data":{"time":"2026-11-23T10:44:48.265090156Z","value":3.582303,"tags":{"expected_response":"true","group":"","method":"POST","name":"POST /api/v1/applications","proto":"HTTP/1.1","scenario":"stress","status":"201","url":"POST /api/v1/applications"}}}',
  '{"metric":"http_req_failed","type":"Point","data":{"time":"2026-11-23T10:44:48.265090156Z","value":0,"tags":{"group":"","name":"POST /api/v1/applications"}}}',
  '{"metric":"iterations","type":"Point","data":{"time":"2026-11-23T10:44:50.780018845Z","value":1,"tags":{"group":"","scenario":"stress"}}}',
  '{"metric":"marketplace_journey_duration","type":"Point","data":{"time":"2026-11-23T10:44:50.78Z","value":20.5,"tags":{"group":"","scenario":"stress"}}}',
  '{"metric":"marketplace_journeys","type":"Point","data":{"time":"2026-11-23T10:44:48.1Z","value":1,"tags":{"group":"","journey":"enroll"}}}',
  '{"metric":"marketplace_waiting_room_wait","type":"Point","data":{"time":"2026-11-23T10:44:48.5Z","value":1250,"tags":{"group":"","scenario":"stress"}}}',
  // Another field order and an escaped quote: the fallback reads it.
  '{"type":"Point","metric":"http_req_duration","data":{"value":7,"time":"2026-11-23T10:44:51Z","tags":{"name":"GET /say \\"hi\\""}}}',
];

describe('sampleCollector', () => {
  const byText = sampleCollector();
  LINES.forEach((line, i) => byText.add(line, i + 1));

  it('keeps the load requests, the VU gauge, iterations and journeys; counts every point', () => {
    const s = byText.samples;
    expect(s.requests.duration).toEqual([3.582303, 7]);
    expect(s.requests.name.map((i) => s.names[i])).toEqual(['POST /api/v1/applications', 'GET /say "hi"']);
    expect(s.failures.failed).toEqual([0]);
    expect(s.vus).toEqual({ time: [Date.parse('2026-11-23T10:44:48Z')], value: [4] });
    expect(s.iterations).toHaveLength(1);
    expect(s.journeys.duration).toEqual([20.5]);
    expect(s.waitingRoom).toEqual({ time: [Date.parse('2026-11-23T10:44:48.5Z')], wait: [1250] });
    expect(s.journeysStarted).toEqual([Date.parse('2026-11-23T10:44:48.1Z')]);
    expect(s.points).toBe(10);
    expect(s.start).toBe(Date.parse('2026-11-23T10:44:47.637Z'));
    expect(s.end).toBe(Date.parse('2026-11-23T10:44:51Z'));
  });

  it('gives the same samples from bytes as from text', () => {
    const byBytes = sampleCollector();
    const bytes = new TextEncoder().encode(LINES.join('\n'));
    let from = 0;
    LINES.forEach((_, i) => {
      const end = bytes.indexOf(10, from) === -1 ? bytes.length : bytes.indexOf(10, from);
      byBytes.addBytes(bytes, from, end, i + 1);
      from = end + 1;
    });
    expect(byBytes.samples).toEqual(byText.samples);
  });

  it('reads a Point by position exactly as JSON.parse does', () => {
    const fast = parsePointLine(LINES[4]!, 'http_req_duration', 5);
    const parsed = JSON.parse(LINES[4]!) as { data: { time: string; value: number; tags: Record<string, string> } };
    expect(fast).toEqual({ metric: 'http_req_duration', time: Date.parse(parsed.data.time), value: parsed.data.value, name: parsed.data.tags.name, url: parsed.data.tags.url, group: '' });
  });

  it('names the line that is not k6 output', () => {
    const c = sampleCollector();
    c.add(LINES[2]!, 1);
    expect(() => c.add('hello', 2)).toThrow(SampleLineError);
    expect(() => c.add('hello', 2)).toThrow(/line 2: not a JSON object/);
    expect(() => c.add('{"metric":"vus","type":"Point","data":{"time":"yesterday","value":1}}', 3)).toThrow(/line 3: a k6 Point needs data.time/);
    expect(() => c.add('{"metric":"vus",', 4)).toThrow(/line 4: not valid JSON/);
  });
});

describe('a split test’s VU gauge', () => {
  it('sums the instances’ latest values at each time any of them sampled', () => {
    expect(sumGaugeSeries([{ time: [0, 1000, 2000], value: [2, 4, 4] }, { time: [500, 1500], value: [3, 1] }])).toEqual({ time: [0, 500, 1000, 1500, 2000], value: [2, 5, 7, 5, 5] });
    expect(sumGaugeSeries([{ time: [0, 1000], value: [1, 2] }, { time: [1000], value: [3] }])).toEqual({ time: [0, 1000], value: [1, 5] });
  });

  it('instance-tagged vus points are summed when the collector finishes; untagged ones are kept as they were', () => {
    const vus = (time: string, value: number, instance: string) => `{"metric":"vus","type":"Point","data":{"time":"${time}","value":${value},"tags":{"instance":"${instance}","testid":"t"}}}`;
    const c = sampleCollector();
    [vus('2026-11-23T10:00:00Z', 3, '0'), vus('2026-11-23T10:00:00.2Z', 4, '1'), vus('2026-11-23T10:00:01Z', 5, '0')].forEach((l, i) => c.add(l, i + 1));
    const t0 = Date.parse('2026-11-23T10:00:00Z');
    expect(c.finish().vus).toEqual({ time: [t0, t0 + 200, t0 + 1000], value: [3, 7, 9] });
    const single = sampleCollector();
    single.add(LINES[2]!, 1);
    expect(single.finish().vus).toEqual({ time: [Date.parse('2026-11-23T10:44:48Z')], value: [4] });
  });
});
