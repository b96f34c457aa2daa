// The journey modules' options, checked before any load starts: each problem names the option, what was expected
// and what to do. The load's shape (executor, thresholds) is not here: the engine's plan carries it.

import { JOURNEY_KINDS, type JourneyMix } from '../../vocabulary/journeys.ts';
import { UsageError } from '../../vocabulary/errors.ts';

/** What every consumer journey needs, whichever module runs it. */
export interface ConsumerOptions {
  /** The exchange, e.g. http://127.0.0.1:8080 (no trailing slash needed). */
  baseUrl: string;
  /** Absolute path of the applicants NDJSON file: journey k takes its k-th household. */
  applicantsFile: string;
  /** Mean think time between pages; each pause is this times a uniform factor of THINK_SPREAD. */
  thinkTimeSeconds: number;
  /** How long a consumer waits in the waiting room before giving up. */
  maxQueueSeconds: number;
  /** Folder for the ledgers, one file per worker segment (ledger.<i>-of-<n>.ndjson). */
  ledgerDir: string;
}

/** Options as the run gave them (JSON), before they are checked. */
export type RawOptions = Record<string, unknown>;

/** The options every consumer module reads. */
export const CONSUMER_OPTION_NAMES = ['baseUrl', 'applicantsFile', 'thinkTimeSeconds', 'maxQueueSeconds', 'ledgerDir'] as const;

const problem = (module: string, option: string, expected: string, hint: string, got?: unknown): UsageError =>
  new UsageError(`${module} journey option ${option}${got === undefined ? '' : ` (got ${JSON.stringify(got) ?? String(got)})`}`, expected, hint);

export function optionsObject(module: string, raw: unknown): RawOptions {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(
      `${module} journey options`,
      'a JSON object of options',
      `Give runPlan journeyOptions such as {"baseUrl": "http://127.0.0.1:8080", "applicantsFile": "…", …}.`,
    );
  }
  return raw as RawOptions;
}

/** An option the module does not read is refused: a misspelt optional one would otherwise be ignored unseen. */
export function refuseUnknownOptions(module: string, options: RawOptions, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`${module} journey options ${unknown.join(', ')}`, `only ${known.join(', ')}`, 'Remove or correct them.');
}

export function stringOption(module: string, options: RawOptions, name: string, hint: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw problem(module, name, 'a non-empty string', hint, value);
  return value;
}

export function secondsOption(module: string, options: RawOptions, name: string, hint: string): number {
  const value = options[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw problem(module, name, 'a number of seconds ≥ 0', hint, value);
  return value;
}

export function baseUrlOption(module: string, options: RawOptions): string {
  const value = stringOption(module, options, 'baseUrl', 'Give the exchange’s URL, e.g. http://127.0.0.1:8080.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem(module, 'baseUrl', 'an http(s) URL', 'Give the exchange’s URL, e.g. http://127.0.0.1:8080.', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw problem(module, 'baseUrl', 'an http(s) URL', 'Give the exchange’s URL, e.g. http://127.0.0.1:8080.', value);
  return value.replace(/\/+$/, '');
}

export function consumerOptions(module: string, raw: unknown): ConsumerOptions {
  const options = optionsObject(module, raw);
  return {
    baseUrl: baseUrlOption(module, options),
    applicantsFile: stringOption(module, options, 'applicantsFile', 'Give the path of the applicants NDJSON file (`harness generate --out FILE`).'),
    thinkTimeSeconds: secondsOption(module, options, 'thinkTimeSeconds', 'Give the think time of targets.yaml (0 for none).'),
    maxQueueSeconds: secondsOption(
      module,
      options,
      'maxQueueSeconds',
      'Give how long a consumer waits in the waiting room (targets.yaml slo.waitingRoomWaitSeconds).',
    ),
    ledgerDir: stringOption(module, options, 'ledgerDir', 'Give the folder the ledgers go to (the run folder).'),
  };
}

/** Shares of the four journeys, each ≥ 0, adding up to 1 (as journeyFor walks their cumulative shares). */
export function journeyMixOption(module: string, options: RawOptions): JourneyMix {
  const value = options.journeyMix;
  const example = 'e.g. {"browse":0.5,"apply":0.2,"enroll":0.2,"returning":0.1}: the funnel of targets.yaml';
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw problem(module, 'journeyMix', `the share of consumers per journey, ${example}`, 'Give the targets file’s funnel.', value);
  const mix = value as Record<string, unknown>;
  const unknown = Object.keys(mix).filter((k) => !(JOURNEY_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw problem(module, 'journeyMix', `only the journeys ${JOURNEY_KINDS.join(', ')}`, `Remove ${unknown.join(', ')}.`, value);
  for (const kind of JOURNEY_KINDS) {
    const share = mix[kind];
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0)
      throw problem(module, `journeyMix.${kind}`, 'a share ≥ 0 (0 for none)', `Give every journey a share, ${example}.`, share);
  }
  const total = JOURNEY_KINDS.reduce((sum, kind) => sum + (mix[kind] as number), 0);
  if (Math.abs(total - 1) > 1e-6)
    throw problem(module, 'journeyMix', 'shares adding up to 1', `They add up to ${total}; scale them so they add up to 1.`, value);
  return mix as JourneyMix;
}
