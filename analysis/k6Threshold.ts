// threshold expressions ("p(95)<1000", "rate<=0.01", "count<=0") parsed and judged against a value, so the
// thresholds of a test split across instances are judged once, on the aggregate, as k6 judges them on one.

export interface K6ThresholdExpression {
  /** The statistic: avg, min, med, max, count, rate, value or p(N). */
  stat: string;
  operator: '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
  limit: number;
}

const EXPRESSION = /^\s*(avg|min|med|max|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

export function parseK6Threshold(expression: string): K6ThresholdExpression | undefined {
  const match = EXPRESSION.exec(expression);
  if (!match) return undefined;
  return { stat: match[1]!, operator: match[2] as K6ThresholdExpression['operator'], limit: Number(match[3]) };
}

/** Whether `value` holds the threshold; an expression k6 would not accept, or no value, does not hold. */
export function thresholdHolds(expression: string, value: number | undefined): boolean {
  const parsed = parseK6Threshold(expression);
  if (!parsed || value === undefined || Number.isNaN(value)) return false;
  const { operator, limit } = parsed;
  switch (operator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '!=':
      return value !== limit;
    default:
      return value === limit;
  }
}
