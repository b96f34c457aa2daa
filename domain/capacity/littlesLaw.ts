// Little's law for interactive users, N = X · (R + Z): the conversions between concurrent users, throughput,
// response time and think time that turn a capacity target into an arrival rate.

export interface InteractiveLoad {
  /** Concurrent users (N). */
  users: number;
  /** Mean response time in seconds (R). */
  responseSeconds: number;
  /** Mean think time in seconds (Z). */
  thinkSeconds: number;
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive finite number, got ${value}`);
}

/** X = N / (R + Z): requests per second that N users generate. */
export function throughputOf(load: InteractiveLoad): number {
  requirePositive('users', load.users);
  requirePositive('responseSeconds + thinkSeconds', load.responseSeconds + load.thinkSeconds);
  return load.users / (load.responseSeconds + load.thinkSeconds);
}

/** N = X · (R + Z): concurrent users a throughput sustains. */
export function usersFor(throughput: number, responseSeconds: number, thinkSeconds: number): number {
  requirePositive('throughput', throughput);
  return throughput * (responseSeconds + thinkSeconds);
}

/** Requests in flight at the server, X · R (Little's law applied to the server alone). */
export function inFlightOf(load: InteractiveLoad): number {
  return throughputOf(load) * load.responseSeconds;
}
