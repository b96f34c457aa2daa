import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../../mock-exchange/exchange/routeMatcher.ts';

const routes = [
  { method: 'GET', path: '/api/v1/enrollments' },
  { method: 'GET', path: '/api/v1/enrollments/:confirmationNumber' },
  { method: 'POST', path: '/api/v1/applications/:applicationId/eligibility' },
] as const;
const matcher = createRouteMatcher(routes);

describe('the exact route matcher', () => {
  it.each([
    ['GET', '/api/v1/enrollments', routes[0], {}],
    ['GET', '/api/v1/enrollments/EN23456789AB', routes[1], { confirmationNumber: 'EN23456789AB' }],
    ['POST', '/api/v1/applications/a-b-c/eligibility', routes[2], { applicationId: 'a-b-c' }],
  ])('matches %s %s with its parameters', (method, path, route, params) => {
    expect(matcher.match(method, path)).toEqual({ route, params });
  });

  it.each([
    ['POST', '/api/v1/enrollments', 'another method'],
    ['GET', '/api/v1/enrollments/', 'a trailing slash (an empty parameter)'],
    ['GET', '/API/v1/enrollments', 'another letter case'],
    ['GET', '/api/v1/enrollments/EN%32', 'percent-encoding'],
    ['POST', '/api/v1/applications//eligibility', 'an empty parameter'],
    ['GET', '/api/v1/enrollments/x/y', 'more segments'],
    ['GET', 'api/v1/enrollments', 'no leading slash'],
  ])('leaves %s %s to Express: %s', (method, path) => {
    expect(matcher.match(method, path)).toBeUndefined();
  });

  it('refuses a pattern it cannot match exactly', () => {
    expect(() => createRouteMatcher([{ method: 'GET', path: '/files/*rest' }])).toThrow(/pattern feature/);
  });
});
