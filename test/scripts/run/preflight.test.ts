// The preflight's arithmetic, from the engine's measured figures, and `harness run` refusing a plan this machine
// cannot hold (exit 2, the figures named) before anything starts.

import { describe, expect, it, vi } from 'vitest';
import { BASE_MIB, ENGINE_MEASURED } from '../../../scripts/k8s/shardSizing.ts';
import { preflight, USERS_PER_CORE } from '../../../scripts/run/preflight.ts';
import { cliInProcess } from '../commands/cliInProcess.ts';

const GiB = 2 ** 30;

// The CLI test sees a machine of 2 cores and 8 GiB free, whatever runs it: a bigger machine must not start the load.
vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), availableParallelism: () => 2, freemem: () => 8 * 2 ** 30 }));

describe('preflight', () => {
  it('allows the measured 50,000 users on 2 cores: 25,000 a core', () => {
    expect(USERS_PER_CORE).toBe(25_000);
    expect(preflight({ maxUsers: 50_000, applicants: 0, cores: 2, freeMemoryBytes: 8 * GiB }).problems).toEqual([]);
  });

  it('refuses one user more than the cores drive, naming both figures', () => {
    const check = preflight({ maxUsers: 50_001, applicants: 0, cores: 2, freeMemoryBytes: 8 * GiB });
    expect(check.problems).toEqual(['50,001 users at once, where 2 core(s) drive about 50,000 at pace (25,000 a core, as measured)']);
  });

  it('needs the base, 849 MiB for 50,000 users and 1 KiB a household, and refuses it when less is free', () => {
    const check = preflight({ maxUsers: 50_000, applicants: 1024 * 100, cores: 4, freeMemoryBytes: 1_000 * 2 ** 20 });
    expect(check.memoryNeededMiB).toBeCloseTo(BASE_MIB + ENGINE_MEASURED.peakRssMiB + 100, 6);
    expect(check.problems).toEqual(['about 1,333 MiB for the engine (50,000 users, 102,400 households), where 1,000 MiB is free']);
  });
});

describe('harness run preflight', () => {
  it('refuses the load profile at full scale on this machine unless --force, exit 2 with the figures', async () => {
    const result = await cliInProcess(['run', 'load', '--scale', '1', '--results', '/nonexistent-results']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /profile load at --scale 1: expected a plan this machine can hold\. It plans 162,420 users at once, where 2 core\(s\) drive about 50,000 at pace/,
    );
    expect(result.stderr).toMatch(/give --force to run it anyway/);
  });
});
