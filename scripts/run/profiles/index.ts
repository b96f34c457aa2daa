// The load profiles `harness run` knows, by name.

import { UsageError } from '../../../vocabulary/errors.ts';
import { breakpoint } from './breakpoint.ts';
import { concurrency } from './concurrency.ts';
import { load } from './load.ts';
import type { Profile } from './profile.ts';
import { security } from './security.ts';
import { smoke } from './smoke.ts';
import { soak } from './soak.ts';
import { spike } from './spike.ts';
import { stress } from './stress.ts';

export type { PlanInput, Profile, ProfilePlan } from './profile.ts';

export const PROFILES: Record<string, Profile> = { smoke, load, stress, breakpoint, spike, soak, concurrency, security };

export function profileNamed(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile) throw new UsageError(`profile "${name}"`, `one of ${Object.keys(PROFILES).join(', ')}`, 'Run `harness run --help` for the profiles.');
  return profile;
}
