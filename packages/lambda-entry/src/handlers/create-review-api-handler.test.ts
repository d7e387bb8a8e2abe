import { type ApplicationRecord, DependencyFault } from "@onboarding/core";
import { anApplicationForm, anApplicationRecord } from "@onboarding/core/testing";
import { createInMemoryPorts, FixedClock, type InMemoryPorts } from "@onboarding/in-memory-adapters";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureOutput, jsonLines, testTelemetry } from "../test-support/captured-output.js";
import {
  ACCESS,
  BEARER_TOKEN,
  httpEvent,
  JWT_ACCESS,
  jwtEvent,
  PRINCIPALS,
  TOKENS,
} from "../test-support/http-api.js";
import { lambdaContext } from "../test-support/local-aws.js";
import { createReviewApiHandler, MAX_BODY_BYTES } from "./create-review-api-handler.js";

const form = anApplicationForm();
const COMMENT = `photo matches ${form.firstName} ${form.lastName}'s license`;

let ports: InMemoryPorts;
let handler: ReturnType<typeof createReviewApiHandler>;
let output: ReturnType<typeof captureOutput>;

beforeEach(() => {
  ports = createInMemoryPorts({ clock: new FixedClock("2026-02-01T09:00:00.000Z") });
  handler = createReviewApiHandler({ deps: ports, access: ACCESS }, testTelemetry());
  output = captureOutput();
});
afterEach(() => output.restore());

const call = async (options: Parameters<typeof httpEvent>[0]) => {
  const response = (await handler(httpEvent(options), lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(String(response.body)) };
};

/** An application waiting for a reviewer, created at `createdAt`. */
const inReview = async (overrides: Partial<ApplicationRecord> = {}): Promise<ApplicationRecord> => {
  const record = anApplicationRecord({
    status: "MANUAL_REVIEW",
    version: 4,
    applicant: form,
    ...overrides,
  });
  await ports.customerRepo.create(record);
  return record;
};

/** A decided application with its upload and one document in the store. */
const decided = async (): Promise<ApplicationRecord> => {
  const upload = await ports.documentStore.putUpload("uploads/Maria Garcia.zip", new Uint8Array([1, 2, 3]));
  const record = anApplicationRecord({
    status: "APPROVED",
    version: 6,
    applicant: form,
    upload,
    review: {
      reviewerId: "onboarding-reviewer/alice@bank.example",
      decision: "APPROVE",
      reasonCode: "IDENTITY_CONFIRMED",
      comment: COMMENT,
      decidedAt: "2026-01-20T10:00:00.000Z",
    },
  });
  await ports.customerRepo.create(record);
  await ports.documentStore.putDocument({
    applicationId: record.applicationId,
    name: "license.jpg",
    contentType: "image/jpeg",
    bytes: new Uint8Array([4, 5, 6]),
  });
  return record;
};

const decide = (id: string, userArn: string = PRINCIPALS.alice, body: unknown = approve) =>
  call({ routeKey: "POST /applications/{id}/decision", pathParameters: { id }, userArn, body });
const approve = { decision: "APPROVE", reasonCode: "IDENTITY_CONFIRMED", comment: COMMENT };

describe("GET /applications (the review queue)", () => {
  it("lists applications in manual review, oldest first, a page at a time, without PII", async () => {
    const first = await inReview({ createdAt: "2026-01-10T08:00:00.000Z" });
    const second = await inReview({ createdAt: "2026-01-11T08:00:00.000Z" });
    await decided();

    const page1 = await call({
      routeKey: "GET /applications",
      userArn: PRINCIPALS.alice,
      query: { limit: "1" },
    });
    const page2 = await call({
      routeKey: "GET /applications",
      userArn: PRINCIPALS.alice,
      query: { status: "MANUAL_REVIEW", limit: "1", cursor: page1.body.nextCursor },
    });

    expect(page1.status).toBe(200);
    expect(page1.headers).toMatchObject({ "content-type": "application/json", "cache-control": "no-store" });
    expect(page1.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
      first.applicationId,
    ]);
    expect(page2.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([
      second.applicationId,
    ]);
    expect(page2.body.nextCursor).toBeUndefined();
    expect(JSON.stringify([page1.body, page2.body])).not.toContain(form.lastName);
  });

  it("lists another status on request, for a data protection officer too", async () => {
    const done = await decided();

    const page = await call({
      routeKey: "GET /applications",
      userArn: PRINCIPALS.dora,
      query: { status: "APPROVED" },
    });

    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ applicationId: done.applicationId })]);
  });

  it("lists applications in manual review when the request has no query string at all", async () => {
    const waiting = await inReview();
    await decided();

    const page = await call({ routeKey: "GET /applications", userArn: PRINCIPALS.alice });

    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([expect.objectContaining({ applicationId: waiting.applicationId })]);
  });

  it.each([
    [{ limit: "0" }, "query.limit"],
    [{ limit: "101" }, "query.limit"],
    [{ limit: "ten" }, "query.limit"],
    [{ status: "PENDING" }, "query.status"],
    [{ cursor: "not a cursor!" }, "query.cursor"],
    [{ cursor: "bm90LWEtY3Vyc29y" }, "query.cursor"],
  ])("refuses %o with 400 naming %s", async (query, field) => {
    const response = await call({ routeKey: "GET /applications", userArn: PRINCIPALS.alice, query });

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
  });
});

