// The run configuration the harness writes for k6 (JSON, path in HARNESS_CONFIG); BASE_URL from env wins,
// so the same scenario runs unchanged against the mock exchange or a staging exchange.

import type { Scenario, Threshold } from 'k6/options';
import type { JourneyMix } from './journeyShape.ts';

export interface ScenarioConfig {
  profile: string;
  baseUrl: string;
  /** Absolute path of the applicants NDJSON file. */
  applicantsFile: string;
  /**
   * How an iteration finds its applicant: `test` (the default) by its number in the whole test, unique across the
   * instances of a split test, so instances may share one file; `instance` by its number in this instance, in a
   * file holding this instance's own slice.
   */
  applicantIndex?: 'test' | 'instance';
  /** Absolute path where handleSummary writes k6's summary JSON. */
  summaryFile: string;
  /** The k6 scenario the profile planned (executor and its numbers), built by the harness from the targets file. */
  scenario: Scenario;
  thinkTimeSeconds: number;
  /** The share of consumers making each journey (the targets' funnel, or only enrollments). */
  journeyMix: JourneyMix;
  /** How long a simulated consumer waits in the waiting room before giving up. */
  maxQueueSeconds: number;
  thresholds: Record<string, Threshold[]>;
  /** How the harness configured the exchange it started, for profiles that probe it (security: its rate limit). */
  exchange?: { rateLimitPerMinute?: number };
}

function load(): ScenarioConfig {
  const path = __ENV.HARNESS_CONFIG;
  if (!path) throw new Error('HARNESS_CONFIG: expected the path of the run configuration JSON. Run scenarios through `harness run <profile>`.');
  const config = JSON.parse(open(path)) as ScenarioConfig;
  if (typeof config.journeyMix !== 'object' || config.journeyMix === null) {
    throw new Error(`HARNESS_CONFIG ${path}: expected journeyMix, the share of consumers per journey (e.g. {"browse":0,"apply":0,"enroll":1,"returning":0}); the harness writes it from targets.yaml.`);
  }
  return { ...config, baseUrl: __ENV.BASE_URL ?? config.baseUrl };
}

export const config: ScenarioConfig = load();
