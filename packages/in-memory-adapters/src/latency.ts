/** Options every in-memory adapter takes: a delay per call, to model a real service's latency. */
export interface LatencyOptions {
  /** Milliseconds each call waits before answering. Default 0 (answers on the next microtask). */
  readonly delayMs?: number;
}

export const wait = (delayMs: number | undefined): Promise<void> =>
  delayMs ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve();
