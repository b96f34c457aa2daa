// An independent check of the 834 generator: the project's sample interchanges (a family and a single enrollment,
// built from the fixtures) parsed by x12-parser — a second X12 reader, neither node-x12 nor the insurer's reader —
// and every envelope, header, member and loop 2750 field asserted from its segments against the fixtures and the
// exchanges' usage as written here (not the project's vocabulary), so a wrong table in the generator fails.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { X12parser, type FormattedSegment } from 'x12-parser';
import { buildInterchange } from '../../../domain/edi834/index.ts';
import type { Enrollment, EnrollmentMember } from '../../../domain/enrollment.ts';
import { envelope, familyEnrollment, singleEnrollment } from './fixtures.ts';

/** Parses through x12-parser's stream in small chunks, as it would read a file. */
async function parse(text: string, chunk = 97): Promise<FormattedSegment[]> {
  const chunks: Buffer[] = [Buffer.from(text.slice(0, 106))];
  for (let at = 106; at < text.length; at += chunk) chunks.push(Buffer.from(text.slice(at, at + chunk)));
  const segments: FormattedSegment[] = [];
  for await (const segment of Readable.from(chunks).pipe(new X12parser())) segments.push(segment as FormattedSegment);
  return segments;
}

/** Element n of a segment as x12-parser names it ("1", "2", …); '' when absent. */
const e = (segment: FormattedSegment | undefined, n: number): string => segment?.[String(n)] ?? '';
/** The elements of a segment from the first on, trailing empty ones dropped, for whole-segment comparisons. */
function elements(segment: FormattedSegment): string[] {
  const out: string[] = [segment.name];
  for (let n = 1; segment[String(n)] !== undefined; n++) out.push(segment[String(n)]!);
  while (out.length > 1 && out.at(-1) === '') out.pop();
  return out;
}

const d8 = (iso: string): string => iso.replaceAll('-', '');
const money = (n: number): string => n.toFixed(2);

/** Loop 2750 as exchanges send it, written out here from the exchanges' sample files (see ../shared/domain.md §2). */
const EXCHANGE_QUALIFIER: Record<string, string> = {
  'APTC AMT': '9V',
  'CSR AMT': '9V',
  'TOT RES AMT': '9V',
  'OTH PAY AMT 1': '9V',
  'PRE AMT 1': '9X',
  'PRE AMT TOT': '9X',
  'RATING AREA': '9X',
  'SOURCE EXCHANGE ID': '17',
  'REQUEST SUBMIT TIMESTAMP': '17',
};

function expectedCategories(enrollment: Enrollment, member: EnrollmentMember): [string, string][] {
  const own: [string, string][] = [['PRE AMT 1', money(member.premium)]];
  if (member.relationship !== 'self') return own;
  const submitted = new Date(enrollment.submittedAt).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return [
    ...own,
    ['PRE AMT TOT', money(enrollment.premium)],
    ['APTC AMT', money(enrollment.aptc)],
    ['CSR AMT', money(enrollment.csrAmount)],
    ['OTH PAY AMT 1', money(enrollment.otherPayment)],
    ['TOT RES AMT', money(enrollment.owed)],
    ['RATING AREA', enrollment.ratingArea],
    ['SOURCE EXCHANGE ID', `${enrollment.state}0`],
    ['REQUEST SUBMIT TIMESTAMP', submitted],
  ];
}

const RELATIONSHIP = { self: '18', spouse: '01', child: '19' } as const;

/** The member loops of one transaction: INS up to the next INS or SE. */
function memberLoops(transaction: FormattedSegment[]): FormattedSegment[][] {
  const loops: FormattedSegment[][] = [];
  for (const segment of transaction) {
    if (segment.name === 'INS') loops.push([segment]);
    else if (loops.length > 0 && segment.name !== 'SE') loops.at(-1)!.push(segment);
  }
  return loops;
}

const enrollments = [familyEnrollment(), singleEnrollment(2)];
const env = envelope();
const text = buildInterchange(enrollments, env);
const cases: [string, Enrollment, number][] = enrollments.map((enrollment, i) => [enrollment.members.length > 1 ? 'family' : 'single', enrollment, i]);

