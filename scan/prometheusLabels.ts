// Every label value a run's Prometheus holds for the run (`testid`), as lines for the PII scan: a synthetic name or
// SSN in a label (a per-person URL as a route, say) would sit in the TSDB where no file scan reads it.

import type { ScannedText } from './scanRun.ts';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = (await response.json()) as { status: string; data?: T; error?: string };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`Prometheus ${url}: ${body.error ?? response.status}`);
  return body.data;
}

export async function prometheusLabelTexts(baseUrl: string, testid: string): Promise<ScannedText> {
  const match = `match[]=${encodeURIComponent(`{testid="${testid}"}`)}`;
  const names = await getJson<string[]>(`${baseUrl}/api/v1/labels?${match}`);
  const lines: string[] = [];
  for (const name of names) {
    const values = await getJson<string[]>(`${baseUrl}/api/v1/label/${encodeURIComponent(name)}/values?${match}`);
    for (const value of values) lines.push(`${name}=${value}`);
  }
  return { name: `prometheus label values (testid ${testid})`, lines };
}
