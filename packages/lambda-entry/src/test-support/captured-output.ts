import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Telemetry } from "../observability.js";

/**
 * Everything written to stdout and stderr while capturing: where Powertools' Logger and Metrics
 * (and the Lambda runtime, in production) write. `lines()` returns the lines written so far.
 */
export function captureOutput(): { lines(): string[]; restore(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  return {
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line.length > 0),
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

/** A Logger and Metrics like the functions', for handlers built in tests. */
export const testTelemetry = (): Telemetry => ({
  logger: new Logger({ serviceName: "onboarding-test" }),
  metrics: new Metrics({ namespace: "OnboardingTest", serviceName: "onboarding-test" }),
});

/** The JSON objects among captured lines (log entries and EMF metric blobs). */
export const jsonLines = (lines: readonly string[]): Record<string, unknown>[] =>
  lines.flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === "object" && parsed !== null ? [parsed as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });

/** A port whose listed methods are `methods`; any other call fails the test. */
export const stubPort = <T extends object>(methods: Partial<T>): T =>
  new Proxy(methods, {
    get: (target, property) =>
      property in target
        ? Reflect.get(target, property)
        : () => {
            throw new Error(`unexpected call: ${String(property)}`);
          },
  }) as T;
