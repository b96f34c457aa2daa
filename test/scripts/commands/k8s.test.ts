// `harness k8s` on the command line, in-process through the CLI's main(): bad input exits 2 naming it; a cluster's
// own exchange address (not loopback) is what it is for; the README in the folder says how to apply, watch, collect.

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILES } from '../../../scripts/k8s/k8sReadme.ts';
import { cliInProcess } from './cliInProcess.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-k8s-cli-'));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'not a folder\n');
const base = (out: string) => ['k8s', '--profile', 'smoke', '--shards', '2', '--out', out, '--base-url', 'http://exchange.marketplace.svc:8080'];
const withFlag = (flag: string, value: string) => {
  const args = base(join(dir, 'out'));
  const at = args.indexOf(flag);
  if (at >= 0) args[at + 1] = value;
  else args.push(flag, value);
  return args;
};

const BAD: [string, string[], RegExp][] = [
  ['--shards 0', withFlag('--shards', '0'), /--shards 0: expected a whole number ≥ 1 and ≤ 1000/],
  ['--shards 2.5', withFlag('--shards', '2.5'), /--shards 2\.5: expected a whole number/],
  ['--base-url ftp://…', withFlag('--base-url', 'ftp://exchange:21'), /--base-url ftp:\/\/exchange:21: expected the exchange's http\(s\) URL/],
  ['--base-url not a URL', withFlag('--base-url', 'exchange.svc'), /--base-url exchange\.svc: expected the exchange's http\(s\) URL/],
  [
    '--out under a file',
    withFlag('--out', join(aFile, 'k8s')),
    /--out .*a-file\/k8s: expected a folder that can be created and written\. .*a-file is a file, not a folder/,
  ],
  ['--prometheus ftp://…', withFlag('--prometheus', 'ftp://x'), /--prometheus ftp:\/\/x: expected auto, own, off, or the http\(s\) URL/],
  ['--prometheus own', withFlag('--prometheus', 'own'), /--prometheus own: expected the http\(s\) URL of a Prometheus the pods reach/],
  ['--start-delay 1x', withFlag('--start-delay', '1x'), /--start-delay 1x: expected a positive duration/],
  ['--namespace Load_Tests', withFlag('--namespace', 'Load_Tests'), /--namespace Load_Tests: expected a DNS-1123 label/],
  ['--storage-class with a space', withFlag('--storage-class', 'nfs client'), /--storage-class nfs client: expected a storage class name/],
  ['an unknown profile', withFlag('--profile', 'nosuch'), /profile "nosuch": expected one of smoke/],
  ['no --shards', base(join(dir, 'out')).filter((a, i, all) => a !== '--shards' && all[i - 1] !== '--shards'), /--shards: expected the number of shard pods/],
];

describe('harness k8s on the command line', () => {
  afterEach(() => {
    process.exitCode = 0;
  });

  it.each(BAD)('%s: exit 2 naming the input, no stack trace', async (_what, args, message) => {
    const result = await cliInProcess(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  // Root writes anywhere, so this runs for other users only; the ENOTDIR case above refuses --out for everyone.
  it.skipIf(process.getuid?.() === 0)('--out in a folder it may not write: exit 2', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'harness-k8s-locked-'));
    chmodSync(locked, 0o555);
    const result = await cliInProcess(withFlag('--out', join(locked, 'k8s')));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .*: expected a folder that can be created and written/);
  });

  it("takes the cluster's exchange address and writes the manifests and a README that says how to apply, watch and collect", async () => {
    const out = join(dir, 'ok');
    const result = await cliInProcess([...base(out), '--namespace', 'load-tests', '--base-url', 'https://exchange.example.gov']);
    expect(result.code, result.stderr).toBe(0);
    const printed = result.stdout;
    expect(printed).toMatch(/2 shards: up to [\d,]+ users .* a pod; results claim 1 GiB \(ReadWriteMany\)/);
    expect(printed).toMatch(/load starts at \d{4}-\d\d-\d\dT.*Z: apply before then/);
    const readme = readFileSync(join(out, MANIFEST_FILES.readme), 'utf8');
    const name = /Job `(marketplace-[^`]+)`/.exec(readme)![1]!;
    const testid = name.replace(/^marketplace-/, '');
    expect(readme).toContain(`kubectl apply -f ${out}/manifests.yaml`);
    expect(readme).toContain(`kubectl -n load-tests get pods -l marketplace-harness/testid=${testid} -w`);
    expect(readme).toContain(`kubectl -n load-tests wait --for=condition=complete job/${name} --timeout=`);
    expect(readme).toContain(`kubectl apply -f ${out}/collector.yaml`);
    expect(readme).toContain(`kubectl -n load-tests cp ${name}-collect:/results/${testid} results/${testid}-shards`);
    expect(readme).toContain(`npm run harness -- collect --from results/${testid}-shards/shard-0 results/${testid}-shards/shard-1 --out results/${testid}`);
    expect(readFileSync(join(out, MANIFEST_FILES.manifests), 'utf8')).toContain('https://exchange.example.gov');
  });
});
