/**
 * Lambda entry point of the retention job (EventBridge schedule, daily). The configuration is
 * parsed and the clients are built once, when the container starts.
 */
import { composeRetentionJob } from "../compose.js";
import { loadRetentionJobConfig } from "../config.js";
import { createTelemetry } from "../observability.js";
import { createRetentionJobHandler } from "./create-retention-job-handler.js";

const config = loadRetentionJobConfig();

export const handler = createRetentionJobHandler(
  { deps: composeRetentionJob(config), retention: { piiDays: config.piiRetentionDays } },
  createTelemetry(),
);
