import { MetricUnit } from "@aws-lambda-powertools/metrics";
import {
  type ApplicationRecord,
  type ApplicationStatus,
  ERASURE_REASONS,
  type ErasureRefusal,
  eraseApplication,
  isFault,
  listApplications,
  MAX_PAGE_SIZE,
  REVIEW_REASON_CODES,
  type ReviewRefusal,
  recordReviewDecision,
  TRANSITIONS,
  toView,
} from "@onboarding/core";
import type {
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
import type { ReviewApiDeps } from "../compose.js";
import { countWith, describeError, type Telemetry } from "../observability.js";
import { type AccessPolicy, type Caller, callerOf, type ReviewRole } from "../review-access.js";

/**
 * The review API: the back office's HTTP API (API Gateway HTTP API, payload format 2.0, IAM
 * authorization or a JWT authorizer, as `ReviewApi.access` says). Routes are matched on the
 * `routeKey` API Gateway resolved, so the function answers only the routes the stack declares:
 *
 * | Route | Role | Does |
 * | --- | --- | --- |
 * | `GET /applications?status=&limit=&cursor=` | reviewer, DPO | a page of applications in one status (default `MANUAL_REVIEW`), oldest first |
 * | `GET /applications/{id}` | reviewer, DPO | the application with checks, audit trail, the applicant's PII and the review comment |
 * | `POST /applications/{id}/decision` | reviewer | `recordReviewDecision`; the reviewer is the caller |
 * | `POST /applications/{id}/erasure` | DPO | `eraseApplication`; the requester is the caller |
 *
 * Responses are JSON (`cache-control: no-store`: they may hold PII). Logs hold the route, the
 * application id, the caller's id, status codes and refusal codes: never a body, a query, a path
 * other than the route's template, the event, a token or a claim other than the caller's id.
 */

/** Bodies are a few hundred bytes; a comment is at most 2,000 characters (8 KB of UTF-8). */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ReviewApi {
  readonly deps: ReviewApiDeps;
  /** Who the caller is and what it may do: IAM principals, or the claims of a verified JWT. */
  readonly access: AccessPolicy;
}

type Event = APIGatewayProxyEventV2WithIAMAuthorizer | APIGatewayProxyEventV2WithJWTAuthorizer;
type Response = APIGatewayProxyStructuredResultV2;

interface Problem {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly [detail: string]: unknown;
}

const STATUSES = Object.keys(TRANSITIONS) as [ApplicationStatus, ...ApplicationStatus[]];

/** Application ids are UUID-shaped; anything a document key segment may hold is accepted. */
const applicationId = z
  .string({ error: "the application id is required" })
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, "the application id is malformed"));

const pathSchema = z.object({ id: applicationId });

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

const listQuerySchema = z.object({
  status: z._default(z.enum(STATUSES), "MANUAL_REVIEW"),
  limit: z.optional(
    z.pipe(
      z.pipe(z.string().check(z.regex(/^\d{1,3}$/, LIMIT_MESSAGE)), z.transform(Number)),
      z.number().check(z.int(), z.gte(1, LIMIT_MESSAGE), z.lte(MAX_PAGE_SIZE, LIMIT_MESSAGE)),
    ),
  ),
  cursor: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_-]{1,2048}$/, "cursor must be the nextCursor of a previous page")),
  ),
});

/** Strict: a `reviewerId` (or anything else) in the body is refused, never used. */
const decisionSchema = z.strictObject({
  decision: z.enum(["APPROVE", "REJECT", "REQUEST_RESUBMISSION"]),
  reasonCode: z.enum(REVIEW_REASON_CODES),
  comment: z.optional(z.string().check(z.maxLength(2000, "the comment must be at most 2,000 characters"))),
  expectedVersion: z.optional(z.number().check(z.int(), z.positive())),
});

const erasureSchema = z.strictObject({ reason: z.enum(ERASURE_REASONS) });

/**
 * zod/mini has no messages of its own ("Invalid input" for everything): the problem details quote
 * zod's English ones (`Invalid option: expected one of "APPROVE"|"REJECT"|…`), as classic zod
 * wrote them. Passed to each parse rather than set globally with `z.config`.
 */
const ENGLISH: z.core.ParseContext<z.core.$ZodIssue> = { error: en().localeError };

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Response => ({
  statusCode,
  headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  body: JSON.stringify(body),
});

const problem = ({ status, ...error }: Problem): Response => json(status, { error });

