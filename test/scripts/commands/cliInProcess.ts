// The CLI run in this process through its own main() (what bin/harness.mjs runs), its stderr captured: bad-input
// cases cost milliseconds instead of a process each.

import { vi } from 'vitest';
import { main } from '../../../scripts/cli.ts';

export async function cliInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await main(args);
    return { code: Number(process.exitCode ?? 0), stderr };
  } finally {
    write.mockRestore();
    process.exitCode = 0;
  }
}
