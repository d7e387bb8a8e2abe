import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { LicenseValidationRequest, ValidationQueue } from "@onboarding/core";
import { fifoId, isFifo } from "./fifo.js";
import { dependencyFault } from "./sdk-error.js";

export interface SqsValidationQueueOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
}

const DEPENDENCY = "sqs";

/**
 * The `ValidationQueue` on Amazon SQS: one `SendMessage` per request.
 *
 * - The body is the request as JSON, rebuilt field by field so nothing but the license number,
 *   its issuing state, the ids and the time can travel.
 * - Message attributes `applicationId` and `requestId` let consumers log and deduplicate without
 *   parsing the body.
 * - On a FIFO queue (URL ending in `.fifo`), `MessageGroupId` is the application id and
 *   `MessageDeduplicationId` the request id, so a resend within five minutes is dropped by SQS.
 *
 * @example
 * ```ts
 * const queue = new SqsValidationQueue({ client: new SQSClient({}), queueUrl: process.env.VALIDATION_QUEUE_URL });
 * ```
 */
export class SqsValidationQueue implements ValidationQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;
  readonly #fifo: boolean;

  constructor(options: SqsValidationQueueOptions) {
    this.#client = options.client;
    this.#queueUrl = options.queueUrl;
    this.#fifo = isFifo(options.queueUrl);
  }

  async requestLicenseValidation(request: LicenseValidationRequest): Promise<void> {
    const body: LicenseValidationRequest = {
      applicationId: request.applicationId,
      requestId: request.requestId,
      licenseNumber: request.licenseNumber,
      issuingState: request.issuingState,
      requestedAt: request.requestedAt,
    };
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: JSON.stringify(body),
          MessageAttributes: {
            applicationId: { DataType: "String", StringValue: request.applicationId },
            requestId: { DataType: "String", StringValue: request.requestId },
          },
          ...(this.#fifo
            ? {
                MessageGroupId: fifoId(request.applicationId),
                MessageDeduplicationId: fifoId(request.requestId),
              }
            : {}),
        }),
      );
    } catch (error) {
      throw dependencyFault(DEPENDENCY, "SendMessage", error);
    }
  }
}
