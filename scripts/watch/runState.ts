// A run folder as the run page shows it, live (`run --watch`, `harness watch`) and frozen (report.html, which reads
// the folder with this same class once the run has ended): the engine's rows tailed into the bounded load store and
// the request totals; the exchange's series — the readings of its /metrics `run --watch` kept (watch-exchange.ndjson),
// or, once the run has ended without them, its Prometheus's export; and once the run has ended (run.json written)
// its 834 deliveries (ledger against the insurer's records) and nemesis events. Each read takes only what was appended.

import { existsSync, readFileSync } from 'node:fs';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';
import type { SeriesPoint } from '../../analysis/soak.ts';
import type { Executor } from '../../engine/plan.ts';
import type { SeriesSnapshot } from '../../engine/metricSet.ts';
import { readInsurerRecords, readLedger } from '../../reconcile/ndjson.ts';
import { absent, type ReportChart } from '../../report/chart.ts';
import { DELIVERY_CHART_TITLES, deliveriesOf, deliveryCharts } from '../../report/delivery.ts';
import { alignSeries } from '../../report/exchangeCharts.ts';
import { liveCharts } from '../../report/liveCharts.ts';
import { EXCHANGE_SERIES_NAMES, LiveExchange, liveExchangeCharts, type ExchangeRecord } from '../../report/liveExchange.ts';
import { LiveRoutes } from '../../report/liveRoutes.ts';
import { LiveSeries, livePointOf } from '../../report/liveSeries.ts';
import { nemesisMarks, withNemesisMarks, type NemesisView } from '../../report/nemesisSection.ts';
import type { RunView } from '../../report/runPage.ts';
import { noSecondRows } from '../analysis/readRunSamples.ts';
import { readOptionalRunJson } from '../analysis/runInputs.ts';
import { RUN_FILES, runFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { NdjsonTail } from './ndjsonTail.ts';

/** Where the exchange's series came from, for the captions. */
const SOURCES = {
  record: { caption: `read from the exchange's /metrics once a second (${RUN_FILES.watchExchange})`, file: RUN_FILES.watchExchange },
  prometheus: { caption: `from the run's Prometheus (${RUN_FILES.exchangeQueues}, ${RUN_FILES.exchangeMetrics})`, file: `the run's Prometheus export` },
} as const;

/** The order of the charts over time: the load's, then the exchange's and the 834s', as the report has always shown them. */
const ORDER = [
  'exchange-waiting-room',
  'exchange-outbox',
  'exchange-outbox-age',
  'outbox',
  'delivery',
  'exchange-delivery',
  'exchange-enrollments',
  'memory',
  'event-loop',
];

interface EndOfRun {
  deliveries: ReportChart[];
  nemesis?: NemesisView;
}

export class RunState {
  private readonly load = new LiveSeries();
  private readonly routes = new LiveRoutes();
  private readonly exchange = new LiveExchange();
  private readonly rows: NdjsonTail;
  private readonly record: NdjsonTail;
  private exchangeFrom: keyof typeof SOURCES | undefined;
  private end: EndOfRun | undefined;
  private unreadRows = 0;
  private unreadRecords = 0;
  /** What the reader should know about files of the folder the page could not use. */
  private readonly problems: string[] = [];
  readonly runDir: string;

  constructor(runDir: string) {
    this.runDir = runDir;
    this.rows = new NdjsonTail(runFile(runDir, 'loadSeconds'));
    this.record = new NdjsonTail(runFile(runDir, 'watchExchange'));
  }

  /** Whether the files written at the end of the run have been read (run.json was there). */
  get ended(): boolean {
    return this.end !== undefined;
  }

  /** Reads what the folder gained since the last read; true when the view may have changed. */
  async read(): Promise<boolean> {
    let grew =
      this.rows.read((line) => {
        try {
          const row = JSON.parse(line) as { second: number; series: readonly SeriesSnapshot[] };
          const point = livePointOf(row);
          this.load.push(point);
          this.routes.push(row.series);
        } catch {
          this.unreadRows += 1; // a line the engine did not write whole (the run was killed mid-write): the next ones still count
        }
      }) > 0;
    if (this.exchangeFrom !== 'prometheus') {
      const lines = this.record.read((line) => this.pushRecord(line));
      if (lines > 0 || existsSync(this.record.file)) this.exchangeFrom = 'record';
      grew ||= lines > 0;
    }
    if (!this.end && existsSync(runFile(this.runDir, 'run'))) {
      this.end = await this.readEnd();
      grew = true;
    }
    return grew;
  }

  private pushRecord(line: string): void {
    try {
      const record = JSON.parse(line) as { time: unknown } & ExchangeRecord;
      if (typeof record.time !== 'number') throw new Error('no time');
      this.exchange.push(record.time / 1000, record);
    } catch {
      this.unreadRecords += 1;
    }
  }

  /** The exchange's series from its Prometheus's export, when the live page kept no readings of its own. */
  private readExports(): void {
    const series = new Map<string, SeriesPoint[]>();
    for (const which of ['exchangeQueues', 'exchangeMetrics'] as const) {
      const file = runFile(this.runDir, which);
      if (!existsSync(file)) continue;
      try {
        for (const [name, points] of parseMetricSeries(readFileSync(file, 'utf8'), 0)) series.set(name, points);
      } catch (error) {
        if (!(error instanceof MetricLineError)) throw error;
        this.problems.push(`${file}: ${error.message}`);
      }
    }
    const names = EXCHANGE_SERIES_NAMES.filter((name) => series.has(name));
    if (names.length === 0) return;
    this.exchangeFrom = 'prometheus';
    const { x, ys } = alignSeries(names.map((name) => series.get(name)!));
    x.forEach((t, i) => this.exchange.push(t, Object.fromEntries(names.map((name, k) => [name, ys[k]![i]]))));
  }

  private async readEnd(): Promise<EndOfRun> {
    if (this.exchangeFrom === undefined) this.readExports();
    const usable = async <T>(read: () => Promise<T> | T): Promise<T | undefined> => {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        this.problems.push(error.message);
        return undefined;
      }
    };
    const nemesis = await usable(() => readOptionalRunJson<NemesisView>(this.runDir, 'nemesis', "the run's nemesis events"));
    const ledgerFile = runFile(this.runDir, 'ledger');
    const receivedFile = runFile(this.runDir, 'insurerRecords');
    const missing = [ledgerFile, receivedFile].find((file) => !existsSync(file));
    let deliveries: ReportChart[];
    if (missing)
      deliveries = Object.entries(DELIVERY_CHART_TITLES).map(([id, title]) =>
        absent(id, title, `${missing} is not in the run folder (a run against --base-url has no insurer to read).`),
      );
    else {
      const ledger = await usable(() => readLedger(ledgerFile));
      const received = await usable(() => readInsurerRecords(receivedFile));
      deliveries =
        ledger && received
          ? deliveryCharts(deliveriesOf(ledger, received), this.originMs())
          : Object.entries(DELIVERY_CHART_TITLES).map(([id, title]) =>
              absent(id, title, `${!ledger ? RUN_FILES.ledger : RUN_FILES.insurerRecords} is not usable (see the notes).`),
            );
    }
    return { deliveries, ...(nemesis ? { nemesis } : {}) };
  }

  /** Epoch ms of x = 0 on every chart: the start of the engine's first second, or when the run started. */
  private originMs(): number {
    if (this.load.firstSecond !== undefined) return this.load.firstSecond * 1000;
    const run = readOptionalRunJson<{ startedAt?: string }>(this.runDir, 'run', "the run's parameters");
    return Date.parse(String(run?.startedAt));
  }

  /** Things the page should say about files it could not use. */
  notes(): string[] {
    const notes = [...this.problems];
    const rows = runFile(this.runDir, 'loadSeconds');
    if (this.ended && this.load.totals.seconds === 0)
      notes.push(
        existsSync(rows)
          ? `${rows} holds no row the page could read: the run stopped before its first second. Re-run the profile.`
          : noSecondRows(rows).message,
      );
    if (this.unreadRows > 0)
      notes.push(`${rows}: ${this.unreadRows} line(s) are not rows the page could read (the run was cut mid-write?); they are left out.`);
    if (this.unreadRecords > 0)
      notes.push(`${runFile(this.runDir, 'watchExchange')}: ${this.unreadRecords} line(s) are not readings the page could use; they are left out.`);
    return notes;
  }

  private exchangeNone(): string {
    if (this.exchangeFrom === 'record')
      return this.exchange.store.length === 0
        ? "the exchange's /metrics has not answered yet (watch-exchange.ndjson holds no reading)."
        : `${SOURCES.record.file} holds no such series.`;
    if (this.exchangeFrom === 'prometheus') return `${SOURCES.prometheus.file} holds no such series.`;
    if (!this.ended)
      return "no reading of the exchange's /metrics (`run --watch` takes one a second once the exchange is up); without them, its Prometheus's series come when the run ends.";
    return `the run folder holds neither the live page's readings of the exchange's /metrics (${RUN_FILES.watchExchange}, kept by \`run --watch\`) nor its series from the run's own Prometheus (${RUN_FILES.exchangeQueues}, ${RUN_FILES.exchangeMetrics}: \`harness setup --prometheus\`, or --prometheus own).`;
  }

  /** The page's view of the run so far: its charts over time, the running totals and the request tables. */
  view(executor: Executor | undefined): RunView {
    const exchange = liveExchangeCharts(this.exchange, this.load.firstSecond, SOURCES[this.exchangeFrom ?? 'record'].caption, this.exchangeNone());
    const deliveries =
      this.end?.deliveries ??
      Object.entries(DELIVERY_CHART_TITLES).map(([id, title]) =>
        absent(id, title, "known once the run has ended: from the ledger and the insurer's records, read when the outbox has drained."),
      );
    const later = new Map([...exchange, ...deliveries].map((c) => [c.id, c]));
    const charts = [...liveCharts(this.load, executor), ...ORDER.map((id) => later.get(id)!)];
    const nemesis = this.end?.nemesis;
    return {
      charts: nemesis ? withNemesisMarks(charts, nemesisMarks(nemesis, this.originMs())) : charts,
      totals: { ...this.load.totals },
      ...(this.load.totals.seconds > 0 ? { requests: this.routes.metrics() } : {}),
    };
  }
}
