import type { Notification, Notifier } from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";

/** A `Notifier` that keeps what it sends, in order. */
export class InMemoryNotifier implements Notifier {
  readonly sent: Notification[] = [];
  readonly #delayMs: number | undefined;

  constructor(options: LatencyOptions = {}) {
    this.#delayMs = options.delayMs;
  }

  async notify(notification: Notification): Promise<void> {
    await wait(this.#delayMs);
    this.sent.push(structuredClone(notification));
  }

  /** What one application's applicant was sent. */
  sentTo(applicationId: string): Notification[] {
    return this.sent.filter((n) => n.applicationId === applicationId);
  }
}
