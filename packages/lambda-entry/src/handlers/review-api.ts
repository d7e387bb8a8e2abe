/**
 * Lambda entry point of the review API (API Gateway HTTP API, payload format 2.0, IAM
 * authorization or, with `REVIEW_API_AUTH=jwt`, a JWT authorizer). The configuration is parsed and
 * the clients are built once, when the container starts: a missing variable fails the cold start
 * with one message naming it.
 */
import { composeReviewApi } from "../compose.js";
import { loadReviewApiConfig } from "../config.js";
import { createTelemetry } from "../observability.js";
import { createReviewApiHandler } from "./create-review-api-handler.js";

const config = loadReviewApiConfig();

export const handler = createReviewApiHandler(
  {
    deps: composeReviewApi(config),
    access:
      config.jwt === undefined
        ? {
            reviewers: config.reviewerPrincipals,
            dataProtectionOfficers: config.dataProtectionOfficerPrincipals,
          }
        : { kind: "jwt", ...config.jwt },
  },
  createTelemetry(),
);
