// The one place dashboard PromQL is assembled: every selector carries `testid="$testid"`, so no panel can mix runs,
// and no panel repeats a label selector by hand.

/** The label that names a run on every series: the engine labels its series with it, the run's Prometheus adds it to scrapes. */
export const TESTID_LABEL = 'testid';

/** Grafana's template variables as they appear in the dashboards' queries. */
export const GRAFANA_VARIABLES = {
  testid: '$testid',
  rateInterval: '$__rate_interval',
  interval: '$__interval',
  range: '$__range',
} as const;

export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** One label matcher, e.g. `status=~"5.."`. */
export interface Matcher {
  label: string;
  op: MatchOperator;
  value: string;
}

export const eq = (label: string, value: string): Matcher => ({ label, op: '=', value });
export const re = (label: string, value: string): Matcher => ({ label, op: '=~', value });
export const notRe = (label: string, value: string): Matcher => ({ label, op: '!~', value });

function quoted(value: string): string {
  return JSON.stringify(value);
}

/** `metric{…}`, or the bare name with no matchers; the Prometheus rules use it, dashboards use `select`. */
export function series(metric: string, matchers: readonly Matcher[] = []): string {
  return matchers.length > 0 ? `${metric}{${matchers.map((m) => `${m.label}${m.op}${quoted(m.value)}`).join(', ')}}` : metric;
}

/** `metric{testid="$testid", …}`: the only way a dashboard names a series. */
export function select(metric: string, ...matchers: Matcher[]): string {
  return series(metric, [eq(TESTID_LABEL, GRAFANA_VARIABLES.testid), ...matchers]);
}

/** `sum by (…) (inner)`, or plain `sum(inner)` when nothing is kept. */
export function sumBy(by: readonly string[], inner: string): string {
  return by.length > 0 ? `sum by (${by.join(', ')}) (${inner})` : `sum(${inner})`;
}

/** `rate(selector[window])`. */
export function rateOf(selector: string, window: string): string {
  return `rate(${selector}[${window}])`;
}

export interface Over {
  /** Labels kept by the aggregation; none sums everything of the run. */
  by?: readonly string[];
  matchers?: Matcher[];
  /** The range; Grafana's `$__rate_interval` unless given. */
  window?: string;
}

/** Per-second rate of a counter, summed. */
export function sumRate(counter: string, over: Over = {}): string {
  return sumBy(over.by ?? [], rateOf(select(counter, ...(over.matchers ?? [])), over.window ?? GRAFANA_VARIABLES.rateInterval));
}

/** Increase of a counter over the window, summed. */
export function sumIncrease(counter: string, over: Over = {}): string {
  return sumBy(over.by ?? [], `increase(${select(counter, ...(over.matchers ?? []))}[${over.window ?? GRAFANA_VARIABLES.rateInterval}])`);
}

/** A gauge summed over the run's processes (and kept apart by `by`). */
export function sumGauge(gauge: string, over: Omit<Over, 'window'> = {}): string {
  return sumBy(over.by ?? [], select(gauge, ...(over.matchers ?? [])));
}

/** A quantile of a native histogram (the engine's trends, pushed by remote write). */
export function nativeQuantile(q: number, histogram: string, over: Over = {}): string {
  return `histogram_quantile(${q}, ${sumRate(histogram, over)})`;
}

/** Share of a native histogram's observations at or below `upper` (a latency SLO's good share). */
export function nativeFractionBelow(upper: number, histogram: string, over: Over = {}): string {
  return `histogram_fraction(0, ${upper}, ${sumRate(histogram, over)})`;
}

/** A quantile of a classic (bucketed) histogram such as prom-client's; `histogram` is the base name. */
export function classicQuantile(q: number, histogram: string, over: Over = {}): string {
  return `histogram_quantile(${q}, ${sumRate(`${histogram}_bucket`, { ...over, by: [...(over.by ?? []), 'le'] })})`;
}

/**
 * `expr`, or zero wherever `sameRun` has data. A counter nobody incremented has no series at all, which reads as
 * "no data" — indistinguishable from a broken query. The zero comes from a series of the same run, so a wrong
 * `testid` still shows nothing. Both sides must carry the same labels (the same `by`).
 */
export function zeroFilled(expr: string, sameRun: string): string {
  return `(${expr}) or (0 * ${sameRun})`;
}

/** `part / whole` with the part zero-filled: a share that is 0, not absent, when nothing failed. */
export function share(part: string, whole: string): string {
  return `(${zeroFilled(part, whole)}) / (${whole})`;
}
