// The mock insurer over real HTTP on 127.0.0.1, port 0: accepts good 834s, answers bad ones with a 999 or TA1
// naming the problem, never crashes, stores members idempotently and durably, and honours its fault switches.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInterchange, readAcknowledgement } from '../../../domain/edi834/index.ts';
import type { InsurerRecord } from '../../../domain/insurerRecord.ts';
import type { InsurerLogger } from '../../../mock-exchange/insurer/app.ts';
import { startInsurer, type RunningInsurer } from '../../../mock-exchange/insurer/server.ts';
import { openInsurerStore } from '../../../mock-exchange/insurer/store.ts';
import { createFaultGate } from '../../../mock-exchange/insurer/faultGate.ts';
import { parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { envelope, familyEnrollment, singleEnrollment } from '../../domain/edi834/fixtures.ts';
import { toLegacyUsage } from '../../domain/edi834/legacyUsage.ts';

const quiet: InsurerLogger = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'insurer-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function post(insurer: RunningInsurer, body: string, contentType = 'application/edi-x12'): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${insurer.port}/edi/834`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

async function records(insurer: RunningInsurer): Promise<InsurerRecord[]> {
  const text = await (await fetch(`http://127.0.0.1:${insurer.port}/records`)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as InsurerRecord);
}

const good = (control = 42): string => buildInterchange([familyEnrollment(), singleEnrollment(2)], envelope({ interchangeControl: control }));

describe('insurer: receiving 834s', () => {
  let insurer: RunningInsurer;
  beforeAll(async () => {
    insurer = await startInsurer({ port: 0, dataDir: tempDir(), logger: quiet });
  });
  afterAll(() => insurer.stop());

  it('accepts a good interchange with a 999 AK9*A and stores every member', async () => {
    const { status, text } = await post(insurer, good(100));
    expect(status).toBe(200);
    expect(text).toMatch(/AK9\*A\*2\*2\*2~/);
    expect(readAcknowledgement(text).transactions.map((t) => t.status)).toEqual(['A', 'A']);
    const stored = (await records(insurer)).filter((r) => r.interchangeControl === 100);
    expect(stored).toHaveLength(4);
    const spouse = stored.find((r) => r.memberId === 'M-2')!;
    expect(spouse).toMatchObject({
      confirmationNumber: 'CNF-000123',
      relationship: 'spouse',
      receiverIssuerId: '12345',
      premiumTotal: 1500.5,
      aptc: 1200.25,
      owed: 300.25,
      dob: '1984-07-08',
      planId: '12345VA0010001-04',
    });
  });

  // Each case gets its own control number: a re-sent control number would store nothing new by design.
  let control = 1000;
  const se = Number(/SE\*(\d+)\*0001~/.exec(good())![1]);
  const fix = (s: string): string => s.replace(`SE*${se}*0001`, `SE*${se - 1}*0001`);
  const spouseCoverage = 'REF*CE*12345VA0010001-04~REF*1L*CNF-000123~LS*2700~LX*1~N1*75*PRE AMT 1~REF*9X*600.00';
  it.each<[string, (t: string) => string, RegExp]>([
    ['a wrong SE count', (t) => t.replace(`SE*${se}*0001`, `SE*${se + 1}*0001`), /AK2\*834\*0001\*005010X220A1~IK5\*R\*4~/],
    ['an SE control that differs from ST', (t) => t.replace(`SE*${se}*0001`, `SE*${se}*0009`), /IK5\*R\*3~/],
    ['a missing NM1', (t) => fix(t.replace('NM1*IL*1*Lovelace*Will****34*900123457~', '')), /IK3\*NM1\*\d+\*2100A\*3~/],
    ['a bad birth date', (t) => t.replace('DMG*D8*19840708', 'DMG*D8*19841308'), /IK3\*DMG\*\d+\*2100A\*8~IK4\*2\*\*8\*19841308~/],
    ['a bad coverage date', (t) => t.replace('DTP*348*D8*20260101', 'DTP*348*D8*20260230'), /IK3\*DTP\*\d+\*2300\*8~IK4\*3\*\*8\*20260230~/],
    ['a bad eligibility date', (t) => t.replace('DTP*356*D8*20260101', 'DTP*356*D8*20261301'), /IK3\*DTP\*\d+\*2000\*8~IK4\*3\*\*8\*20261301~/],
    ['a broken premium invariant', (t) => t.replace('REF*9V*300.25', 'REF*9V*310.25'), /IK3\*REF\*\d+\*2750\*8~IK4\*2\*\*I12\*1500.50~/],
    ['APTC AMT in a qualifier neither usage has', (t) => t.replace('REF*9V*1200.25', 'REF*17*1200.25'), /IK3\*REF\*\d+\*2750\*3~/],
    [
      'a bad category effective date',
      (t) => t.replace('N1*75*APTC AMT~REF*9V*1200.25~DTP*007*D8*20260101', 'N1*75*APTC AMT~REF*9V*1200.25~DTP*007*D8*2026010'),
      /IK3\*DTP\*\d+\*2750\*8~IK4\*3\*\*8\*2026010~/,
    ],
    ['a missing REF*CE', (t) => fix(t.replace(spouseCoverage, spouseCoverage.replace('REF*CE*12345VA0010001-04~', ''))), /IK3\*REF\*\d+\*2300\*3~/],
    ['a wrong GE count', (t) => t.replace(/GE\*2\*7~/, 'GE*3*7~'), /AK9\*R\*3\*2\*0\*5~/],
    ['a GE control that differs from GS', (t) => t.replace(/GE\*2\*7~/, 'GE*2*8~'), /AK9\*R\*2\*2\*0\*4~/],
  ])('rejects %s with a 999 naming the segment, storing nothing of it', async (_name, mutate, expected) => {
    const original = good(++control);
    const body = mutate(original);
    expect(body).not.toBe(original);
    const before = (await records(insurer)).length;
    const { status, text: answer } = await post(insurer, body);
    expect(status).toBe(200);
    expect(answer).toMatch(expected);
    expect(answer).toMatch(/IK5\*R/);
    const ack = readAcknowledgement(answer);
    expect(ack.transactions.some((t) => t.status === 'R')).toBe(true);
    const added = (await records(insurer)).length - before;
    // The second transaction is fine unless the whole group is rejected.
    expect(added).toBe(/AK9\*R/.test(answer) ? 0 : 1);
  });

  const text = good(7);
  it.each([
    ['truncated', text.slice(0, 700), /TA1\*000000007\*\d{6}\*\d{4}\*R\*023~/],
    ['only an ISA (found by fuzzing: was a 500)', text.slice(0, 106), /TA1\*000000007\*\d{6}\*\d{4}\*R\*023~/],
    ['an ISA and a GS, nothing after', text.slice(0, text.indexOf('~ST*') + 1), /TA1\*000000007\*\d{6}\*\d{4}\*R\*023~/],
    ['IEA control that differs from ISA13', text.replace('IEA*1*000000007', 'IEA*1*000000008'), /TA1\*000000007\*\d{6}\*\d{4}\*R\*001~/],
    ['a non-numeric ISA13', text.replace('*000000007*0*T*', '*00000000X*0*T*'), /R\*018~/],
    ['wrong delimiters', text.replaceAll('*', '|').replace('ISA|', 'ISA*'), /R\*022~/],
    ['binary garbage', '\u0000\u0001\u00ff'.repeat(500), /TA1\*000000000\*000000\*0000\*R\*022~/],
    ['empty text', ' ', /R\*022~/],
  ])('answers a broken envelope (%s) with a TA1', async (_name, body, expected) => {
    const { status, text: answer } = await post(insurer, body, 'text/plain');
    expect(status).toBe(200);
    expect(answer).toMatch(expected);
    expect(readAcknowledgement(answer).accepted).toBe(false);
  });

  it('refuses an oversized body (413), another content type (415) and unknown routes (404) in JSON, and stays up', async () => {
    expect((await post(insurer, 'ISA'.padEnd(21 * 1024 * 1024, 'x'))).status).toBe(413);
    const wrongType = await post(insurer, good(), 'application/json');
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.text).error).toMatch(/application\/edi-x12/);
    expect((await fetch(`http://127.0.0.1:${insurer.port}/nowhere`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${insurer.port}/healthz`)).status).toBe(200);
  });

  it('stores no duplicates when the same interchange is re-sent, but keeps a genuine duplicate in a new interchange', async () => {
    const resent = async (): Promise<number> => {
      const metrics = await (await fetch(`http://127.0.0.1:${insurer.port}/metrics`)).text();
      return Number(/^insurer_interchanges_resent_total (\d+)$/m.exec(metrics)?.[1] ?? 0);
    };
    const before = await resent();
    await post(insurer, good(300));
    await post(insurer, good(300));
    let copies = (await records(insurer)).filter((r) => r.confirmationNumber === 'CNF-000002' && [300, 301].includes(r.interchangeControl));
    expect(copies).toHaveLength(1);
    await post(insurer, good(301));
    copies = (await records(insurer)).filter((r) => r.confirmationNumber === 'CNF-000002' && [300, 301].includes(r.interchangeControl));
    expect(copies.map((r) => r.interchangeControl).sort()).toEqual([300, 301]);
    expect((await resent()) - before).toBe(1);
  });
});

describe('insurer: both usages of loop 2750', () => {
  it('reads the older all-REF*9X usage to the same records, and records which usage each interchange used', async () => {
    const dataDir = tempDir();
    const insurer = await startInsurer({ port: 0, dataDir, logger: quiet });
    let exchange: InsurerRecord[];
    let legacy: InsurerRecord[];
    let metrics: string;
    try {
      const legacyText = toLegacyUsage(good(601));
      // Only the two headers' file effective dates are left of DTP*007, and nothing is in REF*9V.
      expect(legacyText.match(/DTP\*007\*/g)).toHaveLength(2);
      expect(legacyText).not.toContain('REF*9V');
      expect((await post(insurer, good(600))).text).toMatch(/AK9\*A\*2\*2\*2~/);
      expect((await post(insurer, legacyText)).text).toMatch(/AK9\*A\*2\*2\*2~/);
      const all = await records(insurer);
      exchange = all.filter((r) => r.interchangeControl === 600);
      legacy = all.filter((r) => r.interchangeControl === 601);
      metrics = await (await fetch(`http://127.0.0.1:${insurer.port}/metrics`)).text();
    } finally {
      await insurer.stop();
    }
    expect(exchange).toHaveLength(4);
    const comparable = (r: InsurerRecord) => ({ ...r, interchangeControl: 0, receivedAt: '' });
    expect(legacy.map(comparable)).toEqual(exchange.map(comparable));
    expect(exchange.find((r) => r.memberId === 'M-3')).toMatchObject({
      policyId: 'CNF-000123',
      aptc: 1200.25,
      owed: 300.25,
      ratingArea: 'R-VA010',
      sourceExchangeId: 'VA0',
      submittedAt: '2025-11-01T14:03:05.000Z',
    });
    expect(metrics).toMatch(/^insurer_interchanges_by_layout_total\{layout="exchange"\} 1$/m);
    expect(metrics).toMatch(/^insurer_interchanges_by_layout_total\{layout="legacy"\} 1$/m);
    const store = openInsurerStore(dataDir);
    try {
      expect([store.layoutOf('FFM', 600), store.layoutOf('FFM', 601), store.layoutOf('FFM', 602)]).toEqual(['exchange', 'legacy', undefined]);
    } finally {
      store.close();
    }
  });
});

describe('insurer: durability', () => {
  it('keeps its records across a restart with the same data folder', async () => {
    const dataDir = tempDir();
    const first = await startInsurer({ port: 0, dataDir, logger: quiet });
    await post(first, good(1));
    await first.stop();
    const second = await startInsurer({ port: 0, dataDir, logger: quiet });
    try {
      expect(await records(second)).toHaveLength(4);
      await post(second, good(1));
      expect(await records(second)).toHaveLength(4);
    } finally {
      await second.stop();
    }
  });
});

describe('insurer: fault switches', () => {
  async function withInsurer(faults: string, body: (insurer: RunningInsurer) => Promise<void>): Promise<void> {
    const insurer = await startInsurer({ port: 0, dataDir: tempDir(), faults, logger: quiet });
    try {
      await body(insurer);
    } finally {
      await insurer.stop();
    }
  }

  it('insurer.down as a duration answers 503 during the outage window', () =>
    withInsurer('insurer.down=1m', async (insurer) => {
      expect((await post(insurer, good())).status).toBe(503);
      expect(await records(insurer)).toHaveLength(0);
    }));

  it('insurer.down as a rate answers 503 to every post at rate 1', () =>
    withInsurer('insurer.down=1', async (insurer) => {
      expect((await post(insurer, good())).status).toBe(503);
    }));

  it('insurer.error answers 500 and stores nothing; a retry gets a fresh decision', () =>
    withInsurer('insurer.error=1', async (insurer) => {
      const { status, text } = await post(insurer, good());
      expect(status).toBe(500);
      expect(JSON.parse(text).error).toMatch(/insurer\.error/);
      expect(await records(insurer)).toHaveLength(0);
      const metrics = await (await fetch(`http://127.0.0.1:${insurer.port}/metrics`)).text();
      expect(metrics).toMatch(/insurer_faults_injected_total\{fault="insurer.error"\} 1/);
    }));

  it('insurer.slow delays the answer', () =>
    withInsurer('insurer.slow=300ms', async (insurer) => {
      const started = Date.now();
      expect((await post(insurer, good())).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    }));

  it('insurer.reject answers a valid interchange with a rejecting 999 and stores nothing', () =>
    withInsurer('insurer.reject=1', async (insurer) => {
      const { status, text } = await post(insurer, good());
      expect(status).toBe(200);
      expect(text).toMatch(/AK9\*R\*2\*2\*0~/);
      expect(readAcknowledgement(text).accepted).toBe(false);
      expect(await records(insurer)).toHaveLength(0);
    }));

  it('refuses an unknown switch at start', async () => {
    await expect(startInsurer({ port: 0, dataDir: tempDir(), faults: 'insurer.crash=1', logger: quiet })).rejects.toThrow(/insurer\.crash.*known switch name/);
  });
});

describe('insurer: the log tells every rejection', () => {
  it('logs each rejected transaction with its 999 codes, and the TA1 note of a refused envelope, without the values', async () => {
    const lines: Record<string, unknown>[] = [];
    const capture: InsurerLogger = { info: () => {}, warn: (event, fields) => void lines.push({ event, ...fields }), error: () => {} };
    const insurer = await startInsurer({ port: 0, dataDir: tempDir(), logger: capture });
    try {
      await post(insurer, good(7001).replace('DMG*D8*19840708', 'DMG*D8*19841308'));
      await post(insurer, `XYZ${good(7002).slice(3)}`);
    } finally {
      await insurer.stop();
    }
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'edi834_rejected',
        ack: '999',
        control: '000007001',
        transaction: '0001',
        ik5: 'R',
        ik502: '5',
        errors: [expect.stringMatching(/^IK3 DMG at \d+ loop 2100A code 8, IK4 element 2 code 8$/)],
      }),
      expect.objectContaining({ event: 'edi834_rejected', ack: 'TA1', ta105: expect.stringMatching(/^\d{3}$/) }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('19841308');
  });
});

describe('insurer: its faults, accounted for per enrollment', () => {
  it('opens an outage window at the first 834 post, not when the insurer starts', () => {
    let clock = 1_000_000;
    const gate = createFaultGate(parseFaultSpec('insurer.down=5s'), () => clock);
    clock += 60_000; // a minute with no post: the window has not started
    expect(gate.decide('X:1').down).toBe(true);
    clock += 4_999;
    expect(gate.decide('X:2').down).toBe(true);
    clock += 1;
    expect(gate.decide('X:3').down).toBe(false);
  });

  it('counts the distinct enrollments each switch hit at GET /injected, a retried interchange once', async () => {
    const insurer = await startInsurer({ port: 0, dataDir: tempDir(), faults: 'insurer.error=1', logger: quiet });
    try {
      expect((await post(insurer, good(8001))).status).toBe(500);
      expect((await post(insurer, good(8001))).status).toBe(500);
      const injected = await (await fetch(`http://127.0.0.1:${insurer.port}/injected`)).json();
      expect(injected).toEqual({ 'insurer.error': 2 });
    } finally {
      await insurer.stop();
    }
  });
});
