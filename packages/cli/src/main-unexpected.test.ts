import { describe, expect, it, vi } from "vitest";
import { main } from "./main.js";
import { captureIo } from "./testing.js";

vi.mock("./commands/process.js", () => ({
  processCommand: async () => {
    throw new Error("storage exploded\n    at somewhere (file.ts:1:1)");
  },
}));

describe("main, on an unexpected error", () => {
  it("exits 1 with one line on stderr and no stack", async () => {
    const { io, err } = captureIo();

    const status = await main(["process", "a.zip"], io);

    expect(status).toBe(1);
    expect(err).toEqual(["onboard: unexpected error: storage exploded"]);
  });

  it("adds the stack when ONBOARD_DEBUG is set", async () => {
    const { io, err } = captureIo();
    await main(["process", "a.zip"], io, { ONBOARD_DEBUG: "1" });
    expect(err.length).toBe(2);
  });
});
