import type { Clock } from "@onboarding/core";

/** A `Clock` that shows the time it is set to, and moves only when told. */
export class FixedClock implements Clock {
  #now: number;

  constructor(now: Date | string = "2026-01-15T10:00:00.000Z") {
    this.#now = new Date(now).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  advance(ms: number): this {
    this.#now += ms;
    return this;
  }

  set(now: Date | string): this {
    this.#now = new Date(now).getTime();
    return this;
  }
}
