// The insurer's side read from a folder of 834 files (reconcile --ledger --edi): the insurer's own reader turns each
// interchange into member records; a re-sent interchange adds nothing; a file that does not read is a finding.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInterchange } from '../../domain/edi834/index.ts';
import { readEdiFolder, readInterchanges, type EdiFile } from '../../reconcile/ediFolder.ts';
import { envelope, familyEnrollment, singleEnrollment } from '../domain/edi834/fixtures.ts';

const at = (s: number): Date => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const file = (name: string, text: string, seconds: number): EdiFile => ({ name, text, receivedAt: at(seconds) });
const interchange = (control: number, ...n: number[]): string =>
  buildInterchange(
    n.map((k) => (k === 0 ? familyEnrollment() : singleEnrollment(k))),
    envelope({ interchangeControl: control }),
  );

describe('readInterchanges', () => {
  it('reads every member of every transaction, received when the file was', () => {
    const read = readInterchanges([file('b.x12', interchange(2, 2), 5), file('a.x12', interchange(1, 0, 1), 3)]);
    expect(read.interchanges).toBe(2);
    expect(read.transactions).toEqual({ accepted: 3, rejected: 0 });
    expect(read.problems).toEqual([]);
    const family = read.records.filter((r) => r.confirmationNumber === familyEnrollment().confirmationNumber);
    expect(family.length).toBe(familyEnrollment().members.length);
    expect(family.every((r) => r.receivedAt === at(3).toISOString())).toBe(true);
    expect(read.records.find((r) => r.confirmationNumber === singleEnrollment(2).confirmationNumber)?.receivedAt).toBe(at(5).toISOString());
  });

  it('keeps a re-sent interchange (same sender and ISA13) once, as the insurer stores it', () => {
    const once = readInterchanges([file('a.x12', interchange(7, 1), 1)]);
    const twice = readInterchanges([file('a.x12', interchange(7, 1), 1), file('a-again.x12', interchange(7, 1), 9)]);
    expect(twice.resent).toBe(1);
    expect(twice.records).toEqual(once.records);
  });

  it('reports a file that is no interchange, and one with a rejected transaction, by name', () => {
    const bad = interchange(3, 3).replace(/NM1\*IL\*1\*([^*]*)\*([^*]*)\*([^*]*)\*\*\*34\*\d{9}/, 'NM1*IL*1*$1*$2*$3***34*12AB');
    const read = readInterchanges([file('good.x12', interchange(1, 1), 1), file('cut.x12', interchange(2, 2).slice(0, 200), 2), file('bad-ssn.x12', bad, 3)]);
    expect(read.problems.map((p) => p.file)).toEqual(['cut.x12', 'bad-ssn.x12']);
    expect(read.problems[0]!.detail).toMatch(/^not a readable 834 interchange: TA1 note/);
    expect(read.problems[1]!.detail).toMatch(/rejected as an insurer would \(999\): .*NM109/);
    expect(read.records.map((r) => r.confirmationNumber)).toEqual([singleEnrollment(1).confirmationNumber]);
  });
});

describe('readEdiFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edi-folder-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes when a file was received from its modification time, and skips hidden files', () => {
    const folder = join(dir, 'inbound');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.edi'), interchange(1, 1));
    utimesSync(join(folder, 'one.edi'), at(30), at(30));
    writeFileSync(join(folder, '.partial'), 'ISA*incomplete');
    const read = readEdiFolder(folder);
    expect(read.files).toBe(1);
    expect(read.records[0]!.receivedAt).toBe(at(30).toISOString());
  });

  it('refuses a missing folder, an empty one and one with no readable interchange, naming them', () => {
    expect(() => readEdiFolder(join(dir, 'absent'))).toThrow(/--edi .*absent: expected a folder of X12 834 files/);
    mkdirSync(join(dir, 'empty'));
    expect(() => readEdiFolder(join(dir, 'empty'))).toThrow(/expected at least one 834 file/);
    mkdirSync(join(dir, 'junk'));
    writeFileSync(join(dir, 'junk', 'readme.txt'), 'hello');
    expect(() => readEdiFolder(join(dir, 'junk'))).toThrow(/junk\/readme\.txt: expected an X12 834 interchange/);
  });
});
