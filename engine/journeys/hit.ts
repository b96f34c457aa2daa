// The one-request journey behind `harness hit`: one request to a URL, then (closed model) a think.

import type { Journey } from '../runtime.ts';

export interface HitOptions {
  url: string;
  method: string;
  body?: string;
  headers?: Record<string, string>;
  /** Seconds each user thinks after its request (closed model). */
  thinkSeconds: number;
}

export function createJourney(options: unknown): Journey {
  const { url, method, body, headers, thinkSeconds } = options as HitOptions;
  const name = `${method} ${new URL(url).pathname}`;
  const request = { name, body, headers, keepBody: false };
  return async (context) => {
    await context.request(method, url, request);
    if (thinkSeconds > 0) await context.sleep(thinkSeconds);
  };
}
