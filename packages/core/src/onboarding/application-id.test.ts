import { describe, expect, it } from "vitest";
import { deriveApplicationId } from "./application-id.js";

describe("deriveApplicationId", () => {
  it("is the same for the same upload and UUID-shaped", async () => {
    const upload = { bucket: "b", key: "uploads/a.zip", version: "v1" };

    const [a, b] = await Promise.all([deriveApplicationId(upload), deriveApplicationId({ ...upload })]);

    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("differs when the bucket, the key or the version differs", async () => {
    const base = { bucket: "b", key: "uploads/a.zip", version: "v1" };

    const ids = await Promise.all([
      deriveApplicationId(base),
      deriveApplicationId({ ...base, bucket: "c" }),
      deriveApplicationId({ ...base, key: "uploads/b.zip" }),
      deriveApplicationId({ ...base, version: "v2" }),
      deriveApplicationId({ bucket: "b", key: "uploads/a.zip" }),
    ]);

    expect(new Set(ids).size).toBe(5);
  });
});
