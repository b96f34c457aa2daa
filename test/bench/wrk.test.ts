import { describe, expect, it } from 'vitest';
import { wrkArgs, wrkScript } from '../../bench/wrk.ts';

describe('wrkArgs', () => {
  it('passes a script with -s before the URL, and none without one', () => {
    expect(wrkArgs({ url: 'http://127.0.0.1:1/x', connections: 50, seconds: 8 })).toEqual(['-t2', '-c50', '-d8s', '--latency', 'http://127.0.0.1:1/x']);
    expect(wrkArgs({ url: 'http://127.0.0.1:1/x', connections: 5, seconds: 1, script: '/d/s.lua' })).toEqual([
      '-t2',
      '-c5',
      '-d1s',
      '--latency',
      '-s',
      '/d/s.lua',
      'http://127.0.0.1:1/x',
    ]);
  });
});

describe('wrkScript', () => {
  it('sets the method, each header and the body as Lua string literals', () => {
    expect(wrkScript('POST', { authorization: 'Bearer a.b', 'content-type': 'application/json' }, '{"planId":"x\\\\y"}')).toBe(
      [
        'wrk.method = "POST"',
        'wrk.headers["authorization"] = "Bearer a.b"',
        'wrk.headers["content-type"] = "application/json"',
        'wrk.body = "{\\"planId\\":\\"x\\\\\\\\y\\"}"',
        '',
      ].join('\n'),
    );
  });

  it('leaves the body out of a GET without one', () => {
    expect(wrkScript('GET', {})).toBe('wrk.method = "GET"\n');
  });

  it('refuses a text that is not printable ASCII, naming it', () => {
    expect(() => wrkScript('GET', { x: 'é' })).toThrow(/"é" is not printable ASCII/);
    expect(() => wrkScript('POST', {}, 'a\nb')).toThrow(/not printable ASCII/);
  });
});
