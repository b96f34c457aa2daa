// A metric's key in k6's summary: its name, or a sub-metric's "name{tag:value,…}" (k6's default
// http_req_duration{expected_response:true}, or a threshold's selection), and whether a sample's tags match it.

export interface K6MetricKey {
  metric: string;
  tags: Record<string, string>;
}

export function parseMetricKey(key: string): K6MetricKey {
  const open = key.indexOf('{');
  if (open === -1 || !key.endsWith('}')) return { metric: key, tags: {} };
  const tags: Record<string, string> = {};
  for (const pair of key.slice(open + 1, -1).split(',')) {
    const colon = pair.indexOf(':');
    if (colon === -1) continue;
    tags[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  return { metric: key.slice(0, open), tags };
}

export function tagsMatch(key: K6MetricKey, tags: Record<string, unknown> | null | undefined): boolean {
  return Object.entries(key.tags).every(([name, value]) => String(tags?.[name] ?? '') === value);
}
