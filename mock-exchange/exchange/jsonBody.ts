// Reading a JSON body the way the Express app's body-parser (2.x, strict) does, for the journey fast path: which
// requests it may read at all (else Express reads them), and the same value or the same 400 for the bytes read.
// The strict-mode error is rebuilt as body-parser builds it (MIT, expressjs/body-parser lib/types/json.js), so a
// bad body gets the same message on both paths (pinned by test/mock-exchange/exchange/journeyFastPath.test.ts).

import type { IncomingHttpHeaders } from 'node:http';

/** The content types read here; any other (another charset, a parameter) is left to body-parser. */
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * `'none'`: no body to read — none sent (no content-length, no transfer-encoding), or one without a content type,
 * which body-parser leaves unread too; `'json'`: a JSON body of known length within `limit` to read here;
 * undefined: anything else — chunked, compressed, another type or charset, too long — for Express.
 */
export function bodyKind(headers: IncomingHttpHeaders, limit: number): 'none' | 'json' | undefined {
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const length = headers['content-length'];
  const type = headers['content-type'];
  if (length === undefined || type === undefined) return 'none';
  if (headers['content-encoding'] !== undefined || !JSON_TYPES.has(type.toLowerCase())) return undefined;
  return Number(length) <= limit ? 'json' : undefined;
}

/** The error body-parser passes on for an unparseable body; app.ts's error handling answers it 400 with its message. */
function parseFailure(error: unknown): Error {
  return Object.assign(error as Error, { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' });
}

const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/** body-parser's strict-mode refusal of a body that is not an object or array, with JSON.parse's own wording. */
function strictViolation(text: string, first: string | undefined): Error {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.substring(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return new SyntaxError('strict violation');
  } catch (error) {
    const message = (error as Error).message.replace(/#+/g, (placeholder) => text.substring(index, index + placeholder.length));
    return Object.assign(error as Error, { message });
  }
}

/** The body's value, as body-parser gives it: `{}` for an empty body; throws its 400 for anything but JSON objects and arrays. */
export function parseJsonBody(bytes: Buffer): unknown {
  // body-parser decodes with iconv-lite, which drops a byte-order mark.
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw parseFailure(strictViolation(text, first));
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw parseFailure(error);
  }
}
