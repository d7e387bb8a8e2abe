import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { idExtractorContract } from "@onboarding/core/testing";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  DISAGREEMENT_CONFIDENCE,
  LOCAL_ID_ENGINE,
  LocalIdExtractor,
  mergeFrontAndBack,
} from "./local-id-extractor.js";
import { languageDataDir } from "./ocr/ocr-engine.js";
import { SAMPLE_CARDS } from "./samples/sample-identities.js";
import { fixtureDocuments } from "./test-fixtures.js";

// One extractor (one OCR worker) for the whole file.
const { documents, ref, put } = fixtureDocuments();
const extractor = new LocalIdExtractor({ documents });
afterAll(() => extractor.close());

const hopper = SAMPLE_CARDS.hopper;
const expectedHopper = {
  firstName: "GRACE",
  middleName: "BREWSTER",
  lastName: "HOPPER",
  dateOfBirth: hopper.dateOfBirth,
  expirationDate: hopper.expirationDate,
  licenseNumber: hopper.licenseNumber,
  address: { line1: "1300 WILSON BOULEVARD", city: "ARLINGTON", state: "VA", postalCode: "22209" },
};

idExtractorContract({
  name: "LocalIdExtractor",
  make: () => ({
    extractor,
    readable: { license: ref("cards", "license-hopper.jpg"), expected: expectedHopper },
    unreadable: ref("faces", "hopper.jpg"),
  }),
});

describe("LocalIdExtractor", () => {
  it("reads every field of the other rendered card, with confidences", async () => {
    const result = await extractor.extractIdentity({ license: ref("cards", "license-collins.jpg") });

    expect(result).toMatchObject({
      status: "EXTRACTED",
      engine: LOCAL_ID_ENGINE,
      identity: {
        firstName: "EILEEN",
        middleName: "MARIE",
        lastName: "COLLINS",
        dateOfBirth: "1956-11-19",
        licenseNumber: "C4829173",
        address: { line1: "2101 NASA PARKWAY", city: "HOUSTON", state: "TX", postalCode: "77058" },
      },
    });
    if (result.status === "EXTRACTED") expect(Object.keys(result.identity.confidence ?? {})).toHaveLength(10);
  });

  it("takes the barcode's exact fields from the back, at confidence 100", async () => {
    const result = await extractor.extractIdentity({
      license: ref("cards", "license-collins.jpg"),
      licenseBack: ref("cards", "license-back-collins.png"),
    });

    expect(result.status).toBe("EXTRACTED");
    if (result.status !== "EXTRACTED") return;
    expect(result.identity).toMatchObject({
      firstName: "EILEEN",
      lastName: "COLLINS",
      licenseNumber: "C4829173",
    });
    expect(result.identity.confidence?.licenseNumber).toBe(100);
  });

  it("lowers the confidence of a field where the front and the barcode disagree", async () => {
    const result = await extractor.extractIdentity({
      license: ref("cards", "license-collins.jpg"),
      licenseBack: ref("cards", "license-back-hopper.png"),
    });

    expect(result.status).toBe("EXTRACTED");
    if (result.status !== "EXTRACTED") return;
    expect(result.identity.lastName).toBe("HOPPER");
    expect(result.identity.confidence?.lastName).toBeLessThanOrEqual(DISAGREEMENT_CONFIDENCE);
  });

  it("ignores a back without a barcode and reads the front alone", async () => {
    const result = await extractor.extractIdentity({
      license: ref("cards", "license-hopper.jpg"),
      licenseBack: ref("faces", "derived", "no-face.jpg"),
    });

    expect(result).toMatchObject({ status: "EXTRACTED", identity: { lastName: "HOPPER" } });
  });

  it("reports bytes that are no image as UNREADABLE BAD_DOCUMENT", async () => {
    const garbage = put("garbage.png", new TextEncoder().encode("not an image"));

    const result = await extractor.extractIdentity({ license: garbage });

    expect(result).toMatchObject({ status: "UNREADABLE", code: "BAD_DOCUMENT" });
  });
});

describe("LocalIdExtractor offline", () => {
  it("reads the installed language data, fetches nothing and writes nothing into the working directory", async () => {
    // Arrange: a fresh working directory, and any attempt at the network fails loudly.
    const cwd = process.cwd();
    const dir = mkdtempSync(path.join(tmpdir(), "local-adapters-cwd-"));
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("network used"));
    const connectSpy = vi.spyOn(net.Socket.prototype, "connect").mockImplementation(() => {
      throw new Error("network used");
    });
    const fresh = new LocalIdExtractor({ documents });
    process.chdir(dir);
    try {
      // Act
      const result = await fresh.extractIdentity({ license: ref("cards", "license-hopper.jpg") });

      // Assert
      expect(result.status).toBe("EXTRACTED");
      expect(readdirSync(dir)).toEqual([]);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(connectSpy).not.toHaveBeenCalled();
      expect(existsSync(path.join(languageDataDir(), "eng.traineddata.gz"))).toBe(true);
    } finally {
      process.chdir(cwd);
      await fresh.close();
      fetchSpy.mockRestore();
      connectSpy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("mergeFrontAndBack", () => {
  it("keeps front-only fields with their OCR confidence and barcode fields at 100", () => {
    const merged = mergeFrontAndBack(
      { lastName: "DOE", suffix: "JR", confidence: { lastName: 90, suffix: 70 } },
      { lastName: "DOE", firstName: "JANE", confidence: { lastName: 100, firstName: 100 } },
    );

    expect(merged).toEqual({
      lastName: "DOE",
      suffix: "JR",
      firstName: "JANE",
      confidence: { lastName: 100, suffix: 70, firstName: 100 },
    });
  });
});
