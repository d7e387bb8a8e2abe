import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { demoCommand } from "./commands/demo.js";
import { localDemoCommand } from "./commands/demo-local.js";
import { processCommand } from "./commands/process.js";
import {
  APPLICATION_STATUSES,
  DECISIONS,
  ERASURE_REASONS,
  MAX_PAGE_SIZE,
  operatorId,
  parseApplicationId,
  parseChoice,
  parseInteger,
  REVIEW_REASON_CODES,
  reviewDecideCommand,
  reviewEraseCommand,
  reviewListCommand,
  reviewShowCommand,
} from "./commands/review.js";
import { samplesCommand } from "./commands/samples.js";
import { AVAILABLE_ENGINE_KINDS, DEFAULT_ENGINE_KIND, ENGINE_KINDS, parseEngineKind } from "./engines.js";
import { isUsageError, UsageError } from "./errors.js";
import type { Io } from "./io.js";

/** Where `process` and `review` keep applications, documents and uploads unless `--data-dir` says otherwise. */
export const DEFAULT_DATA_DIR = "./.onboard";

export const USAGE = `Usage:
  onboard process <file.zip> [--json] [--engines <kind>] [--data-dir <dir>]
      Runs one submission (application.csv, license.jpg|png, selfie.jpg in a zip) through the
      onboarding pipeline, keeps it in the data directory, and prints the decision.
      --json             print one JSON object (no applicant PII): applicationId, status, reasons,
                         checks, notifications, audit
      --engines <kind>   ${ENGINE_KINDS.join(" | ")} (default ${DEFAULT_ENGINE_KIND}; available: ${AVAILABLE_ENGINE_KINDS.join(", ")}).
                         local: a face model and OCR on this machine, offline; the license issuer
                         is a stand-in that knows only the sample licenses (others go to a person).
                         scripted: engines with nothing scripted answer UNAVAILABLE, so the
                         application goes to MANUAL_REVIEW: never a made-up pass.
  onboard review list [--status <status>] [--limit <n>] [--cursor <c>] [--json]
      Applications in one status, oldest first (default MANUAL_REVIEW: the review queue);
      at most --limit (1-${MAX_PAGE_SIZE}, default 25) per page, --cursor for the next page.
  onboard review show <applicationId> [--show-pii] [--json]
      The application: status, checks and scores, reasons, documents, review, audit trail.
      The applicant's details and the review comment only with --show-pii.
  onboard review decide <applicationId> --decision approve|reject|resubmit --reason <code>
                        [--comment <text>] [--reviewer <id>] [--expected-version <n>] [--json]
      Records a decision on an application in MANUAL_REVIEW. --reviewer defaults to your OS user.
      Reason codes: ${REVIEW_REASON_CODES.join(", ")}.
  onboard review erase <applicationId> --reason <reason> [--by <id>] [--json]
      Deletes a decided application's images, documents, upload and PII from the data directory;
      the decision record and audit trail stay. Reasons: ${ERASURE_REASONS.join(", ")}.
  onboard demo [--engines <kind>]
      Without --engines: both of the runs below, one after the other.
      local: the generated sample submissions through the local engines, nothing scripted.
      scripted: generated scenarios with openly scripted engine answers, every decision path
      (a clean match, accents and a middle name, an expired license, a face mismatch, a hostile zip).
  onboard samples --out <dir>
      Writes sample submissions (synthetic licenses, selfies, application CSVs; matching and
      mismatching) as zips into <dir>, to try with 'onboard process'.
  onboard help | --help | -h
  onboard --version | -v

--data-dir <dir> (process, review; default ${DEFAULT_DATA_DIR}): where applications, documents and
uploads are kept between commands. It holds PII (names, dates of birth, addresses, license and
face images), readable by you only: delete it with 'onboard review erase <id>' or by removing
the directory.

Exit status: 0 the submission reached a status (INVALID_SUBMISSION too) / the demo ended as
expected / the review command did what it was asked; 1 an unexpected error, or a demo scenario
ended otherwise; 2 bad usage or unreadable file; 3 the core refused a review command
(APPLICATION_NOT_FOUND, NOT_IN_REVIEW, ALREADY_DECIDED, STALE_VERSION, REVIEW_INVALID,
APPLICATION_IN_PROGRESS), one line on stderr naming the code.`;

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
  "data-dir": { type: "string" },
  status: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
  "show-pii": { type: "boolean" },
  decision: { type: "string" },
  reason: { type: "string" },
  comment: { type: "string" },
  reviewer: { type: "string" },
  "expected-version": { type: "string" },
  by: { type: "string" },
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

function dataDir(values: Parsed["values"]): string {
  const dir = values["data-dir"] ?? DEFAULT_DATA_DIR;
  if (dir === "") throw new UsageError("--data-dir needs a directory");
  return dir;
}

const REVIEW_SUBCOMMANDS = "list, show, decide, erase";

