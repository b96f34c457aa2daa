// An 834 rewritten in the older usage this project sent before it followed the exchanges: every loop 2750 value in
// REF*9X with no DTP*007, INS04 28 and INS08 on every member, REF*1L in loop 2000, no member dates, no REF*38,
// QTY*DT/ET or BGN05. The insurer must still read such a file; SE01 is recounted so the envelope stays valid.

const SEGMENT = '~';
const ELEMENT = '*';

type Elements = string[];

const is = (e: Elements, tag: string, qualifier?: string): boolean => e[0] === tag && (qualifier === undefined || e[1] === qualifier);

function legacyTransaction(body: Elements[]): Elements[] {
  const out: Elements[] = [];
  let reporting = false;
  for (const original of body) {
    const e = [...original];
    if (is(e, 'LS')) reporting = true;
    if (is(e, 'LE')) reporting = false;
    if (is(e, 'INS')) {
      reporting = false;
      e[4] = '28';
      while (e.length < 9) e.push('');
      e[8] = 'AC';
    }
    if (is(e, 'BGN')) e[5] = '';
    if (is(e, 'REF', '38') || is(e, 'QTY', 'DT') || is(e, 'QTY', 'ET') || is(e, 'DTP', '356') || is(e, 'DTP', '303')) continue;
    if (reporting && is(e, 'DTP', '007')) continue;
    if (reporting && is(e, 'REF')) e[1] = '9X';
    if (is(e, 'REF', '1L')) {
      // Back into loop 2000, right after the member's REF*0F.
      const at = out.findLastIndex((s) => is(s, 'REF', '0F'));
      out.splice(at + 1, 0, e);
      continue;
    }
    out.push(e);
  }
  return out;
}

export function toLegacyUsage(interchange: string): string {
  const isa = interchange.slice(0, 106);
  const segments = interchange
    .slice(106)
    .split(SEGMENT)
    .filter(Boolean)
    .map((s) => s.split(ELEMENT));
  const out: Elements[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (!is(segments[i]!, 'ST')) {
      out.push(segments[i]!);
      continue;
    }
    const end = segments.findIndex((s, j) => j > i && is(s, 'SE'));
    const body = legacyTransaction(segments.slice(i, end));
    const se = [...segments[end]!];
    se[1] = String(body.length + 1);
    out.push(...body, se);
    i = end;
  }
  return isa + out.map((e) => e.join(ELEMENT) + SEGMENT).join('');
}
