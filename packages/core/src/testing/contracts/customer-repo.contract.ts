import { describe, expect, it } from "vitest";
import type { ApplicationRecord } from "../../domain/application.js";
import type { CustomerRepo } from "../../ports/customer-repo.js";
import { anApplicationForm, anApplicationRecord } from "../builders.js";

export interface CustomerRepoContractOptions {
  readonly name: string;
  /** A repository to test; each call may return the same one (records use unique ids). */
  readonly make: () => CustomerRepo | Promise<CustomerRepo>;
}

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

const next = (record: ApplicationRecord, changes: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  ...record,
  ...changes,
  version: record.version + 1,
});

/** The `CustomerRepo` contract: every adapter runs it. */
export function customerRepoContract({ name, make }: CustomerRepoContractOptions): void {
  describe(`${name} honours the CustomerRepo contract`, () => {
    it("returns what was created, field for field", async () => {
      const repo = await make();
      const record = anApplicationRecord({
        checks: {
          faceMatch: {
            outcome: "PASS",
            reason: "FACE_MATCH",
            similarity: 99.1,
            faces: { license: 1, selfie: 1 },
            bands: { pass: 95, review: 80 },
            engine: "test",
            checkedAt: "2026-01-15T10:00:01.000Z",
          },
        },
        outbox: [
          {
            kind: "LICENSE_VALIDATION_REQUESTED",
            id: "x:validation",
            at: "2026-01-15T10:00:02.000Z",
            claim: { by: "worker-1", at: "2026-01-15T10:00:02.000Z" },
          },
        ],
      });

      await repo.create(record);

      expect(await repo.get(record.applicationId)).toEqual(record);
    });

    it("returns undefined for an unknown id", async () => {
      const repo = await make();

      expect(await repo.get(`missing-${Math.random().toString(36).slice(2)}`)).toBeUndefined();
    });

    it("refuses a second create of the same application and keeps the first", async () => {
      const repo = await make();
      const first = anApplicationRecord();
      await repo.create(first);

      const code = await codeOf(repo.create({ ...first, status: "INVALID_SUBMISSION" }));

      expect(code).toBe("APPLICATION_EXISTS");
      expect((await repo.get(first.applicationId))?.status).toBe("RECEIVED");
    });

    it("saves the next version", async () => {
      const repo = await make();
      const record = anApplicationRecord();
      await repo.create(record);
      const updated = next(record, { status: "DOCUMENTS_STORED", effectsDone: ["a"] });

      await repo.save(updated);

      expect(await repo.get(record.applicationId)).toEqual(updated);
    });

    it("refuses a save based on a stale version", async () => {
      const repo = await make();
      const record = anApplicationRecord();
      await repo.create(record);
      await repo.save(next(record, { status: "DOCUMENTS_STORED" }));

      const code = await codeOf(repo.save(next(record, { status: "DOCUMENTS_STORED", reasons: [] })));

      expect(code).toBe("VERSION_CONFLICT");
      expect((await repo.get(record.applicationId))?.version).toBe(2);
    });

    it("lets exactly one of two concurrent saves of the same version win", async () => {
      const repo = await make();
      const record = anApplicationRecord();
      await repo.create(record);

      const results = await Promise.allSettled([
        repo.save(next(record, { effectsDone: ["first"] })),
        repo.save(next(record, { effectsDone: ["second"] })),
      ]);

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((rejected.reason as { code?: string }).code).toBe("VERSION_CONFLICT");
    });

    it("refuses to save an application that was never created", async () => {
      const repo = await make();
      const record = anApplicationRecord();

      const code = await codeOf(repo.save(next(record)));

      expect(code).toBe("APPLICATION_NOT_FOUND");
    });

    it("keeps applications apart", async () => {
      const repo = await make();
      const a = anApplicationRecord();
      const b = anApplicationRecord({ applicant: anApplicationForm({ firstName: "Other" }) });
      await repo.create(a);
      await repo.create(b);

      await repo.save(next(a, { status: "DOCUMENTS_STORED" }));

      expect((await repo.get(b.applicationId))?.status).toBe("RECEIVED");
      expect((await repo.get(b.applicationId))?.applicant?.firstName).toBe("Other");
    });
  });
}
