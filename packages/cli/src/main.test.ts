import { describe, expect, it } from "vitest";
import { main } from "./main.js";
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
  ])("exits 2 with one line for bad usage: %j", async (argv, line) => {
    const { io, out, err } = captureIo();
    expect(await main(argv, io)).toBe(2);
    expect(err).toEqual([line]);
    expect(out).toEqual([]);
  });

  it("exits 2 for an unreadable file before doing anything else", async () => {
    const { io, err } = captureIo();
    expect(await main(["process", "/nonexistent/x.zip", "--json"], io)).toBe(2);
    expect(err).toEqual(["onboard: cannot read '/nonexistent/x.zip': no such file"]);
  });
});
