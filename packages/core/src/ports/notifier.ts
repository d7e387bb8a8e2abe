import type { NotificationContent } from "../domain/application.js";

/** A notification for the applicant of one application. Carries no PII. */
export type Notification = NotificationContent & {
  readonly applicationId: string;
  /** Stable id: the same notification resent after a crash has the same id. */
  readonly notificationId: string;
  readonly occurredAt: string;
};

/**
 * Tells the applicant what happened (SNS in production, where subscribers filter on the
 * application id so nobody receives someone else's results).
 */
export interface Notifier {
  /** Sends one notification. Throws `DependencyFault` when it could not be sent. */
  notify(notification: Notification): Promise<void>;
}
