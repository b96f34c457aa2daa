// The generated 834 parses with node-x12 (strict) and carries correct counts, controls and values.

import { X12Parser, type X12Interchange } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { buildInterchange, readAcknowledgement } from '../../../domain/edi834/index.ts';
import { envelope, familyEnrollment, singleEnrollment } from './fixtures.ts';

const segmentsOf = (text: string): string[][] =>
  text
    .split('~')
    .filter(Boolean)
    .map((s) => s.split('*'));

describe('buildInterchange', () => {
  const text = buildInterchange([familyEnrollment(), singleEnrollment(2), singleEnrollment(3)], envelope());

  it('writes a fixed-width ISA of 106 characters with a nine-digit control and test usage', () => {
    expect(text.indexOf('~')).toBe(105);
    const isa = text.slice(0, 106).split('*');
    expect(isa).toHaveLength(17);
    expect(isa[13]).toBe('000000042');
    expect(isa[15]).toBe('T');
    expect(isa[11]).toBe('^');
    expect(isa[16]).toBe('>~');
  });

  it('parses with node-x12 in strict mode: SE, GE and IEA counts and controls agree', () => {
    const parser = new X12Parser(true);
    const interchange = parser.parse(text) as X12Interchange;
    expect(parser.diagnostics).toEqual([]);
    const group = interchange.functionalGroups[0]!;
    expect(group.header.valueOf(1)).toBe('BE');
    expect(group.header.valueOf(8)).toBe('005010X220A1');
    expect(group.transactions).toHaveLength(3);
    for (const [i, t] of group.transactions.entries()) {
      expect(t.header.valueOf(2)).toBe(String(i + 1).padStart(4, '0'));
      expect(Number(t.trailer.valueOf(1))).toBe(t.segments.length + 2);
      expect(t.trailer.valueOf(2)).toBe(t.header.valueOf(2));
    }
    expect(group.trailer.valueOf(1)).toBe('3');
    expect(group.trailer.valueOf(2)).toBe('7');
    expect(interchange.trailer.valueOf(1)).toBe('1');
  });

  it('puts the confirmation number in BGN02 and in REF*1L of loop 2300, members subscriber first with INS codes', () => {
    const segments = segmentsOf(text);
    const bgn = segments.find((s) => s[0] === 'BGN')!;
    expect(bgn).toEqual(['BGN', '00', 'CNF-000123', '20251101', '140506', 'UT', '', '', '2']);
    const policyIds = segments.flatMap((s, i) => (s[0] === 'REF' && s[1] === '1L' && s[2] === 'CNF-000123' ? [segments[i - 1]!.slice(0, 2)] : []));
    expect(policyIds).toEqual([
      ['REF', 'CE'],
      ['REF', 'CE'],
      ['REF', 'CE'],
    ]);
    const ins = segments.filter((s) => s[0] === 'INS').slice(0, 3);
    expect(ins).toEqual([
      ['INS', 'Y', '18', '021', 'EC', 'A', '', '', 'AC'],
      ['INS', 'N', '01', '021', 'EC', 'A'],
      ['INS', 'N', '19', '021', 'EC', 'A'],
    ]);
    expect(segments.find((s) => s[0] === 'NM1')).toEqual(['NM1', 'IL', '1', 'Lovelace', 'Ada', '', '', '', '34', '900123456']);
    expect(segments.find((s) => s[0] === 'N4')).toEqual(['N4', 'Fairfax', 'VA', '22030', '', 'CY', '51059']);
  });

  it('writes the header as exchanges do: REF*38 master policy, QTY totals of members, dependents and subscribers', () => {
    const segments = segmentsOf(text);
    const header = segments.slice(
      segments.findIndex((s) => s[0] === 'ST'),
      segments.findIndex((s) => s[0] === 'INS'),
    );
    expect(header.find((s) => s[0] === 'REF')).toEqual(['REF', '38', '12345']);
    expect(header.filter((s) => s[0] === 'QTY')).toEqual([
      ['QTY', 'TO', '3'],
      ['QTY', 'DT', '2'],
      ['QTY', 'ET', '1'],
    ]);
  });

  it('reports premium, APTC and what the enrollee owes in loop 2750, each in its REF qualifier with DTP*007', () => {
    const segments = segmentsOf(text);
    const category = (name: string): string[][] => {
      const i = segments.findIndex((s) => s[0] === 'N1' && s[1] === '75' && s[2] === name);
      return i === -1 ? [] : segments.slice(i + 1, i + 3);
    };
    expect(category('PRE AMT TOT')).toEqual([
      ['REF', '9X', '1500.50'],
      ['DTP', '007', 'D8', '20260101'],
    ]);
    expect(category('APTC AMT')).toEqual([
      ['REF', '9V', '1200.25'],
      ['DTP', '007', 'D8', '20260101'],
    ]);
    expect(category('TOT RES AMT')).toEqual([
      ['REF', '9V', '300.25'],
      ['DTP', '007', 'D8', '20260101'],
    ]);
    expect(category('RATING AREA')).toEqual([
      ['REF', '9X', 'R-VA010'],
      ['DTP', '007', 'D8', '20260101'],
    ]);
    expect(category('REQUEST SUBMIT TIMESTAMP')).toEqual([
      ['REF', '17', '20251101140305'],
      ['DTP', '007', 'D8', '20260101'],
    ]);
  });

  it('keeps delimiters out of element values', () => {
    const odd = familyEnrollment({ street: '1*Main~St^>' });
    const out = buildInterchange([odd], envelope());
    expect(segmentsOf(out).find((s) => s[0] === 'N3')).toEqual(['N3', '1 Main St']);
  });

  it('is deterministic: the same batch gives the same bytes (a retry re-sends what was sent)', () => {
    expect(buildInterchange([familyEnrollment()], envelope())).toBe(buildInterchange([familyEnrollment()], envelope()));
  });
});

describe('readAcknowledgement', () => {
  const isa = 'ISA*00*          *00*          *ZZ*12345          *ZZ*FFM            *251101*1405*^*00501*000000009*0*T*>~';

  it('reads a 999 with one accepted and one rejected transaction', () => {
    const ack = readAcknowledgement(
      `${isa}GS*FA*12345*FFM*20251101*1405*9*X*005010X231A1~ST*999*0001*005010X231A1~AK1*BE*7*005010X220A1~` +
        'AK2*834*0001*005010X220A1~IK3*NM1*12*2100A*3~IK5*R*5~AK2*834*0002*005010X220A1~IK5*A~AK9*P*2*2*1~SE*9*0001~GE*1*9~IEA*1*000000009~',
    );
    expect(ack.accepted).toBe(true);
    expect(ack.transactions.map((t) => [t.control, t.status])).toEqual([
      ['0001', 'R'],
      ['0002', 'A'],
    ]);
    expect(ack.transactions[0]!.errors[0]).toMatch(/NM1 at position 12/);
  });

  it('reads a TA1 as not accepted', () => {
    expect(readAcknowledgement(`${isa}TA1*000000042*251101*1405*R*001~IEA*0*000000009~`)).toEqual({ accepted: false, transactions: [] });
  });

  it('throws on text that is not X12', () => {
    expect(() => readAcknowledgement('<html>502 Bad Gateway</html>')).toThrow(/999 or TA1/);
  });
});
