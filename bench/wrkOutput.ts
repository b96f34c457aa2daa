// What wrk prints, read back: requests a second, the latency distribution's percentiles (with --latency) and the
// errors it counted. Pure, so the calibration benchmark's parsing is tested on wrk's own text.

export interface WrkFigures {
  requestsPerSecond: number;
  requests: number;
  /** Percentile (50, 75, 90, 99) → milliseconds, from --latency's distribution. */
  latencyMs: Record<number, number>;
  /** Socket errors (connect, read, write, timeout) plus responses that were not 2xx or 3xx. */
  errors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `850.00us`, `1.18ms`, `2.01s` → milliseconds. */
export function wrkDurationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`wrk duration "${text}": expected a number and a unit (us, ms, s, m, h)`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export function parseWrkOutput(output: string): WrkFigures {
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const total = /^\s*(\d+) requests in /m.exec(output);
  if (!rate || !total) throw new Error(`wrk's output has no "Requests/sec:" or "N requests in" line: ${output.slice(0, 500)}`);
  const latencyMs: Record<number, number> = {};
  for (const match of output.matchAll(/^\s+(\d+(?:\.\d+)?)%\s+([\d.]+(?:us|ms|s|m|h))\s*$/gm)) latencyMs[Number(match[1])] = wrkDurationMs(match[2]!);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors = (socket ? socket.slice(1, 5).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0);
  return { requestsPerSecond: Number(rate[1]), requests: Number(total[1]), latencyMs, errors };
}
