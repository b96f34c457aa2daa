// The titles of the waiting room's charts over time (drawn from the run page's store: report/liveCharts.ts,
// report/liveWaiting.ts), by id.

export const WAITING_ROOM_CHART_TITLES = { 'waiting-length': 'Waiting room: consumers waiting', 'waiting-wait': 'Waiting room: time waited' } as const;
