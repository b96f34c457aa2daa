import { describe, expect, it } from 'vitest';
import { failedPostsIn } from '../../../scripts/faultFigures/runFacts.ts';

const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ at: '2026-12-02T10:27:33.529Z', service: 'exchange', level: 'warn', event: 'edi834_delivery_failed', reason: 'http_error', ...fields });

describe('failed 834 posts in the exchange log', () => {
  it('counts every attempt, and each failed interchange enrollments once per status however often it was retried', () => {
    const log = [
      '{"event":"listening","service":"exchange","port":35249}',
      line({ issuer: '41001', batch: 5, attempt: 1, enrollments: 3, status: 500 }),
      '{"event":"edi834_retry","issuer":"41001","batch":5,"attempt":2,"enrollments":3}',
      line({ issuer: '41001', batch: 5, attempt: 2, enrollments: 3, status: 500 }),
      line({ issuer: '42002', batch: 5, attempt: 1, enrollments: 2, status: 500 }),
      line({ issuer: '42002', batch: 6, attempt: 1, enrollments: 1, status: 503 }),
      line({ issuer: '42002', batch: 7, attempt: 1, enrollments: 4, reason: 'connection' }),
      '{"event":"edi834_delivery_failed","issuer":"4', // cut by a kill
      '',
    ].join('\n');
    expect(failedPostsIn(log)).toEqual({ attempts: 5, enrollmentsByStatus: { 500: 5, 503: 1, 0: 4 } });
  });

  it('finds none in a log without failures', () => {
    expect(failedPostsIn('{"event":"listening"}\n')).toEqual({ attempts: 0, enrollmentsByStatus: {} });
  });
});
