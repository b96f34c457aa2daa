// A small client of Prometheus's HTTP query API (instant and range queries), with errors that name the query.

export interface Series {
  metric: Record<string, string>;
  /** [unix seconds, value] pairs; one pair for an instant query. */
  values: [number, number][];
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value?: [number, string]; values?: [number, string][]; histogram?: unknown }[] };
}

export class QueryError extends Error {
  readonly expr: string;
  constructor(expr: string, message: string) {
    super(`query \`${expr}\`: ${message}`);
    this.name = 'QueryError';
    this.expr = expr;
  }
}

async function call(baseUrl: string, path: string, params: Record<string, string>, expr: string): Promise<Series[]> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as ApiResponse;
  if (body.status !== 'success' || !body.data) throw new QueryError(expr, `${body.errorType ?? response.status}: ${body.error ?? 'no data'}`);
  return body.data.result.map((r) => ({
    metric: r.metric,
    values: (r.values ?? (r.value ? [r.value] : [])).map(([t, v]) => [t, Number(v)] as [number, number]),
  }));
}

export function instantQuery(baseUrl: string, expr: string, time?: Date): Promise<Series[]> {
  const params: Record<string, string> = { query: expr };
  if (time) params.time = String(time.getTime() / 1000);
  return call(baseUrl, '/api/v1/query', params, expr);
}

export function rangeQuery(baseUrl: string, expr: string, start: Date, end: Date, stepSeconds: number): Promise<Series[]> {
  return call(
    baseUrl,
    '/api/v1/query_range',
    { query: expr, start: String(start.getTime() / 1000), end: String(end.getTime() / 1000), step: String(stepSeconds) },
    expr,
  );
}

/** Polls until the expression returns at least one series, or the deadline passes; returns whether it did. */
export async function waitForSeries(baseUrl: string, expr: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await instantQuery(baseUrl, expr)).length > 0) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
