/** The time. Injected so that expiry checks and audit times are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
