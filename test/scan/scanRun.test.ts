import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { household } from '../reconcile/fixtures.ts';

function runFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  const households = [household(1), household(2)];
  writeFileSync(join(dir, 'applicants.ndjson'), households.map((h) => JSON.stringify(h)).join('\n'));
  // Files meant to hold identities may hold them.
  writeFileSync(join(dir, 'insurer-records.ndjson'), JSON.stringify({ ssn: households[0]!.members[0]!.ssn }));
  mkdirSync(join(dir, 'exchange'));
  writeFileSync(join(dir, 'exchange', 'dump.txt'), households[1]!.members[0]!.ssn);
  writeFileSync(join(dir, 'exchange.log'), 'exchange: listening\n');
  writeFileSync(join(dir, 'summary.md'), '## PASS\n');
  return dir;
}

describe('scanRunFolder', () => {
  it('passes a clean run folder', async () => {
    expect(await scanRunFolder(runFolder())).toEqual([]);
  });
  it('catches an SSN planted in a log line, naming file and line', async () => {
    const dir = runFolder();
    const ssn = household(2).members[0]!.ssn;
    appendFileSync(join(dir, 'exchange.log'), `exchange: failed for ${ssn}\n`);
    expect(await scanRunFolder(dir)).toEqual([{ file: 'exchange.log', line: 2, kind: 'ssn', masked: `***-**-${ssn.slice(-4)}` }]);
  });
});
