// Aligned series (one x, several y columns) that never hold more than `capacity` points: when full they are
// downsampled to half (report/downsample.ts: each bucket's minimum and maximum kept, in order), so the newest points
// stay one a second and older history grows coarser. What the live page keeps, however long the run. Pure.

import { downsampleAligned, type Aligned, type Y } from './downsample.ts';

export class BoundedSeries {
  private data: Aligned;
  readonly capacity: number;

  constructor(columns: number, capacity: number) {
    if (!(capacity >= 4)) throw new RangeError(`a bounded series needs room for at least 4 points, got ${capacity}`);
    this.capacity = capacity;
    this.data = { x: [], ys: Array.from({ length: columns }, () => []) };
  }

  push(x: number, values: readonly Y[]): void {
    if (values.length !== this.data.ys.length) throw new RangeError(`expected ${this.data.ys.length} values, got ${values.length}`);
    this.data.x.push(x);
    values.forEach((v, i) => this.data.ys[i]!.push(v));
    if (this.data.x.length >= this.capacity) this.data = downsampleAligned(this.data, Math.floor(this.capacity / 2));
  }

  get length(): number {
    return this.data.x.length;
  }

  get x(): readonly number[] {
    return this.data.x;
  }

  column(index: number): Y[] {
    return this.data.ys[index]!;
  }
}