describe("GET /applications/{id}", () => {
  it("shows a reviewer the checks, the audit trail, the applicant's PII and the review comment", async () => {
    const record = await decided();

    const response = await call({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: record.applicationId },
      userArn: PRINCIPALS.bob,
    });

    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ "cache-control": "no-store" });
    expect(response.body).toMatchObject({
      applicationId: record.applicationId,
      status: "APPROVED",
      version: 6,
      checks: record.checks,
      audit: record.audit,
      applicant: { firstName: form.firstName, lastName: form.lastName, licenseNumber: form.licenseNumber },
      review: { comment: COMMENT, reviewerId: "onboarding-reviewer/alice@bank.example" },
    });
    // Not what the reviewer needs: the upload's key (a file name) and the customer reference.
    expect(response.body.upload).toBeUndefined();
    expect(response.body.customerRef).toBeUndefined();
  });

  it("answers 404 for an unknown application and 400 for a malformed id", async () => {
    const missing = await call({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: "00000000-0000-8000-8000-000000000000" },
      userArn: PRINCIPALS.alice,
    });
    const malformed = await call({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: "../etc" },
      userArn: PRINCIPALS.alice,
    });

    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "APPLICATION_NOT_FOUND" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "path.id" });
  });
});

describe("POST /applications/{id}/decision", () => {
  it("records the decision with the caller as reviewer and notifies the applicant", async () => {
    const record = await inReview();

    const response = await decide(record.applicationId, PRINCIPALS.alice, { ...approve, expectedVersion: 4 });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      applicationId: record.applicationId,
      status: "APPROVED",
      review: { reviewerId: "onboarding-reviewer/alice@bank.example", decision: "APPROVE" },
    });
    // The view answered to the decision carries no comment; the stored record does.
    expect(response.body.review.comment).toBeUndefined();
    const stored = await ports.customerRepo.get(record.applicationId);
    expect(stored?.review).toMatchObject({
      reviewerId: "onboarding-reviewer/alice@bank.example",
      comment: COMMENT,
    });
    expect(stored?.audit.at(-1)).toMatchObject({
      step: "review",
      detail: { reviewerId: "onboarding-reviewer/alice@bank.example" },
    });
    expect(ports.notifier.sentTo(record.applicationId)).toEqual([
      expect.objectContaining({ type: "DECISION_MADE", status: "APPROVED" }),
    ]);
  });

  it.each([
    ["no reasonCode", { decision: "APPROVE" }, "body.reasonCode"],
    ["an unknown decision", { decision: "MAYBE", reasonCode: "OTHER" }, "body.decision"],
    ["an unknown reasonCode", { decision: "REJECT", reasonCode: "BECAUSE" }, "body.reasonCode"],
    ["a 2,001-character comment", { ...approve, comment: "x".repeat(2001) }, "body.comment"],
    ["a version as a string", { ...approve, expectedVersion: "4" }, "body.expectedVersion"],
    [
      "a reviewerId (the caller is the reviewer)",
      { ...approve, reviewerId: "someone-else" },
      "body.reviewerId",
    ],
    ["an array", ["APPROVE"], "body"],
  ])("refuses a body with %s: 400 naming the field", async (_case, body, field) => {
    const record = await inReview();

    const response = await decide(record.applicationId, PRINCIPALS.alice, body);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect((await ports.customerRepo.get(record.applicationId))?.status).toBe("MANUAL_REVIEW");
  });

  it.each([
    [
      { decision: "MAYBE", reasonCode: "OTHER" },
      'Invalid option: expected one of "APPROVE"|"REJECT"|"REQUEST_RESUBMISSION"',
    ],
    [{ ...approve, expectedVersion: "4" }, "Invalid input: expected number, received string"],
    [{ ...approve, expectedVersion: 0 }, "Too small: expected number to be >0"],
    [{ ...approve, expectedVersion: 1.5 }, "Invalid input: expected int, received number"],
    [["APPROVE"], "Invalid input: expected object, received array"],
  ])("explains %o in zod's English words", async (body, message) => {
    const record = await inReview();

    const response = await decide(record.applicationId, PRINCIPALS.alice, body);

    expect(response.body.error).toMatchObject({ code: "VALIDATION_FAILED", message });
  });

  it("refuses a body that is not JSON, an empty body (400) and an oversized one (413)", async () => {
    const record = await inReview();
    const send = (rawBody: string) =>
      call({
        routeKey: "POST /applications/{id}/decision",
        pathParameters: { id: record.applicationId },
        userArn: PRINCIPALS.alice,
        rawBody,
      });

    const notJson = await send("decision=APPROVE");
    const empty = await send("");
    const huge = await send(JSON.stringify({ ...approve, comment: "é".repeat(MAX_BODY_BYTES / 2) }));

    expect([notJson.status, empty.status, huge.status]).toEqual([400, 400, 413]);
    expect(notJson.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "body" });
    expect(huge.body.error).toMatchObject({ code: "BODY_TOO_LARGE" });
  });

  it("answers 404 for an unknown application", async () => {
    const response = await decide("00000000-0000-8000-8000-000000000000");

    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: "APPLICATION_NOT_FOUND" });
  });

  it("answers 409 NOT_IN_REVIEW, STALE_VERSION and ALREADY_DECIDED with what to reload", async () => {
    const approved = await inReview({ status: "APPROVED" }); // decided by the checks, never reviewed
    const stale = await inReview();
    const once = await inReview();

    const notInReview = await decide(approved.applicationId);
    const staleVersion = await decide(stale.applicationId, PRINCIPALS.alice, {
      ...approve,
      expectedVersion: 3,
    });
    await decide(once.applicationId);
    const again = await decide(once.applicationId, PRINCIPALS.bob, {
      decision: "REJECT",
      reasonCode: "OTHER",
    });

    expect(notInReview.status).toBe(409);
    expect(notInReview.body.error).toMatchObject({ code: "NOT_IN_REVIEW", applicationStatus: "APPROVED" });
    expect(staleVersion.status).toBe(409);
    expect(staleVersion.body.error).toMatchObject({ code: "STALE_VERSION", currentVersion: 4 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "ALREADY_DECIDED", applicationStatus: "APPROVED" });
  });

  it("lets exactly one of two reviewers deciding at once win; the other gets 409 ALREADY_DECIDED", async () => {
    const record = await inReview();

    const responses = await Promise.all([
      decide(record.applicationId, PRINCIPALS.alice, approve),
      decide(record.applicationId, PRINCIPALS.bob, {
        decision: "REJECT",
        reasonCode: "FACE_MISMATCH_CONFIRMED",
      }),
    ]);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(responses.find((r) => r.status === 409)?.body.error).toMatchObject({ code: "ALREADY_DECIDED" });
    const winner = responses.find((r) => r.status === 200)?.body;
    const stored = await ports.customerRepo.get(record.applicationId);
    expect(stored?.status).toBe(winner.status);
    expect(stored?.audit.filter((entry) => entry.step === "review")).toHaveLength(1);
    expect(ports.notifier.sentTo(record.applicationId)).toHaveLength(1);
  });
});

