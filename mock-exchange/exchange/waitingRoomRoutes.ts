// The waiting room over HTTP: enter, poll a ticket, or leave an e-mail and go; and the gate in front of the journey.
// Capacity 0 means no limit: everyone is admitted at once, so clients use one flow either way.

import type { Express, NextFunction, Request, Response } from 'express';
import type { ExchangeMetrics } from './metrics.ts';
import type { Admission, WaitingRoom } from './waitingRoom.ts';

export const SESSION_HEADER = 'x-waiting-room-session';

function retryAfterSeconds(admission: Admission): number {
  if (admission.admitted || admission.estimatedWaitSeconds === null) return 2;
  return Math.min(30, Math.max(1, admission.estimatedWaitSeconds));
}

export function mountWaitingRoom(app: Express, room: WaitingRoom | undefined, metrics: ExchangeMetrics): void {
  const publishStats = (): void => {
    if (!room) return;
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
  const answer = (res: Response, admission: Admission): void => {
    if (admission.admitted) return void res.status(200).json(admission);
    res.set('Retry-After', String(retryAfterSeconds(admission))).status(202).json(admission);
  };

  app.post('/api/v1/waiting-room', (_req: Request, res: Response) => {
    res.locals.route = 'waiting_room';
    if (!room) return answer(res, observe({ admitted: true, sessionId: 'open' }));
    answer(res, observe(room.enter(Date.now())));
  });

  app.get('/api/v1/waiting-room/:ticketId', (req: Request, res: Response) => {
    res.locals.route = 'waiting_room';
    const admission = room?.poll(String(req.params.ticketId), Date.now());
    if (!admission) return void res.status(404).json({ error: 'no such ticket: enter again with POST /api/v1/waiting-room' });
    answer(res, observe(admission));
  });

  // Signing out (or closing the site): the session's place goes to the head of the queue at once, not after it idles.
  app.delete('/api/v1/waiting-room/session', (req: Request, res: Response) => {
    res.locals.route = 'waiting_room';
    const session = req.get(SESSION_HEADER);
    if (!session) return void res.status(400).json({ error: `send the session to end in the ${SESSION_HEADER} header` });
    room?.leave(session, Date.now());
    publishStats();
    res.status(204).end();
  });

  app.post('/api/v1/waiting-room/:ticketId/email-me-later', (req: Request, res: Response) => {
    res.locals.route = 'waiting_room';
    if (!room?.abandon(String(req.params.ticketId))) return void res.status(404).json({ error: 'no such ticket in the queue' });
    res.status(202).json({ recorded: true });
  });
}

/** In front of the journey: only admitted, still-active sessions pass. */
export function requireAdmission(room: WaitingRoom | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!room) return next();
    const session = req.get(SESSION_HEADER);
    if (session && room.touch(session, Date.now())) return next();
    res.locals.route = 'admission_refused';
    res.status(403).json({ error: `enter through the waiting room first: POST /api/v1/waiting-room, then send ${SESSION_HEADER}` });
  };
}
