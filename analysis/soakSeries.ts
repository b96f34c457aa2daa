// Choosing how a soak run is cut into windows and how much of its start is warm-up, from its length.

export interface SoakWindows {
  windowSeconds: number;
  warmupSeconds: number;
}

/**
 * Defaults: one-minute windows and a five-minute warm-up; a run too short for 30 windows of a minute gets
 * windows of a thirtieth of its length (at least a second), and a warm-up of at most a tenth of it.
 */
export function soakWindows(durationSeconds: number, asked: Partial<SoakWindows> = {}): SoakWindows {
  const windowSeconds = asked.windowSeconds ?? (durationSeconds >= 30 * 60 ? 60 : Math.max(1, Math.floor(durationSeconds / 30)));
  const warmupSeconds = asked.warmupSeconds ?? Math.min(300, Math.floor(durationSeconds / 10));
  return { windowSeconds, warmupSeconds };
}

/**
 * The least a soak judges after its warm-up. A trend fitted to less and projected to 8 hours multiplies the noise of
 * a few windows a hundredfold: a 30 s load run (3 s of warm-up, 27 windows of a second) projected 27 GB of memory.
 * Five minutes of windows still extrapolate a hundredfold to 8 hours, but a creep that steady is worth a look.
 */
export const MIN_JUDGED_SECONDS = 300;

/** Undefined when a run of `durationSeconds` is long enough to judge; else what it needed and what it had. */
export function soakTooShort(
  durationSeconds: number,
  windows: SoakWindows,
): { neededSeconds: number; durationSeconds: number; warmupSeconds: number; minJudgedSeconds: number } | undefined {
  const neededSeconds = windows.warmupSeconds + MIN_JUDGED_SECONDS;
  return durationSeconds >= neededSeconds
    ? undefined
    : { neededSeconds, durationSeconds, warmupSeconds: windows.warmupSeconds, minJudgedSeconds: MIN_JUDGED_SECONDS };
}