describe('the 834 read by an independent parser (x12-parser)', () => {
  it('has a 106-character ISA, and IEA, GE and SE counts and control numbers that agree', async () => {
    const segments = await parse(text);
    expect(text.charAt(105)).toBe('~');
    expect(text.slice(0, 105).split('*')).toHaveLength(17);
    const [isa, gs] = segments;
    expect(isa!.name).toBe('ISA');
    expect([e(isa, 6), e(isa, 8), e(isa, 12), e(isa, 13), e(isa, 15), e(isa, 16)]).toEqual([env.senderId, env.receiverId, '00501', '000000042', 'T', '>']);
    expect([gs!.name, e(gs, 1), e(gs, 2), e(gs, 3), e(gs, 6), e(gs, 8)]).toEqual(['GS', 'BE', env.senderId, env.receiverId, '7', '005010X220A1']);
    const starts = segments.flatMap((s, i) => (s.name === 'ST' ? [i] : []));
    expect(starts).toHaveLength(enrollments.length);
    for (const [n, start] of starts.entries()) {
      const end = segments.findIndex((s, i) => i > start && s.name === 'SE');
      expect(e(segments[start], 2)).toBe(String(n + 1).padStart(4, '0'));
      expect(e(segments[start], 3)).toBe('005010X220A1');
      expect(Number(e(segments[end], 1))).toBe(end - start + 1);
      expect(e(segments[end], 2)).toBe(e(segments[start], 2));
    }
    const [ge, iea] = segments.slice(-2);
    expect([ge!.name, e(ge, 1), e(ge, 2)]).toEqual(['GE', String(enrollments.length), e(gs, 6)]);
    expect([iea!.name, e(iea, 1), e(iea, 2)]).toEqual(['IEA', '1', e(isa, 13)]);
  });

  const transactionsOf = async (): Promise<FormattedSegment[][]> => {
    const segments = await parse(text);
    return segments.flatMap((s, i) => (s.name === 'ST' ? [segments.slice(i, segments.findIndex((x, j) => j > i && x.name === 'SE') + 1)] : []));
  };

  it.each(cases)(
    'writes the %s enrollment header as exchanges do: BGN05 UT, REF*38, DTP*007, QTY*TO/DT/ET, N1*P5 and N1*IN',
    async (_kind, enrollment, index) => {
      const transaction = (await transactionsOf())[index]!;
      const header = transaction.slice(
        0,
        transaction.findIndex((s) => s.name === 'INS'),
      );
      const dependents = enrollment.members.filter((m) => m.relationship !== 'self').length;
      expect(header.map(elements)).toEqual([
        ['ST', '834', String(index + 1).padStart(4, '0'), '005010X220A1'],
        ['BGN', '00', enrollment.confirmationNumber, '20251101', '140506', 'UT', '', '', '2'],
        ['REF', '38', env.receiverId],
        ['DTP', '007', 'D8', d8(enrollment.effectiveDate)],
        ['QTY', 'TO', String(enrollment.members.length)],
        ['QTY', 'DT', String(dependents)],
        ['QTY', 'ET', String(enrollment.members.length - dependents)],
        ['N1', 'P5', env.exchangeName, 'FI', env.exchangeEin],
        ['N1', 'IN', env.receiverName, 'FI', env.receiverEin],
      ]);
    },
  );

  it.each(cases)('carries every member field of the %s enrollment in loops 2000, 2100A and 2300', async (_kind, enrollment, index) => {
    const loops = memberLoops((await transactionsOf())[index]!);
    const members = [...enrollment.members].sort((a, b) => Number(b.relationship === 'self') - Number(a.relationship === 'self'));
    expect(loops).toHaveLength(members.length);
    const subscriberId = members[0]!.memberId;
    for (const [i, member] of members.entries()) {
      const subscriber = member.relationship === 'self';
      const loop = loops[i]!;
      const beforeReporting = loop.slice(
        0,
        loop.findIndex((s) => s.name === 'LS'),
      );
      const begins = d8(enrollment.effectiveDate);
      expect(beforeReporting.map(elements)).toEqual([
        subscriber ? ['INS', 'Y', '18', '021', 'EC', 'A', '', '', 'AC'] : ['INS', 'N', RELATIONSHIP[member.relationship], '021', 'EC', 'A'],
        ['REF', '0F', subscriberId],
        ['REF', '17', member.memberId],
        ['DTP', '356', 'D8', begins],
        ['DTP', '303', 'D8', begins],
        ['NM1', 'IL', '1', member.lastName, member.firstName, '', '', '', '34', member.ssn.replaceAll('-', '')],
        ...(subscriber ? [['PER', 'IP', '', 'TE', enrollment.phone.replaceAll('-', '')]] : []),
        ['N3', enrollment.street],
        ['N4', enrollment.city, enrollment.state, enrollment.zip, '', 'CY', enrollment.countyFips],
        ['DMG', 'D8', d8(member.dob), member.sex],
        ['HLH', member.tobacco ? 'T' : 'N'],
        ['HD', '021', '', 'HLT'],
        ['DTP', '348', 'D8', begins],
        ['DTP', '349', 'D8', d8(enrollment.endDate)],
        ['REF', 'CE', enrollment.planId],
        ['REF', '1L', enrollment.confirmationNumber],
      ]);
    }
  });

  it.each(cases)('reports every loop 2750 category of the %s enrollment with its qualifier, value and DTP*007', async (_kind, enrollment, index) => {
    const loops = memberLoops((await transactionsOf())[index]!);
    const members = [...enrollment.members].sort((a, b) => Number(b.relationship === 'self') - Number(a.relationship === 'self'));
    for (const [i, member] of members.entries()) {
      const loop = loops[i]!;
      const reporting = loop.slice(loop.findIndex((s) => s.name === 'LS'));
      const expected = expectedCategories(enrollment, member).flatMap(([name, value], n) => [
        ['LX', String(n + 1)],
        ['N1', '75', name],
        ['REF', EXCHANGE_QUALIFIER[name]!, value],
        ['DTP', '007', 'D8', d8(enrollment.effectiveDate)],
      ]);
      expect(reporting.map(elements)).toEqual([['LS', '2700'], ...expected, ['LE', '2700']]);
    }
  });

  it('reads the same segments whatever the chunk size of the stream', async () => {
    const whole = await parse(text, text.length);
    expect(await parse(text, 7)).toEqual(whole);
    expect(whole.length).toBe(text.split('~').filter(Boolean).length);
  });
});
