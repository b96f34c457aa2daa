// The CLI run in this process through its own main() (what bin/harness.mjs runs), its stdout and stderr captured:
// cases that need no run of their own cost milliseconds instead of a process each (a process costs seconds: node, tsx
// and every command's modules loaded again).

import { vi } from 'vitest';
import { main } from '../../../scripts/cli.ts';

export async function cliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const capture =
    (into: (text: string) => void) =>
    (chunk: string | Uint8Array): boolean => {
      into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)) as typeof process.stderr.write);
  try {
    await main(args);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
}