describe("POST /applications/{id}/erasure", () => {
  it("erases the PII, the comment, the documents and the upload, keeping the decision record", async () => {
    const record = await decided();

    const response = await call({
      routeKey: "POST /applications/{id}/erasure",
      pathParameters: { id: record.applicationId },
      userArn: PRINCIPALS.dora,
      body: { reason: "CUSTOMER_REQUEST" },
    });
    const after = await call({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: record.applicationId },
      userArn: PRINCIPALS.alice,
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "APPROVED", erasedAt: "2026-02-01T09:00:00.000Z" });
    expect(after.body.applicant).toBeUndefined();
    expect(after.body.review.comment).toBeUndefined();
    expect(after.body.audit.at(-1)).toMatchObject({
      step: "erasure",
      detail: {
        requestedBy: "onboarding-data-protection-officer/dora@bank.example",
        reason: "CUSTOMER_REQUEST",
      },
    });
    expect(JSON.stringify(await ports.customerRepo.get(record.applicationId))).not.toContain(form.lastName);
    expect(ports.documentStore.keys()).toEqual([]);
  });

  it("answers 409 APPLICATION_IN_PROGRESS before a decision, 404 for an unknown one, 400 for a bad reason", async () => {
    const pending = await inReview();
    const erase = (id: string, body: unknown) =>
      call({
        routeKey: "POST /applications/{id}/erasure",
        pathParameters: { id },
        userArn: PRINCIPALS.dora,
        body,
      });

    const inProgress = await erase(pending.applicationId, { reason: "CUSTOMER_REQUEST" });
    const missing = await erase("00000000-0000-8000-8000-000000000000", { reason: "LEGAL_ORDER" });
    const badReason = await erase(pending.applicationId, { reason: "BORED" });
    const requestedBy = await erase(pending.applicationId, { reason: "OTHER", requestedBy: "someone" });

    expect(inProgress.status).toBe(409);
    expect(inProgress.body.error).toMatchObject({ code: "APPLICATION_IN_PROGRESS" });
    expect(missing.status).toBe(404);
    expect(badReason.status).toBe(400);
    expect(badReason.body.error).toMatchObject({ field: "body.reason" });
    expect(requestedBy.status).toBe(400);
    expect(requestedBy.body.error).toMatchObject({ field: "body.requestedBy" });
    expect((await ports.customerRepo.get(pending.applicationId))?.applicant).toEqual(form);
  });
});

