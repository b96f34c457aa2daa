// Talks to the running back end after the load: waits for the exchange's 834 outbox to drain,
// then downloads what the insurer received.

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OutboxStatus } from '../../mock-exchange/exchange/store.ts';

/** Polls until nothing is pending or the deadline passes; returns the last status and how long it took. */
export async function waitForOutboxDrain(exchangeUrl: string, deadlineMs: number): Promise<{ status: OutboxStatus; waitedMs: number; drained: boolean }> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${exchangeUrl}/admin/outbox`);
    if (!response.ok) throw new Error(`exchange GET /admin/outbox answered HTTP ${response.status}`);
    const status = (await response.json()) as OutboxStatus;
    const waitedMs = Date.now() - started;
    if (status.pending === 0) return { status, waitedMs, drained: true };
    if (waitedMs >= deadlineMs) return { status, waitedMs, drained: false };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the harness stopped waiting for: written to pending-at-cut-off.json, read by reconciliation. */
export interface PendingAtCutOff {
  cutOffAt: string;
  /** How long the harness waited for the outbox after the load ended. */
  waitedMs: number;
  pending: { confirmationNumber: string; confirmedAt: string }[];
}

export async function pendingAtCutOff(exchangeUrl: string, waitedMs: number): Promise<PendingAtCutOff> {
  const response = await fetch(`${exchangeUrl}/admin/outbox/pending`);
  if (!response.ok) throw new Error(`exchange GET /admin/outbox/pending answered HTTP ${response.status}`);
  const { pending } = (await response.json()) as { pending: PendingAtCutOff['pending'] };
  return { cutOffAt: new Date().toISOString(), waitedMs, pending };
}

/** What the exchange's fault switches injected, by fault name (empty for a healthy run). */
export async function injectedFaults(exchangeUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${exchangeUrl}/admin/injected`);
  if (!response.ok) throw new Error(`exchange GET /admin/injected answered HTTP ${response.status}`);
  return (await response.json()) as Record<string, number>;
}

/** What the insurer's fault switches injected, in enrollments affected by switch name (empty for a healthy run). */
export async function insurerInjectedFaults(insurerUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${insurerUrl}/injected`);
  if (!response.ok) throw new Error(`insurer GET /injected answered HTTP ${response.status}`);
  return (await response.json()) as Record<string, number>;
}

export async function downloadInsurerRecords(insurerUrl: string, file: string): Promise<void> {
  const response = await fetch(`${insurerUrl}/records`);
  if (!response.ok || !response.body) throw new Error(`insurer GET /records answered HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(file));
}
