/**
 * Lambda entry point of the license-validation worker (SQS, with `ReportBatchItemFailures`). The
 * configuration is parsed and the clients are built once, when the container starts: a missing
 * variable fails the cold start with one message naming it.
 */
import { composeWorker } from "../compose.js";
import { loadWorkerConfig } from "../config.js";
import { createTelemetry } from "../observability.js";
import { createLicenseValidationHandler } from "./create-license-validation-handler.js";

const config = loadWorkerConfig();

export const handler = createLicenseValidationHandler(composeWorker(config), createTelemetry(), {
  fifo: config.validationQueueUrl.endsWith(".fifo"),
});