describe("authorisation", () => {
  it.each([
    ["another account's role of the same name", PRINCIPALS.stranger, "GET /applications"],
    ["a principal of the account not listed", PRINCIPALS.admin, "GET /applications"],
    ["no IAM identity at all", undefined, "GET /applications"],
    ["a reviewer, to erase", PRINCIPALS.alice, "POST /applications/{id}/erasure"],
    ["a data protection officer, to decide", PRINCIPALS.dora, "POST /applications/{id}/decision"],
  ])("refuses %s with 403 before reading the request", async (_who, userArn, routeKey) => {
    const record = await decided();

    const response = await call({
      routeKey,
      ...(userArn === undefined ? {} : { userArn }),
      pathParameters: { id: record.applicationId },
      body: { reason: "CUSTOMER_REQUEST", decision: "APPROVE" },
    });

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: "FORBIDDEN", message: "the caller may not use this route" },
    });
    expect((await ports.customerRepo.get(record.applicationId))?.applicant).toEqual(form);
  });

  it("answers 404 for a route the API does not have", async () => {
    const response = await call({ routeKey: "DELETE /applications/{id}", userArn: PRINCIPALS.alice });

    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: "ROUTE_NOT_FOUND" });
  });
});

describe("faults", () => {
  it("answers 500 without internals for a fault, 503 when it is retryable", async () => {
    const record = await inReview();
    const failing = (error: Error) =>
      createReviewApiHandler(
        {
          deps: {
            ...ports,
            customerRepo: Object.assign(Object.create(ports.customerRepo), {
              get: async () => {
                throw error;
              },
            }),
          },
          access: ACCESS,
        },
        testTelemetry(),
      );
    const event = httpEvent({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: record.applicationId },
      userArn: PRINCIPALS.alice,
    });

    const bug = (await failing(new TypeError(`cannot read ${form.lastName}`))(
      event,
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    const throttled = (await failing(
      new DependencyFault("dynamodb", "ProvisionedThroughputExceededException", { throttled: true }),
    )(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;

    expect(bug.statusCode).toBe(500);
    expect(JSON.parse(String(bug.body))).toEqual({
      error: { code: "INTERNAL_ERROR", message: "internal error" },
    });
    expect(throttled.statusCode).toBe(503);
    expect(JSON.parse(String(throttled.body)).error.code).toBe("SERVICE_UNAVAILABLE");
    expect(output.lines().join("\n")).not.toContain(form.lastName);
  });
});

describe("logs", () => {
  it("record route, status, application and caller, and none of the applicant's PII or the comment", async () => {
    const record = await inReview();
    await decide(record.applicationId);
    await call({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: record.applicationId },
      userArn: PRINCIPALS.alice,
    });
    await decide(record.applicationId, PRINCIPALS.bob);

    const lines = output.lines();
    const logged = lines.join("\n");
    for (const pii of [
      form.firstName,
      form.lastName,
      form.dateOfBirth,
      form.address.line1,
      form.licenseNumber,
      COMMENT,
    ]) {
      expect(logged).not.toContain(pii);
    }
    expect(jsonLines(lines)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "review API request",
          route: "POST /applications/{id}/decision",
          statusCode: 200,
          applicationId: record.applicationId,
          caller: "onboarding-reviewer/alice@bank.example",
        }),
        expect.objectContaining({
          statusCode: 409,
          code: "ALREADY_DECIDED",
          caller: "onboarding-reviewer/bob@bank.example",
        }),
        expect.objectContaining({ ReviewDecision: 1, decision: "APPROVE" }),
      ]),
    );
  });
});

