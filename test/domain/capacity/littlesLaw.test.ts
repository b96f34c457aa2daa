import { describe, expect, it } from 'vitest';
import { inFlightOf, throughputOf, usersFor } from '../../../domain/capacity/littlesLaw.ts';

describe("Little's law", () => {
  // domain.md §5: 50,000 users, Z = 30 s, R = 0.2 s → X = 50,000 / 30.2 = 1,655.63 pages/s; X·R = 331.1 in flight.
  const launch = { users: 50_000, responseSeconds: 0.2, thinkSeconds: 30 };

  it('turns concurrent users into throughput', () => {
    expect(throughputOf(launch)).toBeCloseTo(1655.63, 2);
  });
  it('gives the requests in flight at the server', () => {
    expect(inFlightOf(launch)).toBeCloseTo(331.13, 2);
  });
  it('inverts: the throughput of 250,000 launch-day users sustains 250,000 users', () => {
    const x = throughputOf({ ...launch, users: 250_000 });
    expect(x).toBeCloseTo(8278.15, 2);
    expect(usersFor(x, 0.2, 30)).toBeCloseTo(250_000, 6);
  });
  it('refuses meaningless inputs', () => {
    expect(() => throughputOf({ users: 0, responseSeconds: 0.2, thinkSeconds: 30 })).toThrow(/users must be a positive/);
    expect(() => throughputOf({ users: 10, responseSeconds: 0, thinkSeconds: 0 })).toThrow(/responseSeconds \+ thinkSeconds/);
  });
});
