// A strict check that a string is well-formed XML 1.0 (no DTD): one root, tags nested and closed in order, attributes
// quoted and not repeated, only the five predefined entities or character references, no raw "<" or "&" in text,
// no characters XML forbids. Returns the problems found (empty when well formed) and the elements, for queries.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*("([^"<]*)"|'([^'<]*)')`, 'y');
const ENTITY = /&(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9A-Fa-f]+);/g;
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function decode(text: string): string {
  return text.replace(ENTITY, (e) => {
    if (e.startsWith('&#x')) return String.fromCodePoint(parseInt(e.slice(3, -1), 16));
    if (e.startsWith('&#')) return String.fromCodePoint(parseInt(e.slice(2, -1), 10));
    return ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' } as Record<string, string>)[e]!;
  });
}

export function parseXml(xml: string): { problems: string[]; root: XmlElement | undefined } {
  const problems: string[] = [];
  if (FORBIDDEN.test(xml)) problems.push('a character XML 1.0 forbids');
  let i = 0;
  const declaration = /^<\?xml[^?]*\?>/.exec(xml);
  if (declaration) i = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const text = (raw: string): void => {
    if (/&(?!(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9A-Fa-f]+);)/.test(raw)) problems.push(`a bare & in ${JSON.stringify(raw.slice(0, 40))}`);
    if (stack.length === 0) {
      if (raw.trim() !== '') problems.push(`text outside the root: ${JSON.stringify(raw.slice(0, 40))}`);
    } else stack[stack.length - 1]!.text += decode(raw);
  };
  while (i < xml.length) {
    const open = xml.indexOf('<', i);
    if (open === -1) {
      text(xml.slice(i));
      break;
    }
    text(xml.slice(i, open));
    if (xml.startsWith('<!--', open)) {
      const end = xml.indexOf('-->', open);
      if (end === -1) return { problems: [...problems, 'an unclosed comment'], root };
      i = end + 3;
      continue;
    }
    const close = new RegExp(`</(${NAME})\\s*>`, 'y');
    close.lastIndex = open;
    const closing = close.exec(xml);
    if (closing) {
      const top = stack.pop();
      if (!top || top.name !== closing[1]) problems.push(`</${closing[1]}> closes ${top ? `<${top.name}>` : 'nothing'}`);
      i = close.lastIndex;
      continue;
    }
    const start = new RegExp(`<(${NAME})`, 'y');
    start.lastIndex = open;
    const name = start.exec(xml);
    if (!name) return { problems: [...problems, `a "<" that starts no tag at ${open}: ${JSON.stringify(xml.slice(open, open + 30))}`], root };
    const element: XmlElement = { name: name[1]!, attributes: {}, children: [], text: '' };
    let at = start.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const attribute = ATTRIBUTE.exec(xml);
      if (!attribute) break;
      const value = attribute[3] ?? attribute[4] ?? '';
      if (attribute[1]! in element.attributes) problems.push(`<${element.name}> repeats ${attribute[1]}`);
      if (/&(?!(?:lt|gt|amp|apos|quot|#[0-9]+|#x[0-9A-Fa-f]+);)/.test(value)) problems.push(`a bare & in ${element.name}@${attribute[1]}`);
      element.attributes[attribute[1]!] = decode(value);
      at = ATTRIBUTE.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = at;
    const tail = end.exec(xml);
    if (!tail) return { problems: [...problems, `<${element.name}> is not closed properly: ${JSON.stringify(xml.slice(at, at + 30))}`], root };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) problems.push(`a second root <${element.name}>`);
    else root = element;
    if (tail[1] !== '/') stack.push(element);
    i = end.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.map((e) => `<${e.name}>`).join(' ')}`);
  if (!root) problems.push('no root element');
  return { problems, root };
}