/** The first issue of a zod error as a 400, naming the field (`body.reasonCode`, `query.limit`). */
function invalid(where: "path" | "query" | "body", error: z.core.$ZodError): Problem {
  const issue = error.issues[0];
  const keys = issue?.code === "unrecognized_keys" ? issue.keys : [];
  const path = [...(issue?.path ?? []), ...keys.slice(0, 1)].map(String);
  return {
    status: 400,
    code: "VALIDATION_FAILED",
    message:
      issue?.code === "unrecognized_keys"
        ? `unexpected field: ${keys.join(", ")}`
        : (issue?.message ?? "the request is invalid"),
    field: [where, ...path].join("."),
  };
}

/** A JSON body of at most `MAX_BODY_BYTES`, or the problem with it. */
function readBody(event: Event): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.byteLength > MAX_BODY_BYTES)
    return {
      ok: false,
      problem: {
        status: 413,
        code: "BODY_TOO_LARGE",
        message: `the body must be at most ${MAX_BODY_BYTES} bytes`,
        field: "body",
      },
    };
  if (bytes.byteLength === 0)
    return {
      ok: false,
      problem: { status: 400, code: "VALIDATION_FAILED", message: "a JSON body is required", field: "body" },
    };
  try {
    return { ok: true, value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return {
      ok: false,
      problem: {
        status: 400,
        code: "VALIDATION_FAILED",
        message: "the body is not valid JSON",
        field: "body",
      },
    };
  }
}

/** The application as a reviewer sees it: the view, plus the applicant's PII and the full review. */
const reviewerDetail = (record: ApplicationRecord) => ({
  ...toView(record),
  ...(record.applicant === undefined ? {} : { applicant: record.applicant }),
  ...(record.review === undefined ? {} : { review: record.review }),
});

const CONFLICTS: ReadonlySet<string> = new Set([
  "NOT_IN_REVIEW",
  "ALREADY_DECIDED",
  "STALE_VERSION",
  "APPLICATION_IN_PROGRESS",
]);

/**
 * A refusal of a use case as an HTTP problem: 404 for an unknown application, 409 for a conflict
 * with its state (with the application's status or current version, to reload), 400 otherwise.
 */
function refused(error: ReviewRefusal | ErasureRefusal): Problem {
  const { code, message } = error;
  return {
    status: code === "APPLICATION_NOT_FOUND" ? 404 : CONFLICTS.has(code) ? 409 : 400,
    code,
    message,
    ...("status" in error ? { applicationStatus: error.status } : {}),
    ...("version" in error ? { currentVersion: error.version } : {}),
    ...("field" in error ? { field: `body.${error.field}` } : {}),
  };
}

interface Request {
  readonly event: Event;
  readonly caller: Caller;
}

/** What a route answers, and what is logged of it (ids and codes only). */
interface Outcome {
  readonly response: Response;
  readonly applicationId?: string;
  readonly code?: string;
}

interface Route {
  readonly roles: readonly ReviewRole[];
  readonly handle: (request: Request) => Promise<Outcome>;
}

/**
 * The review API's handler. Every route requires an identified caller in one of its roles (403
 * otherwise, before any input is read: no identity, or none of the route's roles, in either mode); inputs are validated with zod (400 naming the field);
 * refusals map to 404 and 409; faults to 503 when retryable, 500 otherwise, without internals.
 */
