import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { bodyKind, parseJsonBody } from '../../../mock-exchange/exchange/jsonBody.ts';

const json = 'application/json';

describe('which bodies the journey fast path reads', () => {
  it.each([
    [{}, 'none', 'no body'],
    [{ 'content-length': '12' }, 'none', 'a body with no type, which body-parser leaves unread'],
    [{ 'content-length': '12', 'content-type': json }, 'json', 'JSON'],
    [{ 'content-length': '12', 'content-type': 'Application/JSON; charset=UTF-8' }, 'json', 'JSON in UTF-8, any letter case'],
    [{ 'content-length': '100', 'content-type': json }, 'json', 'JSON at the limit'],
    [{ 'content-length': '101', 'content-type': json }, undefined, 'JSON over the limit'],
    [{ 'transfer-encoding': 'chunked', 'content-type': json }, undefined, 'a chunked body'],
    [{ 'content-length': '12', 'content-type': json, 'content-encoding': 'gzip' }, undefined, 'a compressed body'],
    [{ 'content-length': '12', 'content-type': 'application/json; charset=latin1' }, undefined, 'another charset'],
    [{ 'content-length': '12', 'content-type': 'text/plain' }, undefined, 'another type'],
  ] as [IncomingHttpHeaders, 'none' | 'json' | undefined, string][])('%j: %s (%s)', (headers, kind, _why) => {
    expect(bodyKind(headers, 100)).toBe(kind);
  });
});

describe('a JSON body read as body-parser reads it', () => {
  it('gives objects, arrays and {} for an empty body, without a byte-order mark', () => {
    expect(parseJsonBody(Buffer.from(' {"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonBody(Buffer.from('[1]'))).toEqual([1]);
    expect(parseJsonBody(Buffer.from(''))).toEqual({});
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}'))).toEqual({ a: 1 });
  });

  it('refuses anything else with a 400 naming what it found', () => {
    const refusal = (text: string) => {
      try {
        parseJsonBody(Buffer.from(text));
      } catch (error) {
        return { status: (error as { status: number }).status, type: (error as { type: string }).type, message: (error as Error).message };
      }
      throw new Error(`${text} was accepted`);
    };
    expect(refusal('"hello"')).toMatchObject({ status: 400, type: 'entity.parse.failed', message: expect.stringContaining('"hello"') });
    expect(refusal('  true')).toMatchObject({ status: 400, message: expect.stringContaining('true') });
    expect(refusal('{"a":')).toMatchObject({ status: 400, type: 'entity.parse.failed' });
  });
});
