import type { LicenseValidationRequest } from "@onboarding/core";
import { validationQueueContract } from "@onboarding/core/testing";
import { describe, expect, it } from "vitest";
import { SqsValidationQueue } from "./sqs-validation-queue.js";
import { localSqsClient } from "./test-support/local-servers.js";
import { createQueue, drain } from "./test-support/queues.js";

const aRequest = (applicationId: string): LicenseValidationRequest => ({
  applicationId,
  requestId: `${applicationId}:license-validation`,
  licenseNumber: "D1234567",
  issuingState: "CA",
  requestedAt: "2026-01-15T10:00:00.000Z",
});

const faultOf = async (promise: Promise<unknown>): Promise<{ code?: string; retryable?: boolean }> => {
  try {
    await promise;
    return {};
  } catch (error) {
    return error as { code?: string; retryable?: boolean };
  }
};

for (const fifo of [false, true]) {
  validationQueueContract({
    name: `SqsValidationQueue (fauxqs, ${fifo ? "FIFO" : "standard"} queue)`,
    make: async () => {
      const { url } = await createQueue("validation", fifo);
      const delivered: LicenseValidationRequest[] = [];
      return {
        queue: new SqsValidationQueue({ client: localSqsClient(), queueUrl: url }),
        received: async () => {
          for (const message of await drain(url)) delivered.push(JSON.parse(message.Body ?? "null"));
          return delivered;
        },
      };
    },
  });
}

describe("SqsValidationQueue against fauxqs", () => {
  it("sends the request as the body and its ids as message attributes", async () => {
    const { url } = await createQueue("validation");
    const queue = new SqsValidationQueue({ client: localSqsClient(), queueUrl: url });

    await queue.requestLicenseValidation(aRequest("app-1"));

    const [message] = await drain(url);
    expect(JSON.parse(message?.Body ?? "")).toEqual(aRequest("app-1"));
    expect(message?.MessageAttributes).toEqual({
      applicationId: { DataType: "String", StringValue: "app-1" },
      requestId: { DataType: "String", StringValue: "app-1:license-validation" },
    });
  });

  it("carries nothing but the request's own fields, whatever the caller passes", async () => {
    const { url } = await createQueue("validation");
    const queue = new SqsValidationQueue({ client: localSqsClient(), queueUrl: url });
    const withExtra = {
      ...aRequest("app-2"),
      firstName: "Maria",
      dateOfBirth: "1988-04-12",
    } as LicenseValidationRequest;

    await queue.requestLicenseValidation(withExtra);

    const [message] = await drain(url);
    expect(Object.keys(JSON.parse(message?.Body ?? "{}")).sort()).toEqual([
      "applicationId",
      "issuingState",
      "licenseNumber",
      "requestId",
      "requestedAt",
    ]);
    expect(message?.Body).not.toContain("Maria");
  });

  it("on a FIFO queue groups by application and drops a resend of the same request", async () => {
    const { url } = await createQueue("validation", true);
    const queue = new SqsValidationQueue({ client: localSqsClient(), queueUrl: url });

    await queue.requestLicenseValidation(aRequest("app-3"));
    await queue.requestLicenseValidation(aRequest("app-3"));

    const messages = await drain(url);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes).toMatchObject({
      MessageGroupId: "app-3",
      MessageDeduplicationId: "app-3:license-validation",
    });
  });

  it("reports a queue that does not exist as a non-retryable DependencyFault", async () => {
    const { url } = await createQueue("validation");
    const queue = new SqsValidationQueue({ client: localSqsClient(), queueUrl: `${url}-missing` });

    const fault = await faultOf(queue.requestLicenseValidation(aRequest("app-4")));

    expect(fault).toMatchObject({ code: "DEPENDENCY_FAILED", retryable: false });
  });
});
