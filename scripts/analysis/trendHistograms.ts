// One k6 instance's trend metrics as histograms, read from its sample output (k6-samples.json.gz): the
// distributions a split test's aggregate summary merges.

import { metricOfLine } from '../../analysis/k6PointLine.ts';
import { parseMetricKey, tagsMatch, type K6MetricKey } from '../../analysis/k6MetricKey.ts';
import { emptyTrend, recordTrend, type TrendHistogram } from '../../analysis/trendHistogram.ts';
import { UsageError } from '../usageError.ts';
import { forEachGzipLine } from './gzipLines.ts';

/** Histograms of `keys` (metric names or sub-metric keys such as "http_req_duration{expected_response:true}"). */
export async function readTrendHistograms(file: string, keys: readonly string[]): Promise<Map<string, TrendHistogram>> {
  const wanted = new Map<string, { key: string; parsed: K6MetricKey }[]>();
  const trends = new Map<string, TrendHistogram>();
  for (const key of keys) {
    const parsed = parseMetricKey(key);
    wanted.set(parsed.metric, [...(wanted.get(parsed.metric) ?? []), { key, parsed }]);
    trends.set(key, emptyTrend());
  }
  const decoder = new TextDecoder();
  try {
    await forEachGzipLine(file, (bytes, start, end, lineNumber) => {
      if (end === start) return;
      const line = decoder.decode(bytes.subarray(start, end));
      const metric = metricOfLine(line, lineNumber);
      const selections = metric === undefined ? undefined : wanted.get(metric);
      if (!selections) return;
      const point = JSON.parse(line) as { data: { value: number; tags?: Record<string, unknown> | null } };
      for (const { key, parsed } of selections) if (tagsMatch(parsed, point.data.tags)) recordTrend(trends.get(key)!, point.data.value);
    });
  } catch (error) {
    throw new UsageError(file, "k6's JSON sample output, gzipped", `It could not be read (${(error as Error).message}); re-run the profile.`);
  }
  return trends;
}
