// Admission control ("you are in a queue"): at most `capacity` active sessions; past that, visitors get a FIFO ticket
// with their position and an estimated wait computed from the admission rate actually measured. Pure: time is passed in.

import { randomUUID } from 'node:crypto';

export interface WaitingRoomOptions {
  capacity: number;
  /** A session with no activity for this long frees its place. */
  sessionIdleMs: number;
  /** Smoothing window of the measured admission rate. */
  rateWindowMs?: number;
}

export type Admission = { admitted: true; sessionId: string } | { admitted: false; ticketId: string; position: number; estimatedWaitSeconds: number | null };

export function createWaitingRoom(options: WaitingRoomOptions) {
  const sessions = new Map<string, number>(); // session id → last activity
  const queue = new Map<string, number>(); // ticket id → enqueued at; Map keeps insertion order = FIFO
  const admittedTickets = new Map<string, string>(); // ticket id → session id, until the visitor polls
  const admissions: number[] = []; // admission instants within the rate window
  const rateWindowMs = options.rateWindowMs ?? 60_000;
  const waits: number[] = [];

  function expire(now: number): void {
    for (const [id, last] of sessions) if (now - last > options.sessionIdleMs) sessions.delete(id);
    while (admissions.length > 0 && now - admissions[0]! > rateWindowMs) admissions.shift();
  }

  function openSession(now: number): string {
    const id = randomUUID();
    sessions.set(id, now);
    admissions.push(now);
    return id;
  }

  /** Moves tickets from the head of the queue into free places, oldest first. */
  function promote(now: number): void {
    for (const [ticketId, enqueuedAt] of queue) {
      if (sessions.size >= options.capacity) break;
      queue.delete(ticketId);
      admittedTickets.set(ticketId, openSession(now));
      waits.push((now - enqueuedAt) / 1000);
    }
  }

  function positionOf(ticketId: string): number {
    let position = 0;
    for (const id of queue.keys()) {
      position += 1;
      if (id === ticketId) return position;
    }
    return 0;
  }

  /** Seconds until `position` is admitted at the measured rate; null before anything was measured. */
  function estimate(position: number, now: number): number | null {
    if (admissions.length < 2) return null;
    const perSecond = admissions.length / (Math.max(1, now - admissions[0]!) / 1000);
    return Math.ceil(position / perSecond);
  }

  return {
    enter(now: number): Admission {
      expire(now);
      promote(now);
      if (queue.size === 0 && sessions.size < options.capacity) return { admitted: true, sessionId: openSession(now) };
      const ticketId = randomUUID();
      queue.set(ticketId, now);
      const position = queue.size;
      return { admitted: false, ticketId, position, estimatedWaitSeconds: estimate(position, now) };
    },
    poll(ticketId: string, now: number): Admission | undefined {
      expire(now);
      promote(now);
      const sessionId = admittedTickets.get(ticketId);
      if (sessionId) {
        admittedTickets.delete(ticketId);
        return { admitted: true, sessionId };
      }
      const position = positionOf(ticketId);
      if (position === 0) return undefined;
      return { admitted: false, ticketId, position, estimatedWaitSeconds: estimate(position, now) };
    },
    /** A session is alive while it is used; false when it expired or never existed. */
    touch(sessionId: string, now: number): boolean {
      expire(now);
      if (!sessions.has(sessionId)) return false;
      sessions.set(sessionId, now);
      return true;
    },
    leave(sessionId: string, now: number): void {
      sessions.delete(sessionId);
      promote(now);
    },
    /** "E-mail me later": the visitor leaves the queue; the exchange records the request elsewhere. */
    abandon(ticketId: string): boolean {
      return queue.delete(ticketId);
    },
    /** Waits (seconds) of visitors admitted since the last call, for the wait-time histogram. */
    drainWaits(): number[] {
      return waits.splice(0, waits.length);
    },
    stats: () => ({ active: sessions.size, queued: queue.size, capacity: options.capacity }),
  };
}

export type WaitingRoom = ReturnType<typeof createWaitingRoom>;
