// `run --nemesis SPEC` against the run's other options: refused where the harness does not own the processes.

import { parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { UsageError } from '../../../vocabulary/errors.ts';
import { NEMESIS_KINDS, parseNemesisSpec, type NemesisItem } from './spec.ts';

export function checkNemesisOptions(spec: string, others: { baseUrl?: string; shards: number; faults: string }): NemesisItem[] {
  const items = parseNemesisSpec(spec);
  if (items.length === 0) throw new UsageError(`--nemesis "${spec}"`, 'at least one item (e.g. kill-exchange@10s)', 'Give a spec, or drop --nemesis.');
  if (others.baseUrl !== undefined) {
    throw new UsageError(
      `--nemesis with --base-url ${others.baseUrl}`,
      'one of them',
      'The nemesis kills and pauses the mock exchange and insurer the harness starts, not an exchange it did not start: drop --nemesis, or --base-url.',
    );
  }
  if (others.shards > 1) {
    throw new UsageError(
      `--nemesis with --shards ${others.shards}`,
      'one shard (the default)',
      "The nemesis follows one engine's load to judge its windows: drop --shards, or --nemesis.",
    );
  }
  // A restarted insurer starts its switches afresh: a time-based one would fire again, and what it counted is gone.
  const insurerSwitches = [...parseFaultSpec(others.faults).values.keys()].filter((name) => name.startsWith('insurer.'));
  const killsInsurer = items.some((i) => NEMESIS_KINDS[i.kind].service === 'insurer' && NEMESIS_KINDS[i.kind].action === 'kill');
  if (killsInsurer && insurerSwitches.length > 0) {
    throw new UsageError(
      `--nemesis kill-insurer with --faults ${insurerSwitches.join(',')}`,
      'insurer.* switches, or kill-insurer, not both',
      'A restarted insurer starts its switches afresh and forgets what they counted: drop one of them.',
    );
  }
  return items;
}
