// Admission control as the HTTP routes use it: the waiting room's operations, asynchronous so that with several
// exchange workers they can go to the one waiting room the primary process holds (cluster.ts). `localAdmission`
// wraps the pure room in this process and keeps its metrics.

import type { ExchangeMetrics } from './metrics.ts';
import type { Admission, WaitingRoom } from './waitingRoom.ts';

export interface AdmissionControl {
  enter(): Promise<Admission>;
  poll(ticketId: string): Promise<Admission | undefined>;
  /** A session is alive while it is used; false when it expired or never existed. */
  touch(sessionId: string): Promise<boolean>;
  leave(sessionId: string): Promise<void>;
  /** "E-mail me later": false when the ticket is not in the queue. */
  abandon(ticketId: string): Promise<boolean>;
}

/** The operations by name, as they travel between processes. */
export type AdmissionOp = keyof AdmissionControl;
export const ADMISSION_OPS: readonly AdmissionOp[] = ['enter', 'poll', 'touch', 'leave', 'abandon'];

export function localAdmission(room: WaitingRoom, metrics: ExchangeMetrics): AdmissionControl {
  const publishStats = (): void => {
    for (const wait of room.drainWaits()) metrics.waitingRoomWait.observe(wait);
    const stats = room.stats();
    metrics.waitingRoomQueued.set(stats.queued);
    metrics.waitingRoomActive.set(stats.active);
  };
  const observe = (admission: Admission): Admission => {
    publishStats();
    if (admission.admitted) metrics.waitingRoomAdmitted.inc();
    return admission;
  };
  return {
    enter: async () => observe(room.enter(Date.now())),
    async poll(ticketId) {
      const admission = room.poll(ticketId, Date.now());
      return admission && observe(admission);
    },
    touch: async (sessionId) => room.touch(sessionId, Date.now()),
    async leave(sessionId) {
      room.leave(sessionId, Date.now());
      publishStats();
    },
    abandon: async (ticketId) => room.abandon(ticketId),
  };
}