export function createReviewApiHandler(api: ReviewApi, telemetry: Telemetry) {
  const { logger, metrics } = telemetry;
  const { deps } = api;

  const withId = async (
    event: Event,
    then: (applicationId: string) => Promise<Outcome>,
  ): Promise<Outcome> => {
    const path = pathSchema.safeParse(event.pathParameters ?? {}, ENGLISH);
    if (!path.success) return fail(invalid("path", path.error));
    return then(path.data.id);
  };

  const fail = (p: Problem, applicationId?: string): Outcome => ({
    response: problem(p),
    code: p.code,
    ...(applicationId === undefined ? {} : { applicationId }),
  });

  const routes: Record<string, Route> = {
    "GET /applications": {
      roles: ["reviewer", "dataProtectionOfficer"],
      handle: async ({ event }) => {
        const query = listQuerySchema.safeParse(event.queryStringParameters ?? {}, ENGLISH);
        if (!query.success) return fail(invalid("query", query.error));
        const { status, limit, cursor } = query.data;
        try {
          const page = await listApplications(deps, {
            status,
            ...(limit === undefined ? {} : { limit }),
            ...(cursor === undefined ? {} : { cursor }),
          });
          return { response: json(200, page) };
        } catch (error) {
          if (!isFault(error, "CURSOR_INVALID")) throw error;
          return fail({
            status: 400,
            code: "VALIDATION_FAILED",
            message: "cursor must be the nextCursor of a previous page",
            field: "query.cursor",
          });
        }
      },
    },
    "GET /applications/{id}": {
      roles: ["reviewer", "dataProtectionOfficer"],
      handle: ({ event }) =>
        withId(event, async (applicationId) => {
          const record = await deps.customerRepo.get(applicationId);
          if (record === undefined)
            return fail(
              {
                status: 404,
                code: "APPLICATION_NOT_FOUND",
                message: `application ${applicationId} not found`,
              },
              applicationId,
            );
          return { response: json(200, reviewerDetail(record)), applicationId };
        }),
    },
    "POST /applications/{id}/decision": {
      roles: ["reviewer"],
      handle: ({ event, caller }) =>
        withId(event, async (applicationId) => {
          const body = readBody(event);
          if (!body.ok) return fail(body.problem, applicationId);
          const input = decisionSchema.safeParse(body.value, ENGLISH);
          if (!input.success) return fail(invalid("body", input.error), applicationId);
          const { decision, reasonCode, comment, expectedVersion } = input.data;
          const result = await recordReviewDecision(deps, {
            applicationId,
            reviewerId: caller.id,
            decision,
            reasonCode,
            ...(comment === undefined ? {} : { comment }),
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          });
          if (!result.ok) return fail(refused(result.error), applicationId);
          countWith(metrics, "ReviewDecision", "decision", decision);
          return { response: json(200, result.value), applicationId };
        }),
    },
    "POST /applications/{id}/erasure": {
      roles: ["dataProtectionOfficer"],
      handle: ({ event, caller }) =>
        withId(event, async (applicationId) => {
          const body = readBody(event);
          if (!body.ok) return fail(body.problem, applicationId);
          const input = erasureSchema.safeParse(body.value, ENGLISH);
          if (!input.success) return fail(invalid("body", input.error), applicationId);
          const result = await eraseApplication(deps, {
            applicationId,
            requestedBy: caller.id,
            reason: input.data.reason,
          });
          if (!result.ok) return fail(refused(result.error), applicationId);
          countWith(metrics, "ApplicationErased", "reason", input.data.reason);
          return { response: json(200, result.value), applicationId };
        }),
    },
  };

  const answer = async (event: Event): Promise<Outcome & { callerId?: string }> => {
    const route = routes[event.routeKey];
    if (route === undefined) return fail({ status: 404, code: "ROUTE_NOT_FOUND", message: "no such route" });
    const caller = callerOf(event.requestContext.authorizer, api.access);
    if (caller === undefined || !route.roles.some((role) => caller.roles.has(role)))
      return {
        ...fail({
          status: 403,
          code: "FORBIDDEN",
          message: "the caller may not use this route",
        }),
        ...(caller === undefined ? {} : { callerId: caller.id }),
      };
    try {
      return { ...(await route.handle({ event, caller })), callerId: caller.id };
    } catch (error) {
      const retryable = isFault(error) && error.retryable;
      logger.error("review API fault", { route: event.routeKey, ...describeError(error) });
      metrics.addMetric("ReviewApiFault", MetricUnit.Count, 1);
      return {
        ...fail(
          retryable
            ? {
                status: 503,
                code: "SERVICE_UNAVAILABLE",
                message: "a dependency is unavailable; retry later",
              }
            : { status: 500, code: "INTERNAL_ERROR", message: "internal error" },
        ),
        callerId: caller.id,
      };
    }
  };

  return async (event: Event, context: Context): Promise<Response> => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      const outcome = await answer(event);
      const status = outcome.response.statusCode ?? 200;
      logger[status >= 500 ? "error" : status >= 400 ? "warn" : "info"]("review API request", {
        route: event.routeKey,
        statusCode: status,
        ...(outcome.applicationId === undefined ? {} : { applicationId: outcome.applicationId }),
        ...(outcome.callerId === undefined ? {} : { caller: outcome.callerId }),
        ...(outcome.code === undefined ? {} : { code: outcome.code }),
      });
      return outcome.response;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
