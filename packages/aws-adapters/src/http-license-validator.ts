import {
  DependencyFault,
  type LicenseValidationResult,
  type LicenseValidator,
  OnboardingFault,
} from "@onboarding/core";
import * as z from "zod/mini";

/**
 * What the provider answers with HTTP 200 (`application/json`):
 *
 * ```json
 * { "status": "VALID", "reference": "chk_123" }
 * { "status": "INVALID", "reason": "SUSPENDED", "reference": "chk_124" }
 * ```
 *
 * `reason` is an upper-case code (`NOT_FOUND`, `SUSPENDED`, `REVOKED`, `EXPIRED`, …); `reference`
 * is the provider's id of the check, kept for the audit trail. Anything else is malformed.
 */
export const providerAnswerSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("VALID"),
    reference: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  z.object({
    status: z.literal("INVALID"),
    reason: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/)),
    reference: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
]);
export type ProviderAnswer = z.infer<typeof providerAnswerSchema>;

export interface HttpLicenseValidatorOptions {
  /** The provider's base URL, e.g. `https://licenses.example.com`. */
  readonly baseUrl: string;
  /** The path of the validation endpoint. Default `/v1/licenses/validate`. */
  readonly path?: string;
  /** The provider's name, recorded with every answer. Default `license-api`. */
  readonly provider?: string;
  /** Extra headers on every request (authentication). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time allowed for one attempt, response body included. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Attempts in all, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Backoff before attempt n+1: a random delay up to `min(maxDelayMs, baseDelayMs × 2^(n-1))`. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected for tests; default the global `fetch`, `setTimeout` and `Math.random`. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

type Attempt =
  | { readonly kind: "answer"; readonly result: LicenseValidationResult }
  | {
      readonly kind: "retry";
      readonly why: string;
      readonly throttled: boolean;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    };

/**
 * The `LicenseValidator` over the third party's HTTP API (not AWS, but kept in this package for
 * now). `POST <baseUrl><path>` with `{ licenseNumber, issuingState }` and an `Idempotency-Key`
 * header carrying the request id.
 *
 * - 200 with a valid body (see `providerAnswerSchema`): `VALID` or `INVALID` with the provider's reason.
 * - 404: `INVALID` with reason `NOT_FOUND` (the provider has no such license).
 * - Any other 4xx but 408/429: `UNAVAILABLE` with reason `PROVIDER_REJECTED_REQUEST_<status>`,
 *   not retried (the same request would be refused again).
 * - 200 with a body that is not JSON or not the schema: `UNAVAILABLE`, `PROVIDER_RESPONSE_INVALID`.
 * - 5xx, 408, 429, a timeout (`timeoutMs` per attempt) or a network error: retried with
 *   exponential backoff and full jitter (429 honours `Retry-After` up to `maxDelayMs`); when the
 *   attempts are used up, a retryable `DependencyFault` is thrown, so the queue redelivers the
 *   message later and, in the end, moves it to its dead-letter queue.
 *
 * @example
 * ```ts
 * const validator = new HttpLicenseValidator({ baseUrl: "https://licenses.example.com", headers: { authorization: `Bearer ${token}` } });
 * ```
 */
export class HttpLicenseValidator implements LicenseValidator {
  readonly #url: string;
  readonly #provider: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;

  constructor(options: HttpLicenseValidatorOptions) {
    this.#url = new URL(options.path ?? "/v1/licenses/validate", options.baseUrl).toString();
    this.#provider = options.provider ?? "license-api";
    this.#headers = options.headers ?? {};
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#maxAttempts = options.maxAttempts ?? 3;
    this.#baseDelayMs = options.baseDelayMs ?? 200;
    this.#maxDelayMs = options.maxDelayMs ?? 2000;
    if (!(this.#maxAttempts >= 1) || !(this.#timeoutMs > 0)) {
      throw new OnboardingFault("CONFIGURATION_INVALID", "maxAttempts must be >= 1 and timeoutMs > 0");
    }
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
  }

  async validateLicense(request: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }): Promise<LicenseValidationResult> {
    let last: Extract<Attempt, { kind: "retry" }> | undefined;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
      if (last !== undefined) await this.#sleep(this.#delayBefore(attempt, last.retryAfterMs));
      const outcome = await this.#attempt(request);
      if (outcome.kind === "answer") return outcome.result;
      last = outcome;
    }
    throw new DependencyFault(
      this.#provider,
      `license validation failed after ${this.#maxAttempts} attempt(s): ${last?.why ?? "unknown"}`,
      { cause: last?.cause, retryable: true, throttled: last?.throttled ?? false },
    );
  }

  /** Full jitter: uniform in [0, min(max, base × 2^(n-2))] before attempt n; `Retry-After` is a floor. */
  #delayBefore(attempt: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (attempt - 2));
    const jittered = Math.floor(this.#random() * ceiling);
    return retryAfterMs === undefined
      ? jittered
      : Math.min(this.#maxDelayMs, Math.max(jittered, retryAfterMs));
  }

  async #attempt(request: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }): Promise<Attempt> {
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.#url, {
        method: "POST",
        headers: {
          ...this.#headers,
          "content-type": "application/json",
          accept: "application/json",
          "idempotency-key": request.requestId,
        },
        body: JSON.stringify({ licenseNumber: request.licenseNumber, issuingState: request.issuingState }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      // The body is read under the same per-attempt timeout as the headers.
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      const why =
        name === "TimeoutError" || name === "AbortError"
          ? `timed out after ${this.#timeoutMs} ms`
          : "network error";
      return { kind: "retry", why, throttled: false, cause: error };
    }

    const status = response.status;
    if (status === 429 || status === 408 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      return {
        kind: "retry",
        why: `HTTP ${status}`,
        throttled: status === 429,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status === 404) {
      return { kind: "answer", result: { status: "INVALID", provider: this.#provider, reason: "NOT_FOUND" } };
    }
    if (status < 200 || status >= 300) {
      return this.#unavailable(`PROVIDER_REJECTED_REQUEST_${status}`);
    }
    return { kind: "answer", result: this.#parse(text) };
  }

  #parse(text: string): LicenseValidationResult {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: "UNAVAILABLE", provider: this.#provider, reason: "PROVIDER_RESPONSE_INVALID" };
    }
    const parsed = providerAnswerSchema.safeParse(json);
    if (!parsed.success)
      return { status: "UNAVAILABLE", provider: this.#provider, reason: "PROVIDER_RESPONSE_INVALID" };
    const answer = parsed.data;
    const reference = answer.reference === undefined ? {} : { reference: answer.reference };
    return answer.status === "VALID"
      ? { status: "VALID", provider: this.#provider, ...reference }
      : { status: "INVALID", provider: this.#provider, reason: answer.reason, ...reference };
  }

  #unavailable(reason: string): Attempt {
    return { kind: "answer", result: { status: "UNAVAILABLE", provider: this.#provider, reason } };
  }
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
