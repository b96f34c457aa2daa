// Threshold expressions ("p(95)<1000", "rate<=0.01", "count<=0"): a statistic, a comparison and a limit, parsed and
// judged against a measured value. The engine judges a plan's thresholds on its totals with them (engine/thresholds.ts).

export interface ThresholdExpression {
  /** The statistic: avg, min, med, max, count, rate, value or p(N). */
  stat: string;
  operator: '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
  limit: number;
}

const EXPRESSION = /^\s*(avg|min|med|max|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

export function parseThreshold(expression: string): ThresholdExpression | undefined {
  const match = EXPRESSION.exec(expression);
  if (!match) return undefined;
  return { stat: match[1]!, operator: match[2] as ThresholdExpression['operator'], limit: Number(match[3]) };
}

/** Whether `value` holds the threshold; an expression that cannot be parsed, or no value, does not hold. */
export function thresholdHolds(expression: string, value: number | undefined): boolean {
  const parsed = parseThreshold(expression);
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
