import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { household } from '../../bench/fixtures/reconcileRecords.ts';

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

describe('scanRunFolder: every place a run writes', () => {
  const ssn = household(1).members[0]!.ssn;
  const name = `${household(2).members[0]!.firstName} ${household(2).members[0]!.lastName}`;

  it('reads gzipped files unzipped', async () => {
    const dir = runFolder();
    writeFileSync(
      join(dir, 'load-seconds.ndjson.gz'),
      gzipSync(`{"second":1,"series":[]}\n{"second":2,"series":[{"name":"http_reqs","tags":{"name":"/api/v1/x/${ssn}"}}]}\n`),
    );
    expect(await scanRunFolder(dir)).toEqual([{ file: 'load-seconds.ndjson.gz', line: 2, kind: 'ssn', masked: `***-**-${ssn.slice(-4)}` }]);
  });

  it('covers the metric exposition and report.html', async () => {
    const dir = runFolder();
    writeFileSync(join(dir, 'exchange-exposition.prom'), `exchange_http_requests_total{route="${ssn}"} 1\n`);
    writeFileSync(join(dir, 'report.html'), `<html><body>\n<p>enrolled: ${name}</p>\n</body></html>\n`);
    const findings = await scanRunFolder(dir);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.kind}`).sort()).toEqual(['exchange-exposition.prom:1:ssn', 'report.html:2:name']);
  });

  it('covers texts given beside the files (Prometheus label values), naming where they came from', async () => {
    const texts = [{ name: 'prometheus label values (testid t)', lines: ['route=browse', `name=${household(2).members[0]!.dob}`] }];
    expect(await scanRunFolder(runFolder(), texts)).toEqual([
      { file: 'prometheus label values (testid t)', line: 2, kind: 'dob', masked: `${household(2).members[0]!.dob.slice(0, 4)}-**-**` },
    ]);
  });

  it('lets edi/ hold the 834s as the insurer received them, and nothing that only looks like it', async () => {
    const dir = runFolder();
    const interchange = `NM1*IL*1*${household(1).members[0]!.lastName}*${household(1).members[0]!.firstName}****34*${ssn.replaceAll('-', '')}~`;
    mkdirSync(join(dir, 'edi'));
    writeFileSync(join(dir, 'edi', '20260101T000000000Z-000001-HARNESSEXCH-000000001.x12'), interchange);
    writeFileSync(join(dir, 'edi.x12'), interchange);
    mkdirSync(join(dir, 'edi-copy'));
    writeFileSync(join(dir, 'edi-copy', 'a.x12'), interchange);
    const findings = await scanRunFolder(dir);
    expect(
      findings
        .filter((f) => f.kind === 'ssn')
        .map((f) => f.file)
        .sort(),
    ).toEqual(['edi-copy/a.x12', 'edi.x12']);
    expect(findings.every((f) => !f.file.startsWith('edi/'))).toBe(true);
  });

  it('lets a shard folder hold identities where the run folder may, and nowhere else', async () => {
    const dir = runFolder();
    mkdirSync(join(dir, 'shards', '1'), { recursive: true });
    writeFileSync(join(dir, 'shards', '1', 'applicants.ndjson'), JSON.stringify(household(1)));
    writeFileSync(join(dir, 'shards', '1', 'shard.log'), `shard: failed for ${ssn}\n`);
    expect(await scanRunFolder(dir)).toEqual([{ file: 'shards/1/shard.log', line: 1, kind: 'ssn', masked: `***-**-${ssn.slice(-4)}` }]);
  });
});
