import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { demoCommand } from "./commands/demo.js";
import { localDemoCommand } from "./commands/demo-local.js";
import { processCommand } from "./commands/process.js";
import { samplesCommand } from "./commands/samples.js";
import { AVAILABLE_ENGINE_KINDS, DEFAULT_ENGINE_KIND, ENGINE_KINDS, parseEngineKind } from "./engines.js";
import { isUsageError, UsageError } from "./errors.js";
import type { Io } from "./io.js";

export const USAGE = `Usage:
  onboard process <file.zip> [--json] [--engines <kind>]
      Runs one submission (application.csv, license.jpg|png, selfie.jpg in a zip) through the
      onboarding pipeline on in-memory storage, queue and notifier, and prints the decision.
      --json             print one JSON object (no applicant PII): applicationId, status, reasons,
                         checks, notifications, audit
      --engines <kind>   ${ENGINE_KINDS.join(" | ")} (default ${DEFAULT_ENGINE_KIND}; available: ${AVAILABLE_ENGINE_KINDS.join(", ")}).
                         local: a face model and OCR on this machine, offline; the license issuer
                         is a stand-in that knows only the sample licenses (others go to a person).
                         scripted: engines with nothing scripted answer UNAVAILABLE, so the
                         application goes to MANUAL_REVIEW: never a made-up pass.
  onboard demo [--engines <kind>]
      local (default): the generated sample submissions through the local engines, nothing scripted.
      scripted: generated scenarios with openly scripted engine answers, every decision path.
  onboard samples --out <dir>
      Writes sample submissions (synthetic licenses, selfies, application CSVs; matching and
      mismatching) as zips into <dir>, to try with 'onboard process'.
  onboard help | --help | -h
  onboard --version | -v

Exit status: 0 the submission reached a status (INVALID_SUBMISSION too) / the demo ended as
expected; 1 an unexpected error, or a demo scenario ended otherwise; 2 bad usage or unreadable file.`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

const OPTIONS = {
  json: { type: "boolean" },
  engines: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;

function parse(argv: readonly string[]): Parsed {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** Node's parseArgs messages are long and mention `--` escapes; keep the first sentence. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option '${option}'`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) return `option '${option}' needs a value`;
  return message.split(/\.\s/)[0] ?? message;
}

function rejectOptions(
  values: Parsed["values"],
  command: string,
  allowed: readonly (keyof typeof OPTIONS)[],
): void {
  for (const name of Object.keys(values) as (keyof typeof OPTIONS)[])
    if (!allowed.includes(name)) throw new UsageError(`option '--${name}' does not apply to '${command}'`);
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit status.
 * Never throws: usage errors are one line on stderr and status 2, anything else status 1.
 */
export async function main(
  argv: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.version) {
      io.out(version());
      return 0;
    }
    if (values.help || command === "help") {
      io.out(USAGE);
      return 0;
    }
    switch (command) {
      case "process": {
        rejectOptions(values, command, ["json", "engines"]);
        const [file, ...extra] = rest;
        if (file === undefined) throw new UsageError("process: missing <file.zip>");
        if (extra.length > 0) throw new UsageError(`process: unexpected argument '${extra[0]}'`);
        const engines = parseEngineKind(values.engines ?? DEFAULT_ENGINE_KIND);
        return await processCommand(file, { json: values.json ?? false, engines }, io);
      }
      case "demo": {
        rejectOptions(values, command, ["engines"]);
        if (rest.length > 0) throw new UsageError(`demo: unexpected argument '${rest[0]}'`);
        const engines = parseEngineKind(values.engines ?? DEFAULT_ENGINE_KIND);
        return engines === "local" ? await localDemoCommand(io) : await demoCommand(io);
      }
      case "samples":
        rejectOptions(values, command, ["out"]);
        if (rest.length > 0) throw new UsageError(`samples: unexpected argument '${rest[0]}'`);
        if (values.out === undefined || values.out === "")
          throw new UsageError("samples: missing --out <dir>");
        return await samplesCommand(values.out, io);
      case undefined:
        throw new UsageError("missing command (try 'onboard --help')");
      default:
        throw new UsageError(`unknown command '${command}' (try 'onboard --help')`);
    }
  } catch (error) {
    if (isUsageError(error)) {
      io.err(`onboard: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`onboard: unexpected error: ${message.split("\n")[0]}`);
    if (env.ONBOARD_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}