/** `onboard review list|show|decide|erase`: the back office on the data directory. */
async function review(
  args: readonly string[],
  values: Parsed["values"],
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const [sub, ...rest] = args;
  const json = values.json ?? false;
  const noMore = (command: string, extra: readonly string[]) => {
    if (extra.length > 0) throw new UsageError(`${command}: unexpected argument '${extra[0]}'`);
  };
  switch (sub) {
    case "list": {
      rejectOptions(values, "review list", ["data-dir", "json", "status", "limit", "cursor"]);
      noMore("review list", rest);
      const limit = parseInteger("limit", values.limit, 1, MAX_PAGE_SIZE);
      if (values.cursor === "") throw new UsageError("--cursor needs a value");
      return reviewListCommand(
        {
          dataDir: dataDir(values),
          json,
          status: parseChoice("status", values.status, APPLICATION_STATUSES) ?? "MANUAL_REVIEW",
          ...(limit === undefined ? {} : { limit }),
          ...(values.cursor === undefined ? {} : { cursor: values.cursor }),
        },
        io,
      );
    }
    case "show": {
      rejectOptions(values, "review show", ["data-dir", "json", "show-pii"]);
      const [id, ...extra] = rest;
      const applicationId = parseApplicationId("review show", id);
      noMore("review show", extra);
      return reviewShowCommand(
        applicationId,
        { dataDir: dataDir(values), json, showPii: values["show-pii"] ?? false },
        io,
      );
    }
    case "decide": {
      rejectOptions(values, "review decide", [
        "data-dir",
        "json",
        "decision",
        "reason",
        "comment",
        "reviewer",
        "expected-version",
      ]);
      const [id, ...extra] = rest;
      const applicationId = parseApplicationId("review decide", id);
      noMore("review decide", extra);
      const decision = parseChoice("decision", values.decision, Object.keys(DECISIONS));
      if (decision === undefined)
        throw new UsageError("review decide: missing --decision approve|reject|resubmit");
      const reasonCode = parseChoice("reason", values.reason, REVIEW_REASON_CODES);
      if (reasonCode === undefined)
        throw new UsageError(
          `review decide: missing --reason <code> (one of: ${REVIEW_REASON_CODES.join(", ")})`,
        );
      const expectedVersion = parseInteger(
        "expected-version",
        values["expected-version"],
        1,
        Number.MAX_SAFE_INTEGER,
      );
      return reviewDecideCommand(
        applicationId,
        {
          dataDir: dataDir(values),
          json,
          decision: DECISIONS[decision] ?? "REJECT",
          reasonCode,
          reviewerId: operatorId(values.reviewer, env),
          ...(values.comment === undefined ? {} : { comment: values.comment }),
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        },
        io,
      );
    }
    case "erase": {
      rejectOptions(values, "review erase", ["data-dir", "json", "reason", "by"]);
      const [id, ...extra] = rest;
      const applicationId = parseApplicationId("review erase", id);
      noMore("review erase", extra);
      const reason = parseChoice("reason", values.reason, ERASURE_REASONS);
      if (reason === undefined)
        throw new UsageError(
          `review erase: missing --reason <reason> (one of: ${ERASURE_REASONS.join(", ")})`,
        );
      if (values.by === "") throw new UsageError("--by needs an id");
      return reviewEraseCommand(
        applicationId,
        { dataDir: dataDir(values), json, reason, requestedBy: operatorId(values.by, env) },
        io,
      );
    }
    case undefined:
      throw new UsageError(`review: missing subcommand (${REVIEW_SUBCOMMANDS})`);
    default:
      throw new UsageError(`review: unknown subcommand '${sub}' (${REVIEW_SUBCOMMANDS})`);
  }
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
        rejectOptions(values, command, ["json", "engines", "data-dir"]);
        const [file, ...extra] = rest;
        if (file === undefined) throw new UsageError("process: missing <file.zip>");
        if (extra.length > 0) throw new UsageError(`process: unexpected argument '${extra[0]}'`);
        const engines = parseEngineKind(values.engines ?? DEFAULT_ENGINE_KIND);
        return await processCommand(
          file,
          { json: values.json ?? false, engines, dataDir: dataDir(values) },
          io,
        );
      }
      case "review":
        return await review(rest, values, io, env);
      case "demo": {
        rejectOptions(values, command, ["engines"]);
        if (rest.length > 0) throw new UsageError(`demo: unexpected argument '${rest[0]}'`);
        if (values.engines === undefined) {
          // The README's main command: real engines on the samples, then every decision path
          // (hostile zip, expiry, accents) with openly scripted answers.
          const local = await localDemoCommand(io);
          const scripted = await demoCommand(io);
          return Math.max(local, scripted);
        }
        return parseEngineKind(values.engines) === "local"
          ? await localDemoCommand(io)
          : await demoCommand(io);
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
