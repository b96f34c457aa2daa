import { describe, expect, it } from 'vitest';
import { createWaitingRoom, type Admission } from '../../../mock-exchange/exchange/waitingRoom.ts';

const ticketOf = (a: Admission): string => {
  if (a.admitted) throw new Error('expected a ticket');
  return a.ticketId;
};

describe('waiting room', () => {
  it('admits up to capacity, then queues with positions in arrival order', () => {
    const room = createWaitingRoom({ capacity: 2, sessionIdleMs: 60_000 });
    expect(room.enter(0).admitted).toBe(true);
    expect(room.enter(0).admitted).toBe(true);
    const third = room.enter(1);
    const fourth = room.enter(2);
    expect(third).toMatchObject({ admitted: false, position: 1 });
    expect(fourth).toMatchObject({ admitted: false, position: 2 });
    expect(room.stats()).toEqual({ active: 2, queued: 2, capacity: 2 });
  });

  it('admits queued visitors first-in first-out when places free up', () => {
    const room = createWaitingRoom({ capacity: 1, sessionIdleMs: 60_000 });
    const first = room.enter(0);
    const a = ticketOf(room.enter(1));
    const b = ticketOf(room.enter(2));
    if (!first.admitted) throw new Error('first visitor should be admitted');
    room.leave(first.sessionId, 3);
    expect(room.poll(b, 4)).toMatchObject({ admitted: false, position: 1 });
    expect(room.poll(a, 4)?.admitted).toBe(true);
    expect(room.drainWaits()).toEqual([0.002]);
  });

  it('frees the place of an idle session', () => {
    const room = createWaitingRoom({ capacity: 1, sessionIdleMs: 1_000 });
    room.enter(0);
    const waiting = ticketOf(room.enter(10));
    expect(room.poll(waiting, 500)?.admitted).toBe(false);
    expect(room.poll(waiting, 1_500)?.admitted).toBe(true);
  });

  it('estimates the wait from the measured admission rate', () => {
    const room = createWaitingRoom({ capacity: 100, sessionIdleMs: 60_000 });
    // 100 admissions over 10 s: 10 per second.
    for (let i = 0; i < 100; i += 1) room.enter(i * 100);
    const queued = room.enter(10_000);
    const fifth = [1, 2, 3, 4].reduce<Admission>(() => room.enter(10_000), queued);
    expect(queued).toMatchObject({ position: 1, estimatedWaitSeconds: 1 });
    expect(fifth).toMatchObject({ position: 5, estimatedWaitSeconds: 1 });
    const many = Array.from({ length: 50 }, () => room.enter(10_000)).at(-1);
    expect(many).toMatchObject({ position: 55, estimatedWaitSeconds: 6 });
  });

  it('lets a visitor leave the queue (e-mail me later) and forgets unknown tickets', () => {
    const room = createWaitingRoom({ capacity: 1, sessionIdleMs: 60_000 });
    room.enter(0);
    const a = ticketOf(room.enter(1));
    const b = ticketOf(room.enter(2));
    expect(room.abandon(a)).toBe(true);
    expect(room.poll(b, 3)).toMatchObject({ position: 1 });
    expect(room.poll('no-such-ticket', 3)).toBeUndefined();
  });
});
