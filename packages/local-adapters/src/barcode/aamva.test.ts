import { describe, expect, it } from "vitest";
import { SAMPLE_CARDS } from "../samples/sample-identities.js";
import { aamvaDate, aamvaPostalCode, encodeAamva, identityFromAamva, isAamva } from "./aamva.js";
import { readPdf417, writePdf417 } from "./pdf417.js";

describe("AAMVA records", () => {
  it("round-trips a record through text, with the ANSI header checked first", () => {
    const text = encodeAamva(SAMPLE_CARDS.collins);

    expect(isAamva(text)).toBe(true);
    expect(identityFromAamva(text)).toMatchObject({
      firstName: "EILEEN",
      middleName: "MARIE",
      lastName: "COLLINS",
      dateOfBirth: "1956-11-19",
      expirationDate: "2032-11-19",
      licenseNumber: "C4829173",
      address: { line1: "2101 NASA PARKWAY", city: "HOUSTON", state: "TX", postalCode: "77058" },
      confidence: { licenseNumber: 100 },
    });
  });

  it("does not trust a barcode without the ANSI header", () => {
    expect(identityFromAamva("DAQD1234567\nDCSDOE\n")).toBeUndefined();
  });

  it("reads US and Canadian dates and padded postal codes", () => {
    expect(aamvaDate("01181986", "USA")).toBe("1986-01-18");
    expect(aamvaDate("19860118", "CAN")).toBe("1986-01-18");
    expect(aamvaDate("13401986", "USA")).toBeUndefined();
    expect(aamvaPostalCode("770580000  ")).toBe("77058");
    expect(aamvaPostalCode("951124410  ")).toBe("95112-4410");
  });

  it("decodes a PDF417 it wrote, from the locally installed wasm", async () => {
    const text = encodeAamva(SAMPLE_CARDS.hopper);

    const decoded = await readPdf417(await writePdf417(text));

    expect(decoded).toEqual([text]);
  });
});
