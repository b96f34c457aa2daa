// A bench-only journey module: one GET of a fixed URL, its status checked (200) and its body discarded as it
// arrives. The exchange-overhead benchmark's floor (bare node:http) and its plan browsing, with no think time.

import type { Journey } from '../engine/runtime.ts';

export interface GetOptions {
  url: string;
  /** The request's `name` tag (the route), e.g. `GET /api/v1/plans`: never the per-request URL. */
  name: string;
}

export function createJourney(options: unknown): Journey {
  const { url, name } = options as GetOptions;
  if (typeof url !== 'string' || typeof name !== 'string')
    throw new Error(`get journey options: expected { url, name } as strings, got ${JSON.stringify(options)}`);
  const request = { name, keepBody: false };
  return async (context) => {
    const response = await context.get(url, request);
    context.check('200', response.status === 200);
  };
}
