import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLedger, ledgerJsonOf } from '../../../scripts/run/ledgerLog.ts';

const entry = { householdId: 'H1-0000001', confirmationNumber: 'ENABCDEFGHJK', planId: '12345VA0010001-01', premium: 400, aptc: 300, owed: 100, effectiveDate: '2026-01-01', confirmedAt: '2026-11-23T00:00:00Z' };
const line = (msg: string, source = 'console') => JSON.stringify({ level: 'info', msg, source, time: '2026-11-23T04:23:45Z' });

describe('ledgerJsonOf', () => {
  it('takes the JSON after the marker from a console line', () => {
    expect(JSON.parse(ledgerJsonOf(line(`LEDGER ${JSON.stringify(entry)}`))!)).toEqual(entry);
  });
  it('ignores other lines, other sources and broken JSON', () => {
    expect(ledgerJsonOf(line('hello'))).toBeUndefined();
    expect(ledgerJsonOf(line(`LEDGER ${JSON.stringify(entry)}`, 'stacktrace'))).toBeUndefined();
    expect(ledgerJsonOf('LEDGER {not json')).toBeUndefined();
    expect(ledgerJsonOf(line('the word LEDGER later in a message'))).toBeUndefined();
  });
});

describe('extractLedger', () => {
  it('writes one NDJSON line per confirmation and counts them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    writeFileSync(join(dir, 'k6.log'), [line('starting'), line(`LEDGER ${JSON.stringify(entry)}`), line(`LEDGER ${JSON.stringify({ ...entry, householdId: 'H1-0000002' })}`)].join('\n'));
    expect(await extractLedger(join(dir, 'k6.log'), join(dir, 'ledger.ndjson'))).toBe(2);
    const lines = readFileSync(join(dir, 'ledger.ndjson'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).householdId)).toEqual(['H1-0000001', 'H1-0000002']);
  });
  it('gives an empty ledger when k6 wrote no log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    expect(await extractLedger(join(dir, 'missing.log'), join(dir, 'ledger.ndjson'))).toBe(0);
  });
});
