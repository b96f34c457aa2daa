// Debian's Chromium, headless through playwright-core, for the tests that open a report: launched before the file's
// tests and closed after them. `npm test` installs it (harness setup --chromium).

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findChromium } from '../../scripts/tools/chromium.ts';

/** Registers the launch and the close; the returned function gives the browser inside tests. */
export function useHeadlessChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const binary = findChromium();
    if (!binary) throw new Error('No Chromium: run `node bin/harness.mjs setup --chromium` (npm test does).');
    browser = await chromium.launch({ executablePath: binary.path, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not launched: call useHeadlessChromium() at the top of the test file.');
    return browser;
  };
}
