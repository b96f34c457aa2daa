// The consumer population as an engine journey module: journey k takes applicant k and makes the journey its place
// in the arrivals gives through the funnel (mode 'funnel') or enrolls (mode 'enroll'). createJourney runs once per worker: it checks the options, loads this segment's applicants and
// opens this segment's ledger.

import type { Journey } from '../../engine/runtime.ts';
import type { Segment } from '../../engine/schedule.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { journeyFor, type JourneyKind, type JourneyMix } from '../../vocabulary/journeys.ts';
import { applicantFor, loadSegmentApplicants } from './applicants.ts';
import { consumerJourney, createConsumerWorker } from './journeys.ts';
import { openLedger, segmentLedgerFile } from './ledger.ts';
import { CONSUMER_OPTION_NAMES, consumerOptions, journeyMixOption, optionsObject, refuseUnknownOptions, type ConsumerOptions } from './options.ts';

export const MARKETPLACE_MODES = ['funnel', 'enroll'] as const;
export type MarketplaceMode = (typeof MARKETPLACE_MODES)[number];

export interface MarketplaceOptions extends ConsumerOptions {
  /** 'funnel': journey k makes journeyFor(k, journeyMix); 'enroll': every journey enrolls. */
  mode: MarketplaceMode;
  /** The share of consumers making each journey; required in 'funnel' mode, unused in 'enroll'. */
  journeyMix?: JourneyMix;
}

const MODULE = 'marketplace';

export function marketplaceOptions(raw: unknown): MarketplaceOptions {
  const options = optionsObject(MODULE, raw);
  refuseUnknownOptions(MODULE, options, [...CONSUMER_OPTION_NAMES, 'mode', 'journeyMix']);
  const mode = options.mode;
  if (!(MARKETPLACE_MODES as readonly unknown[]).includes(mode)) {
    throw new UsageError(
      `${MODULE} journey option mode${mode === undefined ? '' : ` (got ${JSON.stringify(mode)})`}`,
      `one of ${MARKETPLACE_MODES.join(', ')}`,
      "Give 'funnel' for the targets' mix of journeys (load, spike, soak, concurrency) or 'enroll' for the enrollment path (smoke, stress, breakpoint).",
    );
  }
  return {
    ...consumerOptions(MODULE, options),
    mode: mode as MarketplaceMode,
    ...(mode === 'funnel' ? { journeyMix: journeyMixOption(MODULE, options) } : {}),
  };
}

export async function createJourney(raw: unknown, segment: Segment): Promise<Journey> {
  const options = marketplaceOptions(raw);
  const applicants = await loadSegmentApplicants(options.applicantsFile, segment);
  const worker = createConsumerWorker(options, openLedger(segmentLedgerFile(options.ledgerDir, segment)));
  const kindOf = (k: number): JourneyKind => (options.mode === 'enroll' ? 'enroll' : journeyFor(k, options.journeyMix!));
  // The journey by its number in the whole test, so a test split across workers and machines keeps the funnel's shares.
  return async (context) => consumerJourney(kindOf(context.iteration), applicantFor(applicants, context.iteration), context, worker);
}
