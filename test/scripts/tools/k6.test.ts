import { describe, expect, it } from 'vitest';
import { parseK6Version } from '../../../scripts/tools/k6.ts';
import { K6 } from '../../../scripts/tools/versions.ts';

describe('parseK6Version', () => {
  it('reads the version and major from `k6 version`', () => {
    expect(parseK6Version('k6 v1.8.1 (go1.26.8, linux/amd64)\n')).toEqual({ version: 'v1.8.1', major: 1 });
    expect(parseK6Version('k6 v0.52.0 (commit/xyz, go1.22)')).toEqual({ version: 'v0.52.0', major: 0 });
  });
  it('returns undefined for anything else', () => {
    expect(parseK6Version('command not found')).toBeUndefined();
  });
  it('pins one version whose major matches', () => {
    expect(parseK6Version(`k6 ${K6.version} (go)`)?.major).toBe(K6.major);
  });
});
