/**
 * Lambda entry point of the intake function (S3 `ObjectCreated` on the upload prefix). The
 * configuration is parsed and the clients are built once, when the container starts: a missing
 * variable fails the cold start with one message naming it.
 */
import { composeIntake } from "../compose.js";
import { loadIntakeConfig } from "../config.js";
import { createTelemetry } from "../observability.js";
import { createIntakeHandler } from "./create-intake-handler.js";

export const handler = createIntakeHandler(composeIntake(loadIntakeConfig()), createTelemetry());
