// docs/kubernetes.md quotes the shard sizing's figures: each is checked here against scripts/k8s/shardSizing.ts and
// the profiles, so the page cannot drift from the code that sizes the pods (one source of truth: the code).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_DAY_USERS } from '../../analysis/capacityPlan.ts';
import {
  BASE_MIB,
  BYTES_PER_HOUSEHOLD,
  ENGINE_MEASURED,
  ENGINE_OVERLOADED,
  KIB_PER_USER,
  NATIVE_HISTOGRAMS_PER_SHARD,
  SERIES_PER_SHARD,
  shardSizing,
} from '../../scripts/k8s/shardSizing.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { profileNamed } from '../../scripts/run/profiles/index.ts';
import { loadTargets } from '../../scripts/targets/load.ts';

const page = readFileSync(join(PROJECT_ROOT, 'docs', 'kubernetes.md'), 'utf8');
/** The page with its line breaks as spaces: a phrase may wrap. */
const prose = page.replace(/\s+/g, ' ');
const n = (value: number): string => value.toLocaleString('en-US');
/** The page says this phrase (the failure names the phrase, not the whole page). */
const quotes = (phrase: string): void => expect(prose.includes(phrase), `docs/kubernetes.md to say: ${phrase}`).toBe(true);
const targets = loadTargets();

/** The sizing table's row for this many concurrent users, cell by cell. */
function row(users: number): string[] {
  const line = page.split('\n').find((l) => l.startsWith(`| ${n(users)} `));
  expect(line, `a row for ${n(users)} users`).toBeDefined();
  return line!
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** What `harness k8s` would ask for these users held at once: the shards it advises and one of their pods. */
function sized(users: number): { shards: number; memoryMiB: number; samples: number } {
  const shards = shardSizing({ shards: 1, maxUsers: users, applicants: 0, seconds: 1 }).shardsAdvised;
  const pod = shardSizing({ shards, maxUsers: users, applicants: 0, seconds: 1 });
  return { shards, memoryMiB: pod.memoryMiB, samples: pod.prometheusSamplesPerSecond };
}

describe('docs/kubernetes.md against the shard sizing', () => {
  it.each([
    ['the targets', targets.concurrentUsers],
    ['launch day', LAUNCH_DAY_USERS],
  ])('the row for %s (%d users): shards, memory a pod and Prometheus samples a second', (_what, users) => {
    const { shards, memoryMiB, samples } = sized(users);
    expect(row(users).slice(1)).toEqual([String(shards), `${n(memoryMiB)} MiB + ${BYTES_PER_HOUSEHOLD / 1024} KiB a household`, n(samples)]);
  });

  it('50,000 users fit one shard and 250,000 do not fit one machine at pace', () => {
    expect(sized(targets.concurrentUsers).shards).toBe(1);
    expect(sized(LAUNCH_DAY_USERS).shards).toBe(5);
    expect(ENGINE_OVERLOADED.users).toBe(LAUNCH_DAY_USERS);
    expect(ENGINE_OVERLOADED.pace).toBeLessThan(0.95);
  });

  it('quotes the engine-vus measurements as the code holds them', () => {
    quotes(`pace ${ENGINE_MEASURED.pace} of Little's law, peak RSS ${ENGINE_MEASURED.peakRssMiB} MiB, ${ENGINE_MEASURED.coresUsed} cores`);
    quotes(`held ${n(ENGINE_OVERLOADED.users)} users in ${n(ENGINE_OVERLOADED.peakRssMiB)} MiB but paced ${ENGINE_OVERLOADED.pace}`);
    quotes(`memory: ${BASE_MIB} MiB + ${KIB_PER_USER.toFixed(1)} KiB a user + ${BYTES_PER_HOUSEHOLD / 1024} KiB a household`);
    quotes(`the ${n(ENGINE_OVERLOADED.users)} run measured ${((ENGINE_OVERLOADED.peakRssMiB * 1024) / ENGINE_OVERLOADED.users).toFixed(1)} KiB`);
  });

  it('the arrival-rate profiles: their bound in flight, the shards advised and a pod of load', () => {
    const plan = (name: string) => profileNamed(name).plan({ targets, scale: 1 });
    const [load, spike] = [plan('load'), plan('spike')];
    const advised = (maxUsers: number) => shardSizing({ shards: 1, maxUsers, applicants: 0, seconds: 1 }).shardsAdvised;
    quotes(`up to ${n(load.maxUsers)} could be in flight`);
    quotes(`\`spike\`'s bound is ${n(spike.maxUsers)}`);
    quotes(`(\`load\`: ${advised(load.maxUsers)}; \`spike\`: ${advised(spike.maxUsers)})`);
    const pod = (shards: number) => shardSizing({ shards, maxUsers: load.maxUsers, applicants: load.applicants, seconds: 1 }).memoryMiB;
    quotes(`\`load\` on 4 shards: ${n(pod(4))} MiB each; on 1: ${n(pod(1))} MiB`);
  });

  it('Prometheus: the series a shard makes, sampled every second, for launch day and spike', () => {
    const spikeShards = shardSizing({
      shards: 1,
      maxUsers: profileNamed('spike').plan({ targets, scale: 1 }).maxUsers,
      applicants: 0,
      seconds: 1,
    }).shardsAdvised;
    quotes(`made ${SERIES_PER_SHARD} series (${NATIVE_HISTOGRAMS_PER_SHARD} of them native histograms`);
    quotes(
      `So ${SERIES_PER_SHARD} samples a second a shard, ${n(sized(LAUNCH_DAY_USERS).samples)} for launch day's ${sized(LAUNCH_DAY_USERS).shards} shards, ` +
        `${n(shardSizing({ shards: spikeShards, maxUsers: 1, applicants: 0, seconds: 1 }).prometheusSamplesPerSecond)} for \`spike\`'s ${spikeShards}`,
    );
  });
});
