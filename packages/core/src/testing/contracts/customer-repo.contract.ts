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

    it("lists one status oldest first, page by page, each application once", async () => {
      const repo = await make();
      const base = Date.UTC(1900 + Math.floor(Math.random() * 90), 0, 1) + Math.floor(Math.random() * 1e9);
      const at = (i: number) => new Date(base + i * 1000).toISOString();
      const mine = [2, 0, 3, 1].map((i) =>
        anApplicationRecord({ status: "MANUAL_REVIEW", createdAt: at(i), updatedAt: at(i) }),
      );
      for (const record of mine) await repo.create(record);
      await repo.create(anApplicationRecord({ status: "APPROVED", createdAt: at(1), updatedAt: at(1) }));

      const seen: { applicationId: string; status: string; createdAt: string }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.listByStatus({
          status: "MANUAL_REVIEW",
          limit: 2,
          createdBefore: at(4),
          ...(cursor === undefined ? {} : { cursor }),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined && pages < 1000);

      const ids = seen.map((s) => s.applicationId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(seen.every((s) => s.status === "MANUAL_REVIEW" && s.createdAt < at(4))).toBe(true);
      expect(seen.map((s) => s.createdAt)).toEqual([...seen.map((s) => s.createdAt)].sort());
      const mineInOrder = [...mine]
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
        .map((r) => r.applicationId);
      expect(ids.filter((id) => mineInOrder.includes(id))).toEqual(mineInOrder);
      expect(seen.find((s) => s.applicationId === mine[0]?.applicationId)).toEqual({
        applicationId: mine[0]?.applicationId,
        status: "MANUAL_REVIEW",
        version: 1,
        createdAt: mine[0]?.createdAt,
        updatedAt: mine[0]?.updatedAt,
      });
    });

    it("lists an application under its new status once it is saved", async () => {
      const repo = await make();
      const base = Date.UTC(1800 + Math.floor(Math.random() * 90), 0, 1) + Math.floor(Math.random() * 1e9);
      const createdAt = new Date(base).toISOString();
      const record = anApplicationRecord({ status: "MANUAL_REVIEW", createdAt });
      await repo.create(record);

      await repo.save(next(record, { status: "APPROVED" }));

      const before = new Date(base + 1).toISOString();
      const inReview = await repo.listByStatus({
        status: "MANUAL_REVIEW",
        limit: 100,
        createdBefore: before,
      });
      const approved = await repo.listByStatus({ status: "APPROVED", limit: 100, createdBefore: before });
      expect(inReview.items.map((s) => s.applicationId)).not.toContain(record.applicationId);
      expect(approved.items.map((s) => s.applicationId)).toContain(record.applicationId);
    });

    it("refuses a malformed cursor with CURSOR_INVALID", async () => {
      const repo = await make();

      const code = await codeOf(
        repo.listByStatus({ status: "MANUAL_REVIEW", limit: 1, cursor: "%%not-a-cursor%%" }),
      );

      expect(code).toBe("CURSOR_INVALID");
    });

    it("finds an applicant's applications by customer reference, oldest first", async () => {
      const repo = await make();
      const customerRef = `cr_${Math.random().toString(16).slice(2)}`;
      const first = anApplicationRecord({ customerRef, createdAt: "2026-01-01T00:00:00.000Z" });
      const second = anApplicationRecord({ customerRef, createdAt: "2026-01-02T00:00:00.000Z" });
      await repo.create(second);
      await repo.create(first);
      await repo.create(anApplicationRecord({ customerRef: `${customerRef}x` }));

      const found = await repo.findByCustomerRef(customerRef);

      expect(found.map((s) => s.applicationId)).toEqual([first.applicationId, second.applicationId]);
      expect(await repo.findByCustomerRef(`${customerRef}-nobody`)).toEqual([]);
    });
  });
}
