// `harness hit URL`: the engine pointed at one URL with a one-request journey, for quick checks and for calibrating
// the engine. Exit 0 when every request succeeded, 1 when any failed or was dropped (a finding), 2 for bad input.

import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { runPlan } from '../../engine/runPlan.ts';
import { hitFigures, hitPlan, hitText, type HitInput } from '../hit/hitPlan.ts';
import { TargetMissed, UsageError } from '../../vocabulary/errors.ts';
import { interruptible } from './interruptible.ts';
import { loadTargetUrl } from './targetUrl.ts';
import { parseDurationOption, parseNumberOption } from './options.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const HIT_JOURNEY = fileURLToPath(new URL('../../engine/journeys/hit.ts', import.meta.url));

interface HitFlags {
  rate?: string;
  vus?: string;
  think?: string;
  duration: string;
  method: string;
  maxInFlight?: string;
  workers?: string;
  json?: boolean;
  allowRemote?: boolean;
}

export function hitInput(rawUrl: string, opts: HitFlags): HitInput {
  const url = loadTargetUrl(`URL ${rawUrl}`, rawUrl, opts.allowRemote);
  const method = opts.method.toUpperCase();
  if (!METHODS.includes(method)) throw new UsageError(`--method ${opts.method}`, `one of ${METHODS.join(', ')}`, 'Give an HTTP method.');
  if ((opts.rate === undefined) === (opts.vus === undefined)) {
    throw new UsageError(
      '--rate / --vus',
      'exactly one of them',
      'Give --rate R (open model: requests a second) or --vus N (closed model: N users, each requesting then thinking --think).',
    );
  }
  if (opts.think !== undefined && opts.rate !== undefined)
    throw new UsageError('--think', 'only with --vus', 'An open model has no think time: drop --think, or use --vus.');
  return {
    url: url.href,
    method,
    durationSeconds: parseDurationOption('--duration', opts.duration),
    ...(opts.rate !== undefined ? { rate: parseNumberOption('--rate', opts.rate, { min: Number.MIN_VALUE }) } : {}),
    ...(opts.vus !== undefined ? { users: parseNumberOption('--vus', opts.vus, { integer: true, min: 1 }) } : {}),
    thinkSeconds: opts.think === undefined || opts.think === '0' ? 0 : parseDurationOption('--think', opts.think),
    ...(opts.maxInFlight !== undefined ? { maxInFlight: parseNumberOption('--max-in-flight', opts.maxInFlight, { integer: true, min: 1 }) } : {}),
  };
}

export function register(program: Command): void {
  program
    .command('hit <url>')
    .description('load one URL with the engine: --rate R (open model) or --vus N [--think D] (closed model); loopback only unless --allow-remote')
    .option('--rate <r>', 'open model: requests a second, each timed from its scheduled send')
    .option('--vus <n>', 'closed model: users, each requesting then thinking --think')
    .option('--think <duration>', 'closed model: what each user waits after its response (e.g. 1s; default 0)')
    .option('--duration <duration>', 'how long to load (e.g. 10s, 2m)', '10s')
    .option('--method <method>', 'HTTP method', 'GET')
    .option('--max-in-flight <n>', 'open model: requests in flight at most; arrivals over it are dropped and counted (default rate × 10 s)')
    .option('--workers <n>', "worker threads (default: the machine's cores)")
    .option('--json', 'print one JSON object instead of the screen')
    .option('--allow-remote', 'allow a host outside loopback: only a target you are permitted to load')
    .action(async (rawUrl: string, opts: HitFlags) => {
      const input = hitInput(rawUrl, opts);
      const workers = opts.workers === undefined ? undefined : parseNumberOption('--workers', opts.workers, { integer: true, min: 1, max: 64 });
      const { plan, journeyOptions } = hitPlan(input);
      await interruptible(async (signal) => {
        const result = await runPlan({ plan, journeyModule: HIT_JOURNEY, journeyOptions, workers, signal });
        const figures = hitFigures(input, result);
        process.stdout.write(opts.json ? `${JSON.stringify(figures)}\n` : `${hitText(input, figures, result.workers)}\n`);
        if (result.exitReason === 'interrupted') process.exitCode = 130;
        else if (figures.errors > 0 || figures.dropped > 0) throw new TargetMissed(`${figures.errors} request(s) failed and ${figures.dropped} were dropped`);
      });
    });
}
