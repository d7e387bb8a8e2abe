import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";
import { writeTempFiles } from "./test-submissions.js";
import { captureIo } from "./testing.js";

describe("main", () => {
  it.each([["--help"], ["-h"], ["help"]])("prints usage for %s, exit 0", async (flag) => {
    const { io, stdout } = captureIo();
    expect(await main([flag], io)).toBe(0);
    expect(stdout()).toContain("onboard process <file.zip> [--json]");
  });

  it("prints the package version", async () => {
    const { io, stdout } = captureIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(stdout()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [["process", "a.zip", "--jsn"], "onboard: unknown option '--jsn'"],
    [["process"], "onboard: process: missing <file.zip>"],
    [["process", "a.zip", "b.zip"], "onboard: process: unexpected argument 'b.zip'"],
    [["process", "a.zip", "--engines"], "onboard: option '--engines <value>' needs a value"],
    [
      ["process", "a.zip", "--engines", "gpu"],
      "onboard: unknown engines 'gpu' (expected one of: scripted, local, aws)",
    ],
    [
      ["process", "a.zip", "--engines", "aws"],
      "onboard: engines 'aws' are not available in this version (available: local, scripted)",
    ],
    [["demo", "--json"], "onboard: option '--json' does not apply to 'demo'"],
    [["samples"], "onboard: samples: missing --out <dir>"],
    [["samples", "--out", "x", "--json"], "onboard: option '--json' does not apply to 'samples'"],
    [["frobnicate"], "onboard: unknown command 'frobnicate' (try 'onboard --help')"],
    [[], "onboard: missing command (try 'onboard --help')"],
    [
      ["samples", "--out", "x", "--data-dir", "d"],
      "onboard: option '--data-dir' does not apply to 'samples'",
    ],
    [["process", "a.zip", "--data-dir", ""], "onboard: --data-dir needs a directory"],
    [["review"], "onboard: review: missing subcommand (list, show, decide, erase)"],
    [["review", "approve"], "onboard: review: unknown subcommand 'approve' (list, show, decide, erase)"],
    [["review", "list", "--show-pii"], "onboard: option '--show-pii' does not apply to 'review list'"],
    [["review", "list", "extra"], "onboard: review list: unexpected argument 'extra'"],
    [
      ["review", "list", "--status", "PENDING"],
      "onboard: --status 'PENDING' is not one of: RECEIVED, DOCUMENTS_STORED, VERIFYING, AWAITING_LICENSE_VALIDATION, APPROVED, REJECTED, MANUAL_REVIEW, RESUBMISSION_REQUESTED, INVALID_SUBMISSION",
    ],
    [["review", "list", "--limit", "0"], "onboard: --limit must be a whole number from 1 to 100, not '0'"],
    [
      ["review", "list", "--limit", "2.5"],
      "onboard: --limit must be a whole number from 1 to 100, not '2.5'",
    ],
    [["review", "show"], "onboard: review show: missing <applicationId>"],
    [
      ["review", "show", "../../etc/passwd"],
      "onboard: review show: '../../etc/passwd' is not an application id",
    ],
    [["review", "show", "a", "b"], "onboard: review show: unexpected argument 'b'"],
    [
      ["review", "decide", "a", "--reason", "OTHER"],
      "onboard: review decide: missing --decision approve|reject|resubmit",
    ],
    [
      ["review", "decide", "a", "--decision", "maybe", "--reason", "OTHER"],
      "onboard: --decision 'maybe' is not one of: approve, reject, resubmit",
    ],
    [
      ["review", "decide", "a", "--decision", "approve", "--reason", "LOOKS_FINE"],
      "onboard: --reason 'LOOKS_FINE' is not one of: IDENTITY_CONFIRMED, DOCUMENTS_CONSISTENT, FACE_MISMATCH_CONFIRMED, IDENTITY_MISMATCH_CONFIRMED, DOCUMENT_SUSPECTED_FRAUDULENT, DOCUMENT_ILLEGIBLE, DOCUMENT_EXPIRED, PHOTO_QUALITY_INSUFFICIENT, INFORMATION_INCOMPLETE, OTHER",
    ],
    [
      ["review", "decide", "a", "--decision", "approve", "--reason", "OTHER", "--expected-version", "v3"],
      "onboard: --expected-version must be a whole number from 1 to 9007199254740991, not 'v3'",
    ],
    [
      ["review", "decide", "a", "--decision", "approve", "--reason", "OTHER", "--by", "me"],
      "onboard: option '--by' does not apply to 'review decide'",
    ],
    [
      ["review", "erase", "a", "--reason", "BORED"],
      "onboard: --reason 'BORED' is not one of: RETENTION_EXPIRED, CUSTOMER_REQUEST, LEGAL_ORDER, OTHER",
    ],
    [
      ["review", "erase", "a"],
      "onboard: review erase: missing --reason <reason> (one of: RETENTION_EXPIRED, CUSTOMER_REQUEST, LEGAL_ORDER, OTHER)",
    ],
  ])("exits 2 with one line for bad usage: %j", async (argv, line) => {
    const { io, out, err } = captureIo();
    expect(await main(argv, io)).toBe(2);
    expect(err).toEqual([line]);
    expect(out).toEqual([]);
  });

  it("exits 2 when the data directory is a file", async () => {
    const { dir } = writeTempFiles({ "not-a-dir": "x" });
    const { io, err } = captureIo();
    expect(await main(["review", "list", "--data-dir", `${dir}/not-a-dir`], io)).toBe(2);
    expect(err).toEqual([`onboard: data directory '${dir}/not-a-dir' is not a directory`]);
  });

  it("lists an empty queue when nothing was processed yet, creating nothing", async () => {
    const { dir } = writeTempFiles({});
    const { io, out } = captureIo();
    expect(await main(["review", "list", "--data-dir", `${dir}/none`], io)).toBe(0);
    expect(out).toEqual(["MANUAL_REVIEW: 0 applications, oldest first", "  (none)"]);
    expect(existsSync(`${dir}/none`)).toBe(false);
  });

  it("exits 2 for an unreadable file before doing anything else", async () => {
    const { io, err } = captureIo();
    expect(await main(["process", "/nonexistent/x.zip", "--json"], io)).toBe(2);
    expect(err).toEqual(["onboard: cannot read '/nonexistent/x.zip': no such file"]);
  });
});
