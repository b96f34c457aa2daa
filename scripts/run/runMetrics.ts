// The metrics path of one run: the run's own Prometheus (scraping the exchange, the insurer and the harness, and
// receiving the load engine's remote write), an existing Prometheus given by URL (the engine pushes to it), or none.

import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusConfigYaml, type ScrapeTargets } from '../../dashboards/prometheus/config.ts';
import { rulesYaml } from '../../dashboards/prometheus/rules.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { startHarnessMetrics, type HarnessMetricsEndpoint, type ReconciliationFigures } from '../observability/harnessMetrics.ts';
import { exchangeQueueQueries, exchangeSeriesQueries, readExchangeSeries } from '../observability/exchangeSeries.ts';
import { HARNESS_METRICS } from '../../vocabulary/metrics/harness.ts';
import { waitForSeries } from '../observability/promQuery.ts';
import { findPrometheus } from '../tools/prometheus.ts';
import { PROMETHEUS } from '../tools/versions.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import type { ProcessGroup } from './processes.ts';
import { startPrometheus, type PrometheusServer } from './prometheusServer.ts';

/** `auto`: the run's own Prometheus when installed, else none; `own`: the run's own, required; `off`; or a URL. */
export type PrometheusMode = 'auto' | 'own' | 'off' | URL;

export function parsePrometheusMode(raw: string): PrometheusMode {
  if (raw === 'auto' || raw === 'own' || raw === 'off') return raw;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `--prometheus ${raw}`,
      'auto, own, off, or the http(s) URL of a Prometheus with the remote-write receiver on',
      'e.g. --prometheus http://127.0.0.1:9090',
    );
  }
  return url;
}

/** The remote-write receiver of the Prometheus at `prometheus` (its base URL, with or without a path prefix). */
export function remoteWriteUrlOf(prometheus: URL): string {
  return new URL('api/v1/write', prometheus.href.endsWith('/') ? prometheus : new URL(`${prometheus.href}/`)).href;
}

export interface RunMetrics {
  /** What to tell people about where the metrics go, while the run is on (the live Prometheus's URL). */
  description: string;
  /**
   * Where the metrics are once the run has ended, for summary.md and other files read later: never the run's own
   * Prometheus's URL, which is gone by then, but where its data is kept and how to open it.
   */
  afterRun: string;
  /** Where the load engine remote-writes its series, and their testid label, when metrics are collected. */
  remoteWrite: { url: string; testid: string } | undefined;
  /** The run's own Prometheus, when it has one. */
  prometheus: PrometheusServer | undefined;
  /** Waits for one more scrape of the services, so their final state is recorded before they stop. */
  lastScrape(): Promise<void>;
  /**
   * Writes the exchange's memory and event-loop lag (to `files.resources`) and its waiting-room and outbox gauges (to
   * `files.queues`) over the run, as NDJSON, when the run has its own Prometheus.
   */
  exportExchangeSeries(files: { resources: string; queues: string }, start: Date): Promise<void>;
  /** Publishes reconciliation's figures and waits until the run's Prometheus has scraped them. */
  publishReconciliation(figures: ReconciliationFigures): Promise<void>;
  /** A nemesis event starts or ends (harness_nemesis_events_total, harness_nemesis_active); nothing without a Prometheus of the run's own. */
  nemesisEvent(kind: string, active: boolean): void;
  /** Stops the run's Prometheus cleanly (its data stays in the run folder) and the harness's endpoint. */
  stop(): Promise<void>;
}

const SCRAPE_INTERVAL_SECONDS = 1;
export const RULES_FILE = 'rules.yml';
const FIRST_SCRAPE_TIMEOUT_MS = 20_000;

