// Front-end fault injection on the exchange's API: added latency, CPU work that holds the event loop, injected 500s,
// a wrong subsidy, a skipped ownership check, and the vulnerable modes the security profile must catch. Each switch
// is validated (mock-exchange/faults) at start or when the loopback admin endpoint replaces them during a run; each
// injection is counted.

import { shouldInject, type FaultSet, type VulnerableSwitch } from '../faults/index.ts';
import type { ExchangeRoute } from '../../vocabulary/routes.ts';

/** A subsidy visibly wrong: $50 a month more credit than the rules allow. */
export const WRONG_SUBSIDY_EXTRA = 50;

/** Keeps the thread busy for `ms`: unlike a timer, nothing else on the exchange runs meanwhile (real contention). */
export function burnCpu(ms: number): void {
  const until = performance.now() + ms;
  let spin = 0;
  while (performance.now() < until) spin += 1;
  if (spin < 0) throw new Error('unreachable');
}

/** Whether a switch acts on the exchange's API (the `exchange.*` switches); `backend.*` and `insurer.*` act elsewhere. */
export const isFrontSwitch = (name: string): boolean => name.startsWith('exchange.');

export function createFrontFaults(initial: FaultSet, count: (fault: string) => void) {
  let faults = initial;
  let active = [...initial.values.keys()].some(isFrontSwitch);
  let requests = 0;
  let holeRequests = 0;
  const latencyMs = (route: ExchangeRoute): number => faults.durationMs('exchange.latency') + faults.durationMs(`exchange.latency.${route}`);
  const errorRate = (route: ExchangeRoute): number => Math.max(faults.rate('exchange.error'), faults.rate(`exchange.error.${route}`));

  return {
    /** The switches in force. */
    get current(): FaultSet {
      return faults;
    },
    /** True while any `exchange.*` switch is on (the browse fast path steps aside so they act on browsing too). */
    get active(): boolean {
      return active;
    },
    /** Puts other switches in force from the next request on (the admin endpoint); validated by the caller. */
    replace(next: FaultSet): void {
      faults = next;
      active = [...next.values.keys()].some(isFrontSwitch);
    },
    /** Waits the configured latency; true when this request must be answered with an injected 500. */
    async beforeRoute(route: ExchangeRoute): Promise<boolean> {
      const cpuMs = faults.durationMs('exchange.cpu');
      if (cpuMs > 0) burnCpu(cpuMs);
      const delay = latencyMs(route);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      requests += 1;
      const rate = errorRate(route);
      if (rate > 0 && shouldInject(rate, `exchange.error:${route}:${requests}`)) {
        count('exchange.error');
        return true;
      }
      return false;
    },
    /** Same answer for every request about one application, so eligibility and enrollment agree with each other. */
    wrongSubsidy(applicationId: string): boolean {
      return shouldInject(faults.rate('exchange.wrongSubsidy'), `exchange.wrongSubsidy:${applicationId}`);
    },
    skipOwnershipCheck(resourceId: string): boolean {
      return shouldInject(faults.rate('exchange.skipOwnershipCheck'), `exchange.skipOwnershipCheck:${resourceId}`);
    },
    /** A vulnerable mode: true when this resource, account or client (the key) gets the hole; keyed per request when no key is given. */
    hole(name: VulnerableSwitch, key?: string): boolean {
      const rate = faults.rate(name);
      if (rate <= 0) return false;
      holeRequests += 1;
      return shouldInject(rate, `${name}:${key ?? `request-${holeRequests}`}`);
    },
  };
}

export type FrontFaults = ReturnType<typeof createFrontFaults>;
