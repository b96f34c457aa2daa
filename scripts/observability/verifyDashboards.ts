// Runs every panel query of the dashboards against a run's Prometheus, with `$testid` set to that run, over the
// run's time range: a query that errors or returns no data is named by dashboard and panel.

import { substituteVariables, type PanelQuery } from '../../dashboards/queries.ts';
import { rangeQuery } from './promQuery.ts';

export interface QueryOutcome {
  query: PanelQuery;
  /** The PromQL actually run. */
  expr: string;
  status: 'data' | 'empty' | 'error';
  series: number;
  message?: string;
}

export interface VerifyWindow {
  testid: string;
  start: Date;
  end: Date;
  /** The run's scrape and push interval, in seconds. */
  scrapeIntervalSeconds: number;
}

/** Steps of the range query: about 200 points over the run, never below the scrape interval. */
export function stepSeconds(window: VerifyWindow): number {
  const rangeSeconds = (window.end.getTime() - window.start.getTime()) / 1000;
  return Math.max(window.scrapeIntervalSeconds, Math.ceil(rangeSeconds / 200));
}

export async function verifyQueries(baseUrl: string, queries: readonly PanelQuery[], runWindow: VerifyWindow): Promise<QueryOutcome[]> {
  // A little past the run's end, so the last scrape (reconciliation's figures) falls inside an evaluation step.
  const window = { ...runWindow, end: new Date(runWindow.end.getTime() + 2_000 * runWindow.scrapeIntervalSeconds) };
  const step = stepSeconds(window);
  const rangeSeconds = Math.max(1, Math.ceil((window.end.getTime() - window.start.getTime()) / 1000));
  // Grafana's $__rate_interval: at least four scrape intervals, so a rate always has two samples to work with.
  const vars = {
    testid: window.testid,
    rateInterval: `${Math.max(4 * window.scrapeIntervalSeconds, step + window.scrapeIntervalSeconds)}s`,
    interval: `${step}s`,
    range: `${rangeSeconds}s`,
  };
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    let expr = query.expr;
    try {
      expr = substituteVariables(query.expr, vars);
      const series = await rangeQuery(baseUrl, expr, window.start, window.end, step);
      const points = series.filter((s) => s.values.some(([, v]) => Number.isFinite(v))).length;
      outcomes.push({ query, expr, status: points > 0 ? 'data' : 'empty', series: points });
    } catch (error) {
      outcomes.push({ query, expr, status: 'error', series: 0, message: (error as Error).message });
    }
  }
  return outcomes;
}

export function describeOutcome(o: QueryOutcome): string {
  const where = `${o.query.dashboard} › ${o.query.panel} [${o.query.refId}]`;
  if (o.status === 'data') return `ok     ${where}: ${o.series} series`;
  if (o.status === 'empty') return `EMPTY  ${where}: no data for this run — \`${o.expr}\``;
  return `ERROR  ${where}: ${o.message}`;
}
