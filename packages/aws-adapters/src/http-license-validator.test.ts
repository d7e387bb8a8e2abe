import type { ServerResponse } from "node:http";
import { licenseValidatorContract } from "@onboarding/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpLicenseValidator, type HttpLicenseValidatorOptions } from "./http-license-validator.js";
import { type StubServer, startStubServer } from "./test-support/stub-server.js";

/**
 * The stand-in provider: what it answers depends on the license number, so one server serves
 * every mode. Attempts are counted per license number for the "fails, then works" modes.
 */
const attempts = new Map<string, number>();
const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
};
const provider = async (request: { url: string; body: string }, response: ServerResponse): Promise<void> => {
  if (request.url !== "/v1/licenses/validate") return json(response, 404, { error: "no such route" });
  const { licenseNumber } = JSON.parse(request.body) as { licenseNumber: string };
  const attempt = (attempts.get(licenseNumber) ?? 0) + 1;
  attempts.set(licenseNumber, attempt);
  switch (licenseNumber) {
    case "VALID1":
      return json(response, 200, { status: "VALID", reference: "chk_1" });
    case "REVOKED1":
      return json(response, 200, { status: "INVALID", reason: "REVOKED", reference: "chk_2" });
    case "UNKNOWN1":
      return json(response, 404, { error: "license not on file" });
    case "BAD400":
      return json(response, 400, { error: "issuingState must be a USPS code" });
    case "FLAKY":
      return attempt < 3 ? json(response, 503, { error: "busy" }) : json(response, 200, { status: "VALID" });
    case "DOWN":
      return json(response, 502, "<html>Bad gateway</html>");
    case "THROTTLED":
      return attempt < 2
        ? json(response, 429, { error: "slow down" }, { "retry-after": "1" })
        : json(response, 200, { status: "VALID" });
    case "SLOW-ONCE":
      if (attempt === 1) await new Promise((r) => setTimeout(r, 400));
      return json(response, 200, { status: "VALID" });
    case "HANG":
      await new Promise((r) => setTimeout(r, 400));
      return json(response, 200, { status: "VALID" });
    case "MALFORMED":
      return json(response, 200, '{"status": "VALID"');
    case "WRONG-SHAPE":
      return json(response, 200, { status: "MAYBE", reason: "lowercase reason" });
    default:
      return json(response, 200, { status: "INVALID", reason: "NOT_FOUND" });
  }
};

let server: StubServer;
beforeAll(async () => {
  server = await startStubServer(provider);
});
afterAll(() => server.close());

const delays: number[] = [];
const validatorFor = (options: Partial<HttpLicenseValidatorOptions> = {}) =>
  new HttpLicenseValidator({
    baseUrl: server.url,
    provider: "test-dmv",
    timeoutMs: 150,
    maxAttempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 2000,
    // Backoff is recorded, not waited for: the tests stay fast and can check the schedule.
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
    ...options,
  });
const ask = (licenseNumber: string, validator = validatorFor()) =>
  validator.validateLicense({ licenseNumber, issuingState: "CA", requestId: `req-${licenseNumber}` });

licenseValidatorContract({
  name: "HttpLicenseValidator (local HTTP provider)",
  make: () => ({
    validator: validatorFor(),
    valid: { licenseNumber: "VALID1", issuingState: "CA" },
    invalid: { licenseNumber: "REVOKED1", issuingState: "CA" },
  }),
});

describe("HttpLicenseValidator", () => {
  it("answers VALID and INVALID from the provider's JSON, keeping its reference", async () => {
    expect(await ask("VALID1")).toEqual({ status: "VALID", provider: "test-dmv", reference: "chk_1" });
    expect(await ask("REVOKED1")).toEqual({
      status: "INVALID",
      provider: "test-dmv",
      reason: "REVOKED",
      reference: "chk_2",
    });
  });

  it("sends the license number and state only, with the request id as Idempotency-Key", async () => {
    await ask("VALID1");

    const request = server.requests.at(-1);
    expect(JSON.parse(request?.body ?? "{}")).toEqual({ licenseNumber: "VALID1", issuingState: "CA" });
    expect(request?.headers["idempotency-key"]).toBe("req-VALID1");
    expect(request?.method).toBe("POST");
  });

  it("answers a documented 404 as INVALID NOT_FOUND", async () => {
    expect(await ask("UNKNOWN1")).toEqual({ status: "INVALID", provider: "test-dmv", reason: "NOT_FOUND" });
  });

  it("answers another 4xx as UNAVAILABLE with a coded reason, without retrying", async () => {
    attempts.delete("BAD400");

    const result = await ask("BAD400");

    expect(result).toEqual({
      status: "UNAVAILABLE",
      provider: "test-dmv",
      reason: "PROVIDER_REJECTED_REQUEST_400",
    });
    expect(attempts.get("BAD400")).toBe(1);
  });

  it("retries 5xx with exponential backoff and full jitter, then answers", async () => {
    attempts.delete("FLAKY");
    delays.length = 0;

    const result = await ask("FLAKY");

    expect(result.status).toBe("VALID");
    expect(attempts.get("FLAKY")).toBe(3);
    expect(delays).toEqual([200, 400]);
  });

  it("keeps jittered delays within the exponential ceiling", async () => {
    attempts.delete("FLAKY");
    delays.length = 0;

    await ask("FLAKY", validatorFor({ random: () => 0.5 }));

    expect(delays).toEqual([100, 200]);
  });

  it("throws a retryable DependencyFault once the attempts are used up, so the message is redelivered", async () => {
    attempts.delete("DOWN");

    const fault = await ask("DOWN").catch((error: unknown) => error);

    expect(fault).toMatchObject({ code: "DEPENDENCY_UNAVAILABLE", retryable: true, dependency: "test-dmv" });
    expect(attempts.get("DOWN")).toBe(3);
  });

  it("retries a 429, waiting at least its Retry-After (capped at maxDelayMs)", async () => {
    attempts.delete("THROTTLED");
    delays.length = 0;

    const result = await ask("THROTTLED", validatorFor({ random: () => 0 }));

    expect(result.status).toBe("VALID");
    expect(delays).toEqual([1000]);
  });

  it("gives each attempt its own timeout and retries a slow answer", async () => {
    attempts.delete("SLOW-ONCE");

    const result = await ask("SLOW-ONCE");

    expect(result.status).toBe("VALID");
    expect(attempts.get("SLOW-ONCE")).toBe(2);
  });

  it("throws a retryable fault naming the timeout when every attempt times out", async () => {
    const started = Date.now();

    const fault = (await ask("HANG", validatorFor({ maxAttempts: 2 })).catch(
      (error: unknown) => error,
    )) as Error;

    expect(fault).toMatchObject({ code: "DEPENDENCY_UNAVAILABLE", retryable: true });
    expect(fault.message).toContain("timed out after 150 ms");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("retries a network error (nothing listening) and then throws a retryable fault", async () => {
    const closed = await startStubServer(() => undefined);
    await closed.close();

    const fault = await ask("VALID1", validatorFor({ baseUrl: closed.url })).catch((error: unknown) => error);

    expect(fault).toMatchObject({ code: "DEPENDENCY_UNAVAILABLE", retryable: true });
    expect((fault as Error).message).toContain("network error");
  });

  it.each(["MALFORMED", "WRONG-SHAPE"])(
    "answers a %s 200 body as UNAVAILABLE PROVIDER_RESPONSE_INVALID",
    async (mode) => {
      expect(await ask(mode)).toEqual({
        status: "UNAVAILABLE",
        provider: "test-dmv",
        reason: "PROVIDER_RESPONSE_INVALID",
      });
    },
  );
});
