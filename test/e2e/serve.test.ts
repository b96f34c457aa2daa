// `harness serve exchange|insurer`: the exchange takes the same settings a run gives it (waiting room, rate limit,
// password cost), checked as the run checks them; an option of the other service is refused, not ignored.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHarness } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-serve-'));
const NO_INSURER = 'http://127.0.0.1:9';

describe('harness serve', () => {
  it('runs the exchange with the waiting room asked for: with room for one, the second visitor queues; Ctrl-C stops it', async () => {
    const answers: number[] = [];
    let asked = false;
    const result = await runHarness(
      ['serve', 'exchange', '--port', '0', '--data-dir', join(dir, 'exchange'), '--insurer-url', NO_INSURER, '--waiting-room', '1', '--password-cost', '16'],
      {
        timeoutMs: 60_000,
        onStdout: (stdout, child) => {
          const port = /"event":"listening","service":"exchange","port":(\d+)/.exec(stdout)?.[1];
          if (asked || port === undefined) return;
          asked = true;
          void (async () => {
            try {
              for (let visitor = 0; visitor < 2; visitor++)
                answers.push((await fetch(`http://127.0.0.1:${port}/api/v1/waiting-room`, { method: 'POST' })).status);
            } finally {
              child.kill('SIGINT');
            }
          })();
        },
      },
    );
    expect(asked, result.stdout + result.stderr).toBe(true);
    expect(answers).toEqual([200, 202]);
    expect(result.code).toBe(0);
  }, 60_000);

  it('refuses a password cost that is not a power of two with exit 2, naming it', async () => {
    const result = await runHarness(['serve', 'exchange', '--data-dir', join(dir, 'bad-cost'), '--insurer-url', NO_INSURER, '--password-cost', '1000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password-cost 1000: expected scrypt's N, a power of two/);
  });

  it("refuses the exchange's options for the insurer with exit 2, rather than ignore them", async () => {
    const result = await runHarness(['serve', 'insurer', '--data-dir', join(dir, 'insurer'), '--waiting-room', '5', '--password-cost', '16']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--waiting-room, --password-cost: expected no exchange-only option for the insurer/);
  });

  it('refuses a service it does not know with exit 2', async () => {
    const result = await runHarness(['serve', 'broker']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/service "broker": expected exchange or insurer/);
  });
});
