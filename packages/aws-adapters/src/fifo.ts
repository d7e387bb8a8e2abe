import { createHash } from "node:crypto";

/** SQS and SNS FIFO ids: at most 128 characters from this alphabet. */
const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/** True for a FIFO queue URL or topic ARN (they end in `.fifo`). */
export const isFifo = (queueUrlOrTopicArn: string): boolean => queueUrlOrTopicArn.endsWith(".fifo");

/**
 * A valid `MessageGroupId` / `MessageDeduplicationId` for `id`: the id itself when it fits, else
 * its SHA-256 (same id, same result, so deduplication still holds).
 */
export const fifoId = (id: string): string =>
  FIFO_ID.test(id) ? id : createHash("sha256").update(id).digest("hex");
