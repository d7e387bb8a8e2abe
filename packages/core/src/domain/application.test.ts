import { describe, expect, it } from "vitest";
import { anApplicationRecord } from "../testing/builders.js";
import {
  type ApplicationRecord,
  type ApplicationStatus,
  canTransition,
  isTerminal,
  TERMINAL_STATUSES,
  TRANSITIONS,
  toView,
  transition,
} from "./application.js";

const ALL = Object.keys(TRANSITIONS) as ApplicationStatus[];
const at = new Date("2026-01-15T10:05:00.000Z");

describe("the application lifecycle", () => {
  it("moves along a legal edge, appending one audit entry with both ends", () => {
    const record = anApplicationRecord() as ApplicationRecord & { status: "RECEIVED" };

    const next = transition(record, "DOCUMENTS_STORED", { step: "documents", outcome: "STORED" }, at);

    expect(next.status).toBe("DOCUMENTS_STORED");
    expect(next.updatedAt).toBe(at.toISOString());
    expect(next.audit).toHaveLength(record.audit.length + 1);
    expect(next.audit.at(-1)).toEqual({
      at: at.toISOString(),
      step: "documents",
      outcome: "STORED",
      from: "RECEIVED",
      to: "DOCUMENTS_STORED",
    });
    expect(record.status).toBe("RECEIVED");
  });

  it.each(
    ALL.flatMap((from) => ALL.filter((to) => !canTransition(from, to)).map((to) => [from, to] as const)),
  )("refuses %s -> %s with ILLEGAL_TRANSITION", (from, to) => {
    const record = anApplicationRecord({ status: from });

    const act = () => transition(record as never, to as never, { step: "x", outcome: "y" }, at);

    expect(act).toThrow(expect.objectContaining({ code: "ILLEGAL_TRANSITION" }));
  });

  it("has decisions, requested resubmissions and refused submissions as its only ends", () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      "APPROVED",
      "INVALID_SUBMISSION",
      "REJECTED",
      "RESUBMISSION_REQUESTED",
    ]);
    expect(isTerminal("VERIFYING")).toBe(false);
  });

  it("reaches every status from RECEIVED or INVALID_SUBMISSION", () => {
    const seen = new Set<ApplicationStatus>(["RECEIVED", "INVALID_SUBMISSION"]);
    const queue: ApplicationStatus[] = ["RECEIVED"];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const next of TRANSITIONS[s]) if (!seen.has(next)) seen.add(next) && queue.push(next);
    }
    expect([...seen].sort()).toEqual([...ALL].sort());
  });

  it("shows no PII in the view", () => {
    const record = anApplicationRecord();

    const view = toView(record);

    expect(JSON.stringify(view)).not.toContain(record.applicant?.lastName ?? "?");
    expect(JSON.stringify(view)).not.toContain(record.applicant?.licenseNumber ?? "?");
  });
});
