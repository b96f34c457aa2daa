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
