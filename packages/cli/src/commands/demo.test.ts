import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../demo/scenarios.js";
import { captureIo } from "../testing.js";
import { demoCommand, describeScript } from "./demo.js";

describe("demoCommand", () => {
  it("ends every scenario in the status it states, exit 0", async () => {
    const { io, stdout } = captureIo();

    const status = await demoCommand(io);

    expect(status).toBe(0);
    for (const scenario of SCENARIOS)
      expect(stdout()).toContain(`✔ ${scenario.id}: ${scenario.expect.status}, as expected`);
    expect(stdout()).toContain(`${SCENARIOS.length}/${SCENARIOS.length} scenarios ended as expected.`);
  });

  it("states what it scripted", async () => {
    const { io, stdout } = captureIo();
    await demoCommand(io, SCENARIOS.slice(0, 1));
    expect(stdout()).toContain("scripted: face matcher: scripted (Rekognition-like), similarity 99.1");
    expect(stdout()).toContain("scripted: license validator: VALID");
  });

  it("exits 1 and marks the scenario ✘ when it ends otherwise", async () => {
    const [clean] = SCENARIOS;
    if (clean === undefined) throw new Error("no scenarios");
    const { io, stdout } = captureIo();

    const status = await demoCommand(io, [{ ...clean, expect: { status: "REJECTED", reasons: [] } }]);

    expect(status).toBe(1);
    expect(stdout()).toContain("✘ clean-match: expected REJECTED with ; got APPROVED");
  });

  it("says so when an engine is not scripted", () => {
    expect(describeScript({})).toEqual([
      "face matcher: nothing (answers UNAVAILABLE)",
      "ID reader: nothing (answers UNAVAILABLE)",
      "license validator: nothing (answers UNAVAILABLE when asked)",
    ]);
  });
});

describe("demoCommand report", () => {
  it("shows per-field scores and the bands they were judged with", async () => {
    const { io, stdout } = captureIo();
    await demoCommand(
      io,
      SCENARIOS.filter((s) => s.id === "accents-middle-name"),
    );
    expect(stdout()).toMatch(/name\s+95\s+MATCH\s+middle initial/);
    expect(stdout()).toContain("field bands match ≥ 90, review ≥ 60");
  });
});
