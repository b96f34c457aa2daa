// The journey fast path's response: the answers a route handler gives (ApiResponse) written to node:http as the
// Express app writes them — the security headers, then any header the handler set, then for JSON its type and length.
// Header order is part of "the same bytes" (test/mock-exchange/exchange/journeyFastPath.test.ts).

import type { ServerResponse } from 'node:http';
import type { ApiResponse } from './routeContext.ts';

/** The headers every answer starts with, flat, built once: the security headers, and what a JSON answer adds. */
export interface ResponseHeads {
  /** [name, value, name, value, …] of the security headers, in helmet's order. */
  security: readonly string[];
  /** `security`, then Content-Type and the name Content-Length, whose value each answer adds. */
  json: readonly string[];
}

export function responseHeads(security: readonly string[]): ResponseHeads {
  return { security, json: [...security, 'Content-Type', 'application/json; charset=utf-8', 'Content-Length'] };
}

export class JsonResponse implements ApiResponse {
  readonly locals: Record<string, unknown> = {};
  private code = 200;
  private readonly res: ServerResponse;
  private readonly heads: ResponseHeads;
  /** Headers the handler set (Retry-After), flat; mostly none, so the common answer copies one prepared list. */
  private extra: string[] | undefined;
  constructor(res: ServerResponse, heads: ResponseHeads) {
    this.res = res;
    this.heads = heads;
  }

  status(code: number): this {
    this.code = code;
    return this;
  }

  /** Express's res.set: after the security headers, ahead of the JSON's own (a header they set is not expected here). */
  set(field: string, value: string): this {
    (this.extra ??= []).push(field, value);
    return this;
  }

  json(body: unknown): void {
    const text = JSON.stringify(body);
    const head = this.extra ? [...this.heads.security, ...this.extra, ...this.heads.json.slice(this.heads.security.length)] : this.heads.json.slice();
    head.push(String(Buffer.byteLength(text)));
    this.res.writeHead(this.code, head);
    this.res.end(text);
  }

  /** An answer with no body: node adds no length to a 204, on either path. */
  end(): void {
    this.res.writeHead(this.code, [...this.heads.security, ...(this.extra ?? [])]);
    this.res.end();
  }
}
