// The mock insurer's HTTP app: receives 834 interchanges, answers 999/TA1, serves its stored records as NDJSON.
// Built by a function from its dependencies, so tests run the real app on port 0.

import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Registry } from 'prom-client';
import type { ServiceLogger } from '../service/serviceLog.ts';
import { readIsa } from './envelope.ts';
import type { EdiDropFolder } from './ediDropFolder.ts';
import type { FaultGate } from './faultGate.ts';
import type { InsurerMetrics } from './metrics.ts';
import { receive834 } from './receive834.ts';
import { confirmationsIn, createInjectedCounter, type InjectedCounter } from './injectedFaults.ts';
import type { InsurerStore } from './store.ts';

export type InsurerLogger = ServiceLogger;

export interface InsurerDeps {
  store: InsurerStore;
  registry: Registry;
  metrics: InsurerMetrics;
  faults: FaultGate;
  /** Enrollments each insurer.* switch affected (GET /injected); default: a counter of this app's own. */
  injected?: InjectedCounter;
  logger: InsurerLogger;
  now?: () => Date;
  /** Keeps every interchange taken in as a file (`--edi-dir`), when given. */
  dropFolder?: EdiDropFolder;
}

/** Interchanges larger than this are refused with 413: a batch of 500 family enrollments is about 1.5 MB. */
export const MAX_INTERCHANGE_BYTES = '20mb';
const EDI_TYPES = ['application/edi-x12', 'text/plain'];
const RECORDS_PAGE = 1000;

