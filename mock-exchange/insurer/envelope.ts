// Reads an 834 interchange's envelope with node-x12 and checks it: anything wrong here is answered with a TA1.
// Independent of the generator: it trusts only what the ISA itself declares (delimiters, control number).

import { X12Parser, type X12Interchange } from 'node-x12';
import { IMPLEMENTATION, SEGMENT as S } from '../../domain/edi834/vocabulary.ts';

export interface IsaFacts {
  senderId: string;
  receiverId: string;
  /** ISA13 exactly as sent (nine digits when well formed). */
  control: string;
  date: string;
  time: string;
  usage: string;
  elementDelimiter: string;
  segmentTerminator: string;
}

/** TA104 R with a TA105 note code (X12 I18): 001 control mismatch, 014 date, 015 time, 017 version, 018 control
 * number, 020 test indicator, 021 group count, 022 control structure, 023 premature end, 024 content, 026 separator. */
export type EnvelopeCheck = { ok: true; isa: IsaFacts; interchange: X12Interchange } | { ok: false; isa: IsaFacts | undefined; note: string; detail: string };

const ISA_LENGTH = 106;

function validYymmdd(v: string): boolean {
  if (!/^\d{6}$/.test(v)) return false;
  const month = Number(v.slice(2, 4));
  const day = Number(v.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** The ISA is fixed width, so its fields and the delimiters are read by position before trusting any parser. */
export function readIsa(text: string): { isa?: IsaFacts; note?: string; detail?: string } {
  if (text.length < ISA_LENGTH || !text.startsWith(S.interchangeHeader)) {
    return { note: '022', detail: `expected an interchange starting with a ${ISA_LENGTH}-character ISA segment, got ${JSON.stringify(text.slice(0, 20))}` };
  }
  const element = text.charAt(3);
  const terminator = text.charAt(ISA_LENGTH - 1);
  const fields = text.slice(0, ISA_LENGTH - 1).split(element);
  if (/[A-Za-z0-9 ]/.test(element) || /[A-Za-z0-9 ]/.test(terminator) || element === terminator) {
    return {
      note: '026',
      detail: `ISA delimiters: element ${JSON.stringify(element)}, terminator ${JSON.stringify(terminator)} must be distinct non-alphanumeric characters`,
    };
  }
  if (fields.length !== 17 || fields[16]!.length !== 1) {
    return { note: '022', detail: `ISA: expected 16 fixed-width elements ending at character ${ISA_LENGTH}, found ${fields.length - 1}` };
  }
  const isa: IsaFacts = {
    senderId: fields[6]!.trim(),
    receiverId: fields[8]!.trim(),
    control: fields[13]!,
    date: fields[9]!,
    time: fields[10]!,
    usage: fields[15]!,
    elementDelimiter: element,
    segmentTerminator: terminator,
  };
  if (!/^\d{9}$/.test(isa.control)) return { isa, note: '018', detail: `ISA13 ${JSON.stringify(isa.control)}: expected a nine-digit control number` };
  if (!validYymmdd(isa.date)) return { isa, note: '014', detail: `ISA09 ${JSON.stringify(isa.date)}: expected a date YYMMDD` };
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(isa.time)) return { isa, note: '015', detail: `ISA10 ${JSON.stringify(isa.time)}: expected a time HHMM` };
  if (fields[12] !== IMPLEMENTATION.isaVersion)
    return { isa, note: '017', detail: `ISA12 ${JSON.stringify(fields[12])}: expected ${IMPLEMENTATION.isaVersion}` };
  if (isa.usage !== 'T' && isa.usage !== 'P') return { isa, note: '020', detail: `ISA15 ${JSON.stringify(isa.usage)}: expected T or P` };
  return { isa };
}

export function checkEnvelope(raw: string): EnvelopeCheck {
  const text = raw.replace(/^[\s\uFEFF]+/, '');
  const read = readIsa(text);
  if (!read.isa || read.note) return { ok: false, isa: read.isa, note: read.note ?? '022', detail: read.detail ?? 'unreadable ISA' };
  const isa = read.isa;
  const more = text.indexOf(`${isa.segmentTerminator}${S.interchangeHeader}${isa.elementDelimiter}`, ISA_LENGTH - 1);
  if (more !== -1) return { ok: false, isa, note: '022', detail: 'more than one ISA in one post: send one interchange per request' };
  let interchange: X12Interchange | undefined;
  const parser = new X12Parser(false);
  try {
    // Lenient node-x12 returns nothing for an ISA with nothing after it (found by test/fuzz/receive834.fuzz.test.ts).
    interchange = parser.parse(text) as X12Interchange | undefined;
  } catch (error) {
    return { ok: false, isa, note: '022', detail: `not parseable as X12: ${(error as Error).message}` };
  }
  const stray = parser.diagnostics.find((d) => /outside of|Missing (GS|ST) segment/.test(d.message));
  if (stray) return { ok: false, isa, note: '022', detail: stray.message.replace('X12 Standard: ', '') };
  if (!interchange) return { ok: false, isa, note: '023', detail: 'nothing readable after the ISA: the interchange is truncated' };
  if (!interchange.trailer) return { ok: false, isa, note: '023', detail: 'no IEA segment: the interchange is truncated' };
  const groups = interchange.functionalGroups.length;
  if (groups === 0) return { ok: false, isa, note: '024', detail: 'no GS functional group in the interchange' };
  // node-x12 reads ISA13 and IEA02 as integers, so compare numerically.
  if (Number(interchange.trailer.valueOf(2)) !== Number(isa.control)) {
    return { ok: false, isa, note: '001', detail: `IEA02 ${interchange.trailer.valueOf(2)} does not match ISA13 ${isa.control}` };
  }
  if (Number(interchange.trailer.valueOf(1)) !== groups) {
    return { ok: false, isa, note: '021', detail: `IEA01 ${interchange.trailer.valueOf(1)} does not match the ${groups} functional group(s) present` };
  }
  return { ok: true, isa, interchange };
}
