// Shard sizing with worked examples: the engine-vus bench's 50,000 users in 849 MiB, a base for a shard with none,
// a household held per applicant of the shard's segment, whole cores, and the shards a plan is advised.

import { describe, expect, it } from 'vitest';
import { BASE_MIB, KIB_PER_USER, SERIES_PER_SHARD, shardSizing, USERS_PER_SHARD } from '../../../scripts/k8s/shardSizing.ts';
import { profileNamed } from '../../../scripts/run/profiles/index.ts';
import { testTargets } from '../../vocabulary/targetsFixture.ts';

describe('shard sizing', () => {
  it('holds the measured figure: 849 MiB for 50,000 users is 17.4 KiB a user', () => {
    expect(KIB_PER_USER).toBeCloseTo(17.39, 2);
    expect(USERS_PER_SHARD).toBe(50_000);
  });

  it('50,000 users and 200,000 households on one shard: base + 849 MiB + 195 MiB, rounded up to 64 MiB', () => {
    const sizing = shardSizing({ shards: 1, maxUsers: 50_000, applicants: 200_000, seconds: 900 });
    // 384 + 849 + 195.3 = 1428.3 MiB → 1472 MiB.
    expect(sizing.memoryMiB).toBe(1472);
    expect(sizing).toMatchObject({ usersPerShard: 50_000, householdsPerShard: 200_000, cpuCores: 1, workers: 2, shardsAdvised: 1, storageGiB: 1 });
  });

  it('a shard with next to no users still gets the base (and the next 64 MiB step for its two users)', () => {
    expect(shardSizing({ shards: 1, maxUsers: 2, applicants: 20, seconds: 120 }).memoryMiB).toBe(BASE_MIB + 64);
  });

  it('splits users and households across shards, rounding up', () => {
    const sizing = shardSizing({ shards: 3, maxUsers: 100_001, applicants: 10, seconds: 60 });
    expect([sizing.usersPerShard, sizing.householdsPerShard]).toEqual([33_334, 4]);
  });

  it('a shard over 50,000 users asks for a core per 50,000 and is advised more shards', () => {
    const sizing = shardSizing({ shards: 2, maxUsers: 250_000, applicants: 0, seconds: 60 });
    expect(sizing).toMatchObject({ usersPerShard: 125_000, cpuCores: 3, workers: 3, shardsAdvised: 5 });
  });

  it("the results claim holds twice every shard's applicants and per-second rows and a ledger line a journey", () => {
    // 10 × (2,000,000 × 1 KiB + 14,400 s × 16 KiB) + 2,000,000 × 256 B = 21.7 GiB, twice that → 44 GiB.
    expect(shardSizing({ shards: 10, maxUsers: 1, applicants: 2_000_000, seconds: 14_400 }).storageGiB).toBe(44);
    // A small test still gets 1 GiB.
    expect(shardSizing({ shards: 2, maxUsers: 2, applicants: 20, seconds: 120 }).storageGiB).toBe(1);
  });

  it('Prometheus gets a sample a second of every series of every shard: 104 a shard', () => {
    expect(SERIES_PER_SHARD).toBe(104);
    expect(shardSizing({ shards: 5, maxUsers: 250_000, applicants: 0, seconds: 60 }).prometheusSamplesPerSecond).toBe(520);
  });

  it("the load profile at the targets' 50,000 users: up to 162,420 in flight at the p99 SLO, so 4 shards advised", () => {
    const plan = profileNamed('load').plan({ targets: testTargets(), scale: 1 });
    // 822.37 journeys/s × 197.5 s (the longest journey: 4 pauses of 1.5 × 30 s, 7 requests at the p99 SLO of 2.5 s) = 162,417.8 → 162,418, + 2.
    expect(shardSizing({ shards: 1, maxUsers: plan.maxUsers, applicants: plan.applicants, seconds: 1108 }).shardsAdvised).toBe(
      Math.ceil(plan.maxUsers / 50_000),
    );
    expect(plan.maxUsers).toBe(162_420);
  });
});
