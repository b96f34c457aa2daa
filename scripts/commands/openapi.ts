// `harness openapi [--out FILE]`: the exchange's OpenAPI document (generated from the request schemas), printed or
// written; docs/openapi.json is this output, kept current by a test.

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ensureWritableFileFolder } from '../outputFolder.ts';

export function register(program: Command): void {
  program
    .command('openapi')
    .description("print the mock exchange's OpenAPI 3.1 document (docs/openapi.json is its committed copy)")
    .option('--out <file>', 'write it to a file instead')
    .action(async (opts: { out?: string }) => {
      const { openApiText } = await import('../../mock-exchange/exchange/openapi.ts');
      if (opts.out) writeFileSync(ensureWritableFileFolder(opts.out, '--out'), openApiText());
      else process.stdout.write(openApiText());
    });
}
