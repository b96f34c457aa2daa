// One line of k6's JSON output (`k6 run --out json`): a metric declaration or a Point. Points are read by a fast
// path that knows k6's field order and falls back to JSON.parse for anything it does not recognise (escapes,
// another order), so an hour's file of millions of lines is read in seconds.

export class SampleLineError extends Error {
  readonly lineNumber: number;
  constructor(lineNumber: number, problem: string) {
    super(`line ${lineNumber}: ${problem}`);
    this.lineNumber = lineNumber;
  }
}

export interface PointLine {
  metric: string;
  /** Epoch milliseconds. */
  time: number;
  value: number;
  /** The tags the analyses read. */
  name: string | undefined;
  url: string | undefined;
  group: string | undefined;
  /** A split test's instance (`--instances`), which the VU gauge is summed over. */
  instance: string | undefined;
}

export const POINT_PREFIX = '{"metric":"';
const DATA_PREFIX = '","type":"Point","data":{"time":"';
const VALUE_PREFIX = '","value":';
const TAGS_PREFIX = ',"tags":{';

function tag(line: string, from: number, key: string): string | undefined {
  const at = line.indexOf(`"${key}":"`, from);
  if (at === -1) return undefined;
  const start = at + key.length + 4;
  return line.slice(start, line.indexOf('"', start));
}

/** k6's own layout, read by position; undefined when the line is laid out otherwise. */
function quickPoint(line: string, metric: string, lineNumber: number): PointLine | undefined {
  const dataAt = POINT_PREFIX.length + metric.length;
  if (!line.startsWith(DATA_PREFIX, dataAt) || line.includes('\\')) return undefined;
  const timeStart = dataAt + DATA_PREFIX.length;
  const timeEnd = line.indexOf('"', timeStart);
  if (timeEnd === -1 || !line.startsWith(VALUE_PREFIX, timeEnd)) return undefined;
  const valueStart = timeEnd + VALUE_PREFIX.length;
  const comma = line.indexOf(',', valueStart);
  const brace = line.indexOf('}', valueStart);
  const valueEnd = comma === -1 ? brace : brace === -1 ? comma : Math.min(comma, brace);
  const tagsAt = line.indexOf(TAGS_PREFIX, valueEnd);
  const value = Number(line.slice(valueStart, valueEnd));
  const time = Date.parse(line.slice(timeStart, timeEnd));
  if (valueEnd === -1 || Number.isNaN(value) || Number.isNaN(time)) throw new SampleLineError(lineNumber, 'a k6 Point needs data.time (a timestamp) and data.value (a number)');
  const tagsFrom = tagsAt === -1 ? line.length : tagsAt;
  return { metric, time, value, name: tag(line, tagsFrom, 'name'), url: tag(line, tagsFrom, 'url'), group: tag(line, tagsFrom, 'group'), instance: tag(line, tagsFrom, 'instance') };
}

interface ParsedLine {
  type?: unknown;
  data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> | null };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function slowPoint(line: string, metric: string, lineNumber: number): PointLine {
  let parsed: ParsedLine;
  try {
    parsed = JSON.parse(line) as ParsedLine;
  } catch (error) {
    throw new SampleLineError(lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  const data = parsed.data;
  const time = typeof data?.time === 'string' ? Date.parse(data.time) : NaN;
  if (parsed.type !== 'Point' || Number.isNaN(time) || typeof data?.value !== 'number') {
    throw new SampleLineError(lineNumber, 'a k6 Point needs data.time (a timestamp) and data.value (a number)');
  }
  const tags = data.tags ?? {};
  return { metric, time, value: data.value, name: text(tags.name), url: text(tags.url), group: text(tags.group), instance: text(tags.instance) };
}

const DECLARATION_PREFIX = '{"type":"Metric"';

/** The metric a Point line is of, or undefined for a metric declaration; throws on a line that is not k6 output. */
export function metricOfLine(line: string, lineNumber: number): string | undefined {
  if (line.charCodeAt(0) !== 123 /* { */) throw new SampleLineError(lineNumber, 'not a JSON object (is this k6 `--out json` output?)');
  if (line.startsWith(POINT_PREFIX)) return line.slice(POINT_PREFIX.length, line.indexOf('"', POINT_PREFIX.length));
  if (line.startsWith(DECLARATION_PREFIX)) return undefined;
  let parsed: { type?: unknown; metric?: unknown };
  try {
    parsed = JSON.parse(line) as { type?: unknown; metric?: unknown };
  } catch (error) {
    throw new SampleLineError(lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  if (parsed.type === 'Point' && typeof parsed.metric === 'string') return parsed.metric;
  if (parsed.type === 'Metric') return undefined;
  throw new SampleLineError(lineNumber, 'neither a k6 Point nor a metric declaration');
}

export function parsePointLine(line: string, metric: string, lineNumber: number): PointLine {
  return quickPoint(line, metric, lineNumber) ?? slowPoint(line, metric, lineNumber);
}
