// A run's samples as the analyses read them: request latencies and failures with their `name` tag, journeys, their
// arrivals, waiting-room waits and the users gauge, as flat arrays of epoch-millisecond times and values. Built from
// the engine's per-second rows (analysis/engineSamples.ts); capacity, soak, compare and the report read only this.

export interface RunSamples {
  /** http_req_duration of the load's requests; times in epoch milliseconds. */
  requests: { time: number[]; duration: number[]; name: number[] };
  /** http_req_failed, 1 for a failed request. */
  failures: { time: number[]; failed: number[]; name: number[] };
  /** Distinct `name` tags, indexed by the `name` arrays. */
  names: string[];
  /** When each journey ended (the engine's journey_duration, one sample per journey). */
  iterations: number[];
  /** When each journey started (marketplace_journeys, one point per journey): the arrivals. */
  journeysStarted: number[];
  journeys: { time: number[]; duration: number[] };
  /** Time a consumer spent in the exchange's waiting room (ms), one sample per journey that entered it. */
  waitingRoom: { time: number[]; wait: number[] };
  /** The users gauge (active_users), summed over the engine's workers. */
  vus: { time: number[]; value: number[] };
  /** First and last sample time of any kind (epoch ms); NaN before any. */
  start: number;
  end: number;
  /** Set when the samples are per-period aggregates (the engine's rows: 1 s, each sample at its second's middle). */
  resolutionSeconds?: number;
}

export function emptyRunSamples(): RunSamples {
  return {
    requests: { time: [], duration: [], name: [] },
    failures: { time: [], failed: [], name: [] },
    names: [],
    iterations: [],
    journeysStarted: [],
    journeys: { time: [], duration: [] },
    waitingRoom: { time: [], wait: [] },
    vus: { time: [], value: [] },
    start: NaN,
    end: NaN,
  };
}
