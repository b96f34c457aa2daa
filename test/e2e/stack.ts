// Starts the real insurer and exchange processes for a test, and drives enrollments through the exchange over HTTP.

import { join } from 'node:path';
import type { Household } from '../../domain/household.ts';
import { EXCHANGE_MAIN, EXCHANGE_OPTIONS, exchangeArgs, type FlagValues, INSURER_MAIN, insurerArgs } from '../../mock-exchange/service/commandLines.ts';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { startService, type RunningService } from '../../scripts/run/services.ts';

/** `ediDir`: the insurer also keeps every interchange it takes in as a file there (its inbound drop folder). */
export function startInsurer(group: ProcessGroup, dir: string, options: { port?: number; faults?: string; ediDir?: string } = {}): Promise<RunningService> {
  return startService(group, {
    name: 'insurer',
    main: INSURER_MAIN,
    args: insurerArgs({ port: options.port ?? 0, 'data-dir': join(dir, 'insurer'), faults: options.faults ?? '', 'edi-dir': options.ediDir }),
    logFile: join(dir, 'insurer.log'),
  });
}

/** `flags`: more of the exchange's flags (workers, faults, …) over the defaults. */
export function startExchange(group: ProcessGroup, dir: string, insurerUrl: string, flags: FlagValues<typeof EXCHANGE_OPTIONS> = {}): Promise<RunningService> {
  return startService(group, {
    name: 'exchange',
    main: EXCHANGE_MAIN,
    args: exchangeArgs({ port: 0, 'data-dir': join(dir, 'exchange'), 'insurer-url': insurerUrl, ...flags }),
    logFile: join(dir, 'exchange.log'),
  });
}

export { households } from '../enrollingHouseholds.ts';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** One consumer's journey to a confirmation; returns the confirmation number. */
export async function enroll(exchangeUrl: string, household: Household): Promise<string> {
  return (await enrollAs(exchangeUrl, household)).confirmationNumber;
}

/** One consumer's journey to a confirmation; returns it with the consumer's bearer token, to ask about it later. */
export async function enrollAs(exchangeUrl: string, household: Household): Promise<{ confirmationNumber: string; token: string }> {
  const room = await post(`${exchangeUrl}/api/v1/waiting-room`, {});
  const session = { 'x-waiting-room-session': String(room.json.sessionId) };
  const account = await post(`${exchangeUrl}/api/v1/accounts`, { email: household.email, password: 'synthetic-password-1' }, session);
  const auth = { ...session, authorization: `Bearer ${String(account.json.token)}` };
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = household;
  const application = await post(
    `${exchangeUrl}/api/v1/applications`,
    { planYear: 2026, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } },
    auth,
  );
  const enrolled = await post(`${exchangeUrl}/api/v1/applications/${String(application.json.applicationId)}/enrollments`, { planId: household.plan.id }, auth);
  if (enrolled.status !== 201) throw new Error(`enrollment answered ${enrolled.status}: ${JSON.stringify(enrolled.json)}`);
  return { confirmationNumber: String(enrolled.json.confirmationNumber), token: String(account.json.token) };
}

/** Waits until the exchange's outbox has nothing pending. */
export async function drained(exchangeUrl: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = (await (await fetch(`${exchangeUrl}/admin/outbox`)).json()) as { pending: number };
    if (status.pending === 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Confirmation number → how many interchanges carried it, from the insurer's records. */
export async function receipts(insurerUrl: string): Promise<Map<string, Set<number>>> {
  const text = await (await fetch(`${insurerUrl}/records`)).text();
  const byConfirmation = new Map<string, Set<number>>();
  for (const line of text.split('\n').filter(Boolean)) {
    const record = JSON.parse(line) as { confirmationNumber: string; interchangeControl: number };
    const set = byConfirmation.get(record.confirmationNumber) ?? new Set<number>();
    set.add(record.interchangeControl);
    byConfirmation.set(record.confirmationNumber, set);
  }
  return byConfirmation;
}
