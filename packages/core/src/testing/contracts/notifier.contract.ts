import { describe, expect, it } from "vitest";
import type { Notification, Notifier } from "../../ports/notifier.js";

export interface NotifierHarness {
  readonly notifier: Notifier;
  /** Everything delivered so far to subscribers, as a subscriber parses it. */
  readonly received: () => Promise<readonly Notification[]>;
}

export interface NotifierContractOptions {
  readonly name: string;
  readonly make: () => NotifierHarness | Promise<NotifierHarness>;
}

/** The `Notifier` contract: every adapter runs it. */
export function notifierContract({ name, make }: NotifierContractOptions): void {
  describe(`${name} honours the Notifier contract`, () => {
    it("delivers each notification intact", async () => {
      const { notifier, received } = await make();
      const applicationId = `app-${Math.random().toString(36).slice(2, 10)}`;
      const checkDone: Notification = {
        type: "VALIDATION_COMPLETED",
        check: "FACE_MATCH",
        outcome: "PASS",
        reasons: ["FACE_MATCH"],
        applicationId,
        notificationId: `${applicationId}:face`,
        occurredAt: "2026-01-15T10:00:00.000Z",
      };
      const decision: Notification = {
        type: "DECISION_MADE",
        status: "APPROVED",
        reasons: [],
        applicationId,
        notificationId: `${applicationId}:decision`,
        occurredAt: "2026-01-15T10:00:01.000Z",
      };

      await notifier.notify(checkDone);
      await notifier.notify(decision);

      const delivered = (await received()).filter((n) => n.applicationId === applicationId);
      expect(delivered).toContainEqual(checkDone);
      expect(delivered).toContainEqual(decision);
    });
  });
}
