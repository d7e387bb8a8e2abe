import type { Notification } from "@onboarding/core";
import { anApplicationForm, notifierContract } from "@onboarding/core/testing";
import { describe, expect, it } from "vitest";
import { SnsNotifier } from "./sns-notifier.js";
import { localSnsClient } from "./test-support/local-servers.js";
import { createSubscribedTopic, drain } from "./test-support/queues.js";

/** The envelope SNS wraps a message in when it delivers to an SQS subscription (no raw delivery). */
interface SnsEnvelope {
  readonly Type: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

const decision = (applicationId: string): Notification => ({
  type: "DECISION_MADE",
  status: "APPROVED",
  reasons: [],
  applicationId,
  notificationId: `${applicationId}:decision`,
  occurredAt: "2026-01-15T10:00:01.000Z",
});

const faceCheck = (applicationId: string): Notification => ({
  type: "VALIDATION_COMPLETED",
  check: "FACE_MATCH",
  outcome: "PASS",
  reasons: ["FACE_MATCH"],
  applicationId,
  notificationId: `${applicationId}:face`,
  occurredAt: "2026-01-15T10:00:00.000Z",
});

for (const fifo of [false, true]) {
  notifierContract({
    name: `SnsNotifier (fauxqs, ${fifo ? "FIFO" : "standard"} topic → SQS subscription)`,
    make: async () => {
      const { topicArn, queueUrl } = await createSubscribedTopic("events", { fifo });
      const delivered: Notification[] = [];
      return {
        notifier: new SnsNotifier({ client: localSnsClient(), topicArn }),
        received: async () => {
          for (const message of await drain(queueUrl)) {
            delivered.push(JSON.parse((JSON.parse(message.Body ?? "{}") as SnsEnvelope).Message));
          }
          return delivered;
        },
      };
    },
  });
}

describe("SnsNotifier against fauxqs, read from a subscribed queue", () => {
  it("publishes eventType and applicationId as message attributes", async () => {
    const { topicArn, queueUrl } = await createSubscribedTopic("events");
    const notifier = new SnsNotifier({ client: localSnsClient(), topicArn });

    await notifier.notify(decision("app-1"));

    const [message] = await drain(queueUrl);
    const envelope = JSON.parse(message?.Body ?? "{}") as SnsEnvelope;
    expect(envelope.TopicArn).toBe(topicArn);
    expect(envelope.MessageAttributes).toEqual({
      eventType: { Type: "String", Value: "DECISION_MADE" },
      applicationId: { Type: "String", Value: "app-1" },
    });
  });

  it("lets a subscription filter on applicationId, so nobody receives another applicant's results", async () => {
    const { topicArn, queueUrl } = await createSubscribedTopic("events", {
      filterPolicy: { applicationId: ["app-mine"] },
      raw: true,
    });
    const notifier = new SnsNotifier({ client: localSnsClient(), topicArn });

    await notifier.notify(decision("app-other"));
    await notifier.notify(decision("app-mine"));

    const messages = await drain(queueUrl);
    expect(messages.map((m) => (JSON.parse(m.Body ?? "{}") as Notification).applicationId)).toEqual([
      "app-mine",
    ]);
  });

  it("lets a subscription filter on eventType", async () => {
    const { topicArn, queueUrl } = await createSubscribedTopic("events", {
      filterPolicy: { eventType: ["DECISION_MADE"] },
    });
    const notifier = new SnsNotifier({ client: localSnsClient(), topicArn });

    await notifier.notify(faceCheck("app-2"));
    await notifier.notify(decision("app-2"));

    const messages = await drain(queueUrl);
    expect(
      messages.map(
        (m) => (JSON.parse((JSON.parse(m.Body ?? "{}") as SnsEnvelope).Message) as Notification).type,
      ),
    ).toEqual(["DECISION_MADE"]);
  });

  it("puts no name, date of birth, address or license number in bodies or attributes", async () => {
    const form = anApplicationForm();
    const { topicArn, queueUrl } = await createSubscribedTopic("events");
    const notifier = new SnsNotifier({ client: localSnsClient(), topicArn });

    await notifier.notify(faceCheck("app-3"));
    await notifier.notify(decision("app-3"));

    const delivered = JSON.stringify(await drain(queueUrl));
    for (const pii of [
      form.firstName,
      form.lastName,
      form.middleName,
      form.dateOfBirth,
      form.address.line1,
      form.address.postalCode,
      form.licenseNumber,
    ]) {
      expect(delivered).not.toContain(pii);
    }
  });

  it("on a FIFO topic groups by application and deduplicates by notification id", async () => {
    const { topicArn, queueUrl } = await createSubscribedTopic("events", { fifo: true });
    const notifier = new SnsNotifier({ client: localSnsClient(), topicArn });

    await notifier.notify(decision("app-4"));
    await notifier.notify(decision("app-4"));

    const messages = await drain(queueUrl);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes).toMatchObject({ MessageGroupId: "app-4" });
  });

  it("reports a topic that does not exist as a non-retryable DependencyFault", async () => {
    const notifier = new SnsNotifier({
      client: localSnsClient(),
      topicArn: "arn:aws:sns:us-east-1:000000000000:missing",
    });

    const fault = await notifier.notify(decision("app-5")).then(
      () => ({}),
      (error: unknown) => error as { code?: string; retryable?: boolean },
    );

    expect(fault).toMatchObject({ code: "DEPENDENCY_FAILED", retryable: false });
  });
});