describe("JWT authorization", () => {
  let jwtHandler: ReturnType<typeof createReviewApiHandler>;
  beforeEach(() => {
    jwtHandler = createReviewApiHandler({ deps: ports, access: JWT_ACCESS }, testTelemetry());
  });

  const jwtCall = async (options: Parameters<typeof jwtEvent>[0]) => {
    const response = (await jwtHandler(
      jwtEvent(options),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: JSON.parse(String(response.body)),
    };
  };

  it("lets a reviewer of the groups claim work the queue and read an application with its PII", async () => {
    const waiting = await inReview();

    const queue = await jwtCall({ routeKey: "GET /applications", claims: TOKENS.alice });
    const detail = await jwtCall({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: waiting.applicationId },
      claims: TOKENS.bob, // groups as a real array
    });

    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ applicationId: waiting.applicationId })]);
    expect(detail.status).toBe(200);
    expect(detail.headers).toMatchObject({ "cache-control": "no-store" });
    expect(detail.body.applicant).toMatchObject({ lastName: form.lastName });
  });

  it("records the decision with jwt:<sub> as the reviewer, in the review and the audit trail", async () => {
    const record = await inReview();

    const response = await jwtCall({
      routeKey: "POST /applications/{id}/decision",
      pathParameters: { id: record.applicationId },
      claims: TOKENS.alice,
      body: { ...approve, expectedVersion: 4 },
    });

    expect(response.status).toBe(200);
    expect(response.body.review).toMatchObject({ reviewerId: "jwt:4f1c2a9e-alice", decision: "APPROVE" });
    const stored = await ports.customerRepo.get(record.applicationId);
    expect(stored?.review?.reviewerId).toBe("jwt:4f1c2a9e-alice");
    expect(stored?.audit.at(-1)).toMatchObject({
      step: "review",
      detail: { reviewerId: "jwt:4f1c2a9e-alice" },
    });
  });

  it("lets a data protection officer erase, recorded as requested by jwt:<sub>", async () => {
    const record = await decided();

    const response = await jwtCall({
      routeKey: "POST /applications/{id}/erasure",
      pathParameters: { id: record.applicationId },
      claims: TOKENS.dora,
      body: { reason: "CUSTOMER_REQUEST" },
    });

    expect(response.status).toBe(200);
    const stored = await ports.customerRepo.get(record.applicationId);
    expect(stored?.applicant).toBeUndefined();
    expect(stored?.audit.at(-1)).toMatchObject({
      step: "erasure",
      detail: { requestedBy: "jwt:9a8e77f0-dora", reason: "CUSTOMER_REQUEST" },
    });
  });

  it("lets a member of both groups decide and erase", async () => {
    const record = await inReview();
    const route = (action: "decision" | "erasure") => `POST /applications/{id}/${action}`;

    const decision = await jwtCall({
      routeKey: route("decision"),
      pathParameters: { id: record.applicationId },
      claims: TOKENS.pat,
      body: approve,
    });
    const erasure = await jwtCall({
      routeKey: route("erasure"),
      pathParameters: { id: record.applicationId },
      claims: TOKENS.pat,
      body: { reason: "CUSTOMER_REQUEST" },
    });

    expect([decision.status, erasure.status]).toEqual([200, 200]);
  });

  it.each([
    ["a token in no group that grants a role", TOKENS.mallory, "GET /applications/{id}"],
    ["a token without the id claim", TOKENS.machine, "GET /applications/{id}"],
    [
      "a token whose id is longer than the audit trail accepts",
      { sub: "s".repeat(125), "cognito:groups": "[onboarding-reviewers]" },
      "GET /applications/{id}",
    ],
    ["a reviewer, to erase", TOKENS.alice, "POST /applications/{id}/erasure"],
    ["a data protection officer, to decide", TOKENS.dora, "POST /applications/{id}/decision"],
  ])("refuses %s with 403 before reading the request, as for IAM callers", async (_who, claims, routeKey) => {
    const record = await decided();

    const response = await jwtCall({
      routeKey,
      claims,
      pathParameters: { id: record.applicationId },
      body: { reason: "CUSTOMER_REQUEST", decision: "APPROVE" },
    });

    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: "FORBIDDEN", message: "the caller may not use this route" },
    });
    expect((await ports.customerRepo.get(record.applicationId))?.applicant).toEqual(form);
  });

  it("refuses an IAM-signed request in JWT mode, and a JWT-authorised one in IAM mode", async () => {
    const record = await decided();
    const read = { routeKey: "GET /applications/{id}", pathParameters: { id: record.applicationId } };

    const signed = (await jwtHandler(
      httpEvent({ ...read, userArn: PRINCIPALS.alice }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;
    const bearer = (await handler(
      jwtEvent({ ...read, claims: TOKENS.alice }),
      lambdaContext(),
    )) as APIGatewayProxyStructuredResultV2;

    expect([signed.statusCode, bearer.statusCode]).toEqual([403, 403]);
  });

  it("logs the caller's id, and neither the token, nor any other claim, nor the applicant's PII", async () => {
    const record = await inReview();
    await jwtCall({
      routeKey: "GET /applications/{id}",
      pathParameters: { id: record.applicationId },
      claims: TOKENS.alice,
    });
    await jwtCall({
      routeKey: "POST /applications/{id}/decision",
      pathParameters: { id: record.applicationId },
      claims: TOKENS.alice,
      body: approve,
    });
    await jwtCall({ routeKey: "GET /applications", claims: TOKENS.mallory });

    const lines = output.lines();
    const logged = lines.join("\n");
    for (const secret of [
      BEARER_TOKEN,
      "Bearer",
      TOKENS.alice.username,
      TOKENS.alice.iss,
      TOKENS.alice.client_id,
      "cognito:groups",
      "onboarding-reviewers",
      form.lastName,
      COMMENT,
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(jsonLines(lines)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: "review API request",
          route: "POST /applications/{id}/decision",
          statusCode: 200,
          caller: "jwt:4f1c2a9e-alice",
        }),
        expect.objectContaining({ statusCode: 403, code: "FORBIDDEN", caller: "jwt:0badc0de-mallory" }),
      ]),
    );
  });
});
