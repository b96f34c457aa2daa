// handleSummary: k6's end-of-test data goes to the run folder as JSON for the harness's verdict.

import { config } from './config.ts';

export function writeSummary(data: object): Record<string, string> {
  return { [config.summaryFile]: JSON.stringify(data, null, 2) };
}
