/**
 * The user asked for something the command cannot do as asked: bad usage, or an input file that
 * cannot be read. Exit status 2, one line on stderr, no stack trace.
 */
export class UsageError extends Error {
  readonly code = "USAGE" as const;

  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const isUsageError = (error: unknown): error is UsageError =>
  error instanceof Error && (error as { code?: unknown }).code === "USAGE";
