// Load profiles the harness can run. Each names its k6 script and how many applicants and VUs it uses at scale 1.

import { UsageError } from '../usageError.ts';

export interface Profile {
  name: string;
  script: string;
  description: string;
  applicants: number;
  vus: number;
  maxDuration: string;
  thinkTimeSeconds: number;
}

export const PROFILES: Record<string, Profile> = {
  smoke: {
    name: 'smoke',
    script: 'scenarios/smoke.ts',
    description: 'a few VUs take every applicant through the enrollment journey once; proves the whole path',
    applicants: 20,
    vus: 2,
    maxDuration: '2m',
    thinkTimeSeconds: 0,
  },
};

export function profileNamed(name: string): Profile {
  const profile = PROFILES[name];
  if (!profile) throw new UsageError(`profile "${name}"`, `one of ${Object.keys(PROFILES).join(', ')}`, 'Run `harness run --help` for the profiles.');
  return profile;
}