export async function startRunMetrics(
  group: ProcessGroup,
  input: {
    mode: PrometheusMode;
    runDir: string;
    dataDir?: string;
    testid: string;
    services: Omit<ScrapeTargets, 'harness'>;
    targets: Targets;
    logFile: string;
  },
): Promise<RunMetrics> {
  const { mode, testid } = input;
  if (mode === 'off') return inert('not collected (--prometheus off)');
  if (mode instanceof URL) {
    return inert(`the load engine pushes to ${mode.origin} (testid ${testid}); the services are not scraped by it`, { url: remoteWriteUrlOf(mode), testid });
  }
  const binary = findPrometheus();
  if (!binary) {
    if (mode === 'own') {
      throw new UsageError(
        '--prometheus own',
        'Prometheus installed',
        `Run \`harness setup --prometheus\` (or \`apt-get install ${PROMETHEUS.debianPackage}\`).`,
      );
    }
    return inert(`not collected: Prometheus is not installed (\`harness setup --prometheus\` installs it)`);
  }
  const dir = join(input.runDir, 'prometheus');
  // The recording and burn-rate rules run live, so the rules' series are in the run's data like everything else.
  // Targets the rules cannot express (a latency target off the histogram's buckets) still run, without the rules.
  mkdirSync(dir, { recursive: true });
  const rules = rulesFor(input.targets);
  if (rules.yaml !== undefined) writeFileSync(join(dir, RULES_FILE), rules.yaml);
  const harness = await startHarnessMetrics();
  const scrape: ScrapeTargets = { ...input.services, harness: [`127.0.0.1:${harness.port}`] };
  const jobs = Object.values(scrape).flat().length;
  let prometheus: PrometheusServer;
  try {
    prometheus = await startPrometheus(group, {
      binary,
      dir,
      dataDir: input.dataDir,
      configYaml: prometheusConfigYaml({
        testid,
        targets: scrape,
        scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
        ruleFiles: rules.yaml === undefined ? [] : [RULES_FILE],
      }),
      logFile: input.logFile,
    });
  } catch (error) {
    await harness.close();
    throw error;
  }
  // Prometheus applies new scrape targets only every 5 s after start: wait for the first scrape of every target, so
  // the load is recorded from its first second.
  const scraped = await waitForSeries(prometheus.baseUrl, `count(up{testid="${testid}"} == 1) == ${jobs}`, FIRST_SCRAPE_TIMEOUT_MS);
  if (!scraped) {
    await prometheus.process.stop();
    await harness.close();
    throw new UsageError(
      `prometheus ${prometheus.baseUrl}`,
      `a first scrape of ${Object.keys(scrape).join(', ')} within ${FIRST_SCRAPE_TIMEOUT_MS / 1000} s`,
      `See ${input.logFile}.`,
    );
  }
  return ownPrometheus(prometheus, harness, testid, rules.note, input.dataDir);
}

function rulesFor(targets: Targets): { yaml: string | undefined; note: string } {
  try {
    return { yaml: rulesYaml(targets), note: '' };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { yaml: undefined, note: `; SLO rules not loaded (${error.message})` };
  }
}

/**
 * Where the run's own Prometheus's data is once it has stopped with the run, and how to open it again. `dataDir`:
 * the TSDB folder when chosen with --prometheus-data, else the run folder's prometheus/data.
 */
export function keptDataText(testid: string, dataDir: string | undefined, note = ''): string {
  const where = dataDir ?? 'prometheus/data';
  const place = dataDir ? `\`${dataDir}\` (--prometheus-data; runs apart by testid)` : "the run folder's `prometheus/data`";
  return (
    `recorded by the run's own Prometheus (testid \`${testid}\`), which stopped when the run ended; its data is kept in ${place}. ` +
    `Open it from the run folder with \`prometheus --storage.tsdb.path=${where} --config.file=/dev/null --enable-feature=native-histograms\` ` +
    `and query the run's time range (startedAt to finishedAt in run.json), or check the dashboards' queries on it with \`harness dashboards verify --run <run folder>\`${note}`
  );
}

function inert(description: string, remoteWrite?: { url: string; testid: string }): RunMetrics {
  return {
    description,
    afterRun: description,
    remoteWrite,
    prometheus: undefined,
    lastScrape: async () => {},
    exportExchangeSeries: async () => {},
    publishReconciliation: async () => {},
    nemesisEvent: () => {},
    stop: async () => {},
  };
}

function ownPrometheus(prometheus: PrometheusServer, harness: HarnessMetricsEndpoint, testid: string, note: string, dataDir: string | undefined): RunMetrics {
  return {
    description: `Prometheus ${prometheus.baseUrl} (testid ${testid}), data kept in the run folder's prometheus/${note}`,
    afterRun: keptDataText(testid, dataDir, note),
    remoteWrite: { url: prometheus.remoteWriteUrl, testid },
    prometheus,
    lastScrape: () => new Promise((resolve) => setTimeout(resolve, 2 * SCRAPE_INTERVAL_SECONDS * 1000)),
    async exportExchangeSeries(files, start) {
      const end = new Date();
      writeFileSync(files.resources, await readExchangeSeries(prometheus.baseUrl, exchangeSeriesQueries(testid), start, end, SCRAPE_INTERVAL_SECONDS));
      writeFileSync(files.queues, await readExchangeSeries(prometheus.baseUrl, exchangeQueueQueries(testid), start, end, SCRAPE_INTERVAL_SECONDS));
    },
    nemesisEvent: (kind, active) => harness.nemesis(kind, active),
    async publishReconciliation(figures) {
      harness.publish(figures);
      await waitForSeries(prometheus.baseUrl, `${HARNESS_METRICS.enrollmentsConfirmed}{testid="${testid}"} == ${figures.confirmed}`, 10_000);
    },
    async stop() {
      await prometheus.process.stop(20_000);
      await harness.close();
    },
  };
}
