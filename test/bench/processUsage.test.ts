// A process's children as the benches find them (to add a clustered exchange's workers to its CPU): the kernel's
// per-thread lists and the scan of every process agree, on a parent whose children are known.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { childrenByScan, childrenListed, childrenOf, processTreeCpuSeconds, processUsage } from '../../bench/processUsage.ts';

const PARENT = `
const { spawn } = require('node:child_process');
const kids = [0, 1].map(() => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }));
console.log(JSON.stringify(kids.map((k) => k.pid)));
process.on('SIGTERM', () => { for (const k of kids) k.kill('SIGKILL'); process.exit(0); });
setTimeout(() => {}, 60000);
`;

const started: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of started) child.kill('SIGTERM');
});

describe('childrenOf', () => {
  it('finds the two children a parent started, the same by the kernel lists and by the scan', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(parent);
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const kids = (JSON.parse(line.toString()) as number[]).sort();
    expect(kids).toHaveLength(2);
    expect(childrenOf(parent.pid!).sort()).toEqual(kids);
    expect(childrenByScan(parent.pid!).sort()).toEqual(kids);
    // Where the kernel keeps the lists (CONFIG_PROC_CHILDREN, as Debian's kernels do), they are the way taken.
    const listed = childrenListed(parent.pid!);
    if (listed !== undefined) expect(listed.sort()).toEqual(kids);
    expect(childrenOf(kids[0]!)).toEqual([]);
    expect(processTreeCpuSeconds(parent.pid!)).toBeGreaterThanOrEqual(processUsage(parent.pid!)!.cpuSeconds);
  });

  it('gives none for a process that is gone', () => {
    expect(childrenOf(2 ** 22 + 1)).toEqual([]);
    expect(childrenListed(2 ** 22 + 1)).toBeUndefined();
  });
});