function timed(deps: InsurerDeps, route: string): RequestHandler {
  return (req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer({ route, method: req.method });
    res.on('finish', () => {
      end();
      deps.metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}

async function streamRecords(store: InsurerStore, res: Response): Promise<void> {
  res.type('application/x-ndjson');
  let after = 0;
  for (;;) {
    // Pages instead of one open cursor: better-sqlite3 cannot write while an iterator is open, and 834s keep arriving.
    const rows = store.page(after, RECORDS_PAGE);
    if (rows.length === 0) break;
    const chunk = rows.map((r) => `${r.body}\n`).join('');
    after = rows[rows.length - 1]!.id;
    if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  res.end();
}

export function createInsurerApp(deps: InsurerDeps): Express {
  const app = express();
  const now = deps.now ?? (() => new Date());
  const injected = deps.injected ?? createInjectedCounter();
  let sequence = 0;
  app.disable('x-powered-by');

  app.get('/healthz', timed(deps, 'health'), (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', timed(deps, 'health'), (_req, res) => void res.json({ status: 'ready', records: deps.store.count() }));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics());
  });
  app.get('/records', timed(deps, 'records'), async (_req, res) => streamRecords(deps.store, res));
  app.get('/injected', timed(deps, 'injected'), (_req, res) => void res.json(injected.counts()));

  app.post('/edi/834', timed(deps, 'edi834'), express.text({ type: EDI_TYPES, limit: MAX_INTERCHANGE_BYTES }), async (req: Request, res: Response) => {
    if (typeof req.body !== 'string') {
      res
        .status(415)
        .json({ error: `content-type ${req.headers['content-type'] ?? '(none)'}: expected ${EDI_TYPES.join(' or ')} with the X12 text as the body` });
      return;
    }
    const text = req.body;
    const isa = readIsa(text.trimStart()).isa;
    const decision = deps.faults.decide(isa ? `${isa.senderId}:${isa.control}` : `request#${++sequence}`);
    const affected = (fault: string): void => injected.count(fault, confirmationsIn(text, isa));
    if (decision.slowMs > 0) {
      deps.metrics.faultsInjected.inc({ fault: 'insurer.slow' });
      affected('insurer.slow');
      await new Promise((resolve) => setTimeout(resolve, decision.slowMs));
    }
    if (decision.down || decision.error) {
      const fault = decision.down ? 'insurer.down' : 'insurer.error';
      deps.metrics.faultsInjected.inc({ fault });
      affected(fault);
      deps.logger.warn('fault_injected', { fault, status: decision.down ? 503 : 500, ...(isa ? { sender: isa.senderId, control: isa.control } : {}) });
      res.status(decision.down ? 503 : 500).json({ error: `injected by fault switch ${fault}` });
      return;
    }
    deps.metrics.interchangesReceived.inc();
    const receivedAt = now();
    // What the insurer took in, as a file; an interchange the insurer.reject fault refused is not kept (it stored nothing).
    if (!decision.reject) deps.dropFolder?.keep(text, receivedAt, isa);
    // The whole interchange in one transaction (one fsync): its 999's control number, and every accepted member.
    const { receipt, saved } = deps.store.atomically(() => {
      const receipt = receive834(text, { receivedAt, ackControl: deps.store.nextAckControl(), forceReject: decision.reject });
      const saved =
        receipt.isa && receipt.outcome !== 'envelopeRejected'
          ? deps.store.saveInterchange(receipt.isa.senderId, Number(receipt.isa.control), receivedAt.toISOString(), receipt.records, receipt.layout)
          : undefined;
      return { receipt, saved };
    });
    if (decision.reject && receipt.outcome === 'rejected') {
      deps.metrics.faultsInjected.inc({ fault: 'insurer.reject' });
      affected('insurer.reject');
    }
    if (receipt.outcome === 'accepted' || receipt.outcome === 'partial') deps.metrics.interchangesAccepted.inc();
    else deps.metrics.interchangesRejected.inc({ outcome: receipt.outcome });
    // Every rejection with its 999 code (TA1 note for the envelope): codes and positions only, never the values.
    for (const rejection of receipt.rejections) {
      deps.logger.warn('edi834_rejected', {
        sender: receipt.isa?.senderId ?? '',
        control: receipt.isa?.control ?? '',
        ack: receipt.outcome === 'envelopeRejected' ? 'TA1' : '999',
        ...(rejection.transaction
          ? { transaction: rejection.transaction, ik5: 'R', ik502: rejection.code }
          : receipt.outcome === 'envelopeRejected'
            ? { ta105: rejection.code }
            : { group: rejection.group, ak9: 'R', ak905: rejection.code }),
        ...(decision.reject ? { fault: 'insurer.reject' } : {}),
        errors: rejection.errors,
      });
    }
    deps.metrics.transactions.inc({ status: 'A' }, receipt.transactions.accepted);
    deps.metrics.transactions.inc({ status: 'R' }, receipt.transactions.rejected);
    if (receipt.layout) deps.metrics.interchangesByLayout.inc({ layout: receipt.layout });
    if (receipt.isa && saved) {
      deps.metrics.membersStored.inc(saved.stored);
      if (saved.resent) deps.metrics.interchangesResent.inc();
      deps.logger.info('edi834', {
        sender: receipt.isa.senderId,
        control: receipt.isa.control,
        outcome: receipt.outcome,
        layout: receipt.layout ?? '',
        stored: saved.stored,
        resent: saved.resent,
        reasons: receipt.reasons.slice(0, 10),
      });
    } else deps.logger.info('edi834', { outcome: receipt.outcome, reasons: receipt.reasons });
    res.status(200).type('application/edi-x12').send(receipt.answer);
  });

  app.use(
    (req, res) =>
      void res
        .status(404)
        .json({ error: `${req.method} ${req.path}: no such route; the insurer serves POST /edi/834, GET /records, /injected, /healthz, /readyz, /metrics` }),
  );
  const onError: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    if (status >= 500) deps.logger.error('http_error', { path: req.path, message: error.message });
    const hint = status === 413 ? ` (limit ${MAX_INTERCHANGE_BYTES}): send smaller interchanges` : '';
    if (!res.headersSent) res.status(status).json({ error: `${req.method} ${req.path}: ${error.message ?? 'internal error'}${hint}` });
  };
  app.use(onError);
  return app;
}
