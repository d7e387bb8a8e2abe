import { describe, expect, it } from "vitest";
import { normaliseEntryName, printableEntryName } from "./entry-name.js";

const LIMITS = { maxNameLength: 512, maxPathDepth: 8 };
const normalise = (name: string | Uint8Array) =>
  normaliseEntryName(typeof name === "string" ? new TextEncoder().encode(name) : name, LIMITS);

describe("normaliseEntryName", () => {
  it.each([
    ["a/b/c.png", "a/b/c.png"],
    ["./a//b/./c.png", "a/b/c.png"],
    ["a\\b\\c.png", "a/b/c.png"],
    ["folder/", "folder/"],
    ["cafe\u0301.png", "café.png"],
  ])("normalises %j to %j", (raw, name) => {
    expect(normalise(raw)).toMatchObject({ ok: true, name });
  });

  it.each([
    ["", "empty name"],
    ["./", "empty name"],
    ["../x", "parent-directory segment"],
    ["a/../b", "parent-directory segment"],
    ["a/. ./b", "parent-directory segment"],
    ["/x", "absolute path"],
    ["\\x", "absolute path"],
    ["C:\\x", "drive letter or colon in name"],
    ["x\u0085y", "NUL or control character in name"],
    ["a/b/c/d/e/f/g/h/i", "path too deep"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(normalise(raw)).toEqual({ ok: false, reason });
  });

  it("refuses a NUL byte before decoding", () => {
    expect(normalise(new Uint8Array([0x61, 0, 0x62]))).toEqual({
      ok: false,
      reason: "NUL or control character in name",
    });
  });

  it("keeps invalid UTF-8 harmless: replacement characters, never separators", () => {
    expect(normalise(new Uint8Array([0xc0, 0xaf, 0x2e, 0x2e]))).toMatchObject({
      ok: true,
      name: "\uFFFD\uFFFD..",
    });
  });
});

describe("printableEntryName", () => {
  it("replaces control characters and bounds the length", () => {
    expect(printableEntryName("a\nb\u0000")).toBe("a\uFFFDb\uFFFD");
    expect(printableEntryName("x".repeat(300))).toHaveLength(201);
  });
});
