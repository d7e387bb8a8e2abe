/**
 * Lambda entry point of the intake function (S3 `ObjectCreated` on the upload prefix). The
 * configuration is parsed, the customer reference key is read (Secrets Manager) and the clients
 * are built once, when the container starts: a missing variable or an unreadable secret fails the
 * cold start with one message naming it, never quoting the key.
 */
import { composeIntake, readCustomerRefKey, secretsManagerClient } from "../compose.js";
import { loadIntakeConfig } from "../config.js";
import { createTelemetry } from "../observability.js";
import { createIntakeHandler } from "./create-intake-handler.js";

const config = loadIntakeConfig();
// Top-level await: the secret is read during the init phase, once per container.
const customerRefKey = await readCustomerRefKey(config.customerRefKey, () =>
  secretsManagerClient(config.region),
);

export const handler = createIntakeHandler(composeIntake(config, { customerRefKey }), createTelemetry());
