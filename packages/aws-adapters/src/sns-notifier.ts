import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { Notification, Notifier } from "@onboarding/core";
import { fifoId, isFifo } from "./fifo.js";
import { dependencyFault } from "./sdk-error.js";

export interface SnsNotifierOptions {
  readonly client: SNSClient;
  readonly topicArn: string;
}

const DEPENDENCY = "sns";

/**
 * The `Notifier` on Amazon SNS: one `Publish` per notification.
 *
 * - The message is the notification as JSON, as the core built it: ids, statuses and reason
 *   codes, never a name, a date of birth, an address or a license number.
 * - Message attributes `eventType` (the notification's `type`) and `applicationId` let each
 *   subscription filter, so nobody receives another applicant's results.
 * - On a FIFO topic (ARN ending in `.fifo`), `MessageGroupId` is the application id and
 *   `MessageDeduplicationId` the notification id.
 *
 * @example
 * ```ts
 * const notifier = new SnsNotifier({ client: new SNSClient({}), topicArn: "arn:aws:sns:us-east-1:123456789012:onboarding-events" });
 * ```
 */
export class SnsNotifier implements Notifier {
  readonly #client: SNSClient;
  readonly #topicArn: string;
  readonly #fifo: boolean;

  constructor(options: SnsNotifierOptions) {
    this.#client = options.client;
    this.#topicArn = options.topicArn;
    this.#fifo = isFifo(options.topicArn);
  }

  async notify(notification: Notification): Promise<void> {
    try {
      await this.#client.send(
        new PublishCommand({
          TopicArn: this.#topicArn,
          Message: JSON.stringify(notification),
          MessageAttributes: {
            eventType: { DataType: "String", StringValue: notification.type },
            applicationId: { DataType: "String", StringValue: notification.applicationId },
          },
          ...(this.#fifo
            ? {
                MessageGroupId: fifoId(notification.applicationId),
                MessageDeduplicationId: fifoId(notification.notificationId),
              }
            : {}),
        }),
      );
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "Publish", error);
    }
  }
}
