import { describe, expect, it } from "vitest";
import { anApplicationCsv } from "../testing/samples.js";
import { CAPSTONE_CSV, NOW, utf8, VALID_CSV } from "./fixtures.js";
import { parseApplicationCsv } from "./parse-application-csv.js";

const parseText = (text: string, limits = {}) => parseApplicationCsv(utf8(text), { limits, now: NOW });
const HEADER = "first name,last name,dob,address,city,state,zip,license number";
const withRow = (row: string, header = HEADER) => `${header}\n${row}\n`;
const ROW = "Maria,Garcia,1988-04-12,1 Main St,Boston,MA,02134,D1234567";

const expectInvalid = (text: string, field: string, limits = {}) => {
  const result = parseText(text, limits);
  expect(result).toMatchObject({ ok: false, error: { code: "APPLICATION_INVALID", field } });
};

describe("parseApplicationCsv: accepted", () => {
  it("reads the full form with every optional field", () => {
    // Act
    const result = parseText(VALID_CSV);

    // Assert
    expect(result).toEqual({
      ok: true,
      value: {
        firstName: "Maria",
        middleName: "Elena",
        lastName: "Garcia",
        dateOfBirth: "1988-04-12",
        address: {
          line1: "1200 Market Street",
          line2: "Apt 4B",
          city: "San Francisco",
          state: "CA",
          postalCode: "94102",
        },
        licenseNumber: "D1234567",
        email: "maria.garcia@example.com",
        phone: "+14155550123",
      },
    });
  });

  it("reads the CSV the package's sample builder writes", () => {
    expect(parseText(anApplicationCsv()).ok).toBe(true);
  });

  it("reads the capstone header and its US date", () => {
    expect(parseText(CAPSTONE_CSV)).toMatchObject({
      ok: true,
      value: {
        licenseNumber: "D1234567",
        dateOfBirth: "1988-04-12",
        address: { state: "CA", postalCode: "94102" },
      },
    });
  });

  it.each([
    "FIRST_NAME,LAST_NAME,DATE_OF_BIRTH,ADDRESS_LINE_1,CITY,STATE,POSTAL_CODE,DRIVERS_LICENSE_NUMBER",
    "First-Name,Last-Name,Date of Birth,Street Address,City,State,Postal Code,Driver's License Number",
    "given name,surname,birth date,address line 1,town,province,postcode,document number",
  ])("matches the header spelling %j", (header) => {
    expect(parseText(withRow(ROW, header)).ok).toBe(true);
  });

  it("strips a BOM, reads CRLF and quoted fields, trims and collapses whitespace", () => {
    // Arrange
    const text = `\uFEFF${HEADER}\r\n"  Maria ",Garcia,1988-04-12,"1 Main St,\r\n Unit ""2""",Boston,ma,021341234,D1234567\r\n`;

    // Act
    const result = parseText(text);

    // Assert
    expect(result).toMatchObject({
      ok: true,
      value: {
        firstName: "Maria",
        address: { line1: '1 Main St, Unit "2"', state: "MA", postalCode: "02134-1234" },
      },
    });
  });

  it.each([
    ["04/12/1988", "1988-04-12"],
    ["4/2/1988", "1988-04-02"],
    ["02/29/2000", "2000-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("normalises the date %j to %j", (date, expected) => {
    expect(parseText(withRow(ROW.replace("1988-04-12", date)))).toMatchObject({
      ok: true,
      value: { dateOfBirth: expected },
    });
  });

  it("keeps values starting with =, +, - or @ as data where the field allows them", () => {
    // Arrange
    const header = `${HEADER},email,phone`;
    const row = `=HYPERLINK(x),-Smith,1988-04-12,@home 1 Main St,Boston,MA,02134,D1234567,,+1 (415) 555-0123`;

    // Act
    const result = parseText(withRow(row, header));

    // Assert
    expect(result).toMatchObject({
      ok: true,
      value: {
        firstName: "=HYPERLINK(x)",
        lastName: "-Smith",
        address: { line1: "@home 1 Main St" },
        phone: "+1 (415) 555-0123",
      },
    });
    if (result.ok) expect(result.value).not.toHaveProperty("email");
  });

  it("ignores unknown columns, blank lines and rows of empty cells", () => {
    const text = `${HEADER},favourite colour\n\n${ROW},blue\n,,,,,,,,\n\n`;
    expect(parseText(text).ok).toBe(true);
  });

  it("reads a Windows-1252 file as Excel saves it", () => {
    // Arrange: "José" with é as the single byte 0xE9.
    const bytes = utf8(withRow(ROW.replace("Maria", "Jos_")));
    bytes[bytes.indexOf(0x5f)] = 0xe9;

    // Act
    const result = parseApplicationCsv(bytes, { now: NOW });

    // Assert
    expect(result).toMatchObject({ ok: true, value: { firstName: "José" } });
  });
});

describe("parseApplicationCsv: APPLICATION_INVALID", () => {
  it.each([
    ["1988-02-31", "February 31st"],
    ["02/31/1988", "US February 31st"],
    ["1987-02-29", "not a leap year"],
    ["13/01/1988", "month 13"],
    ["12-04-1988", "dashes in US order"],
    ["April 12 1988", "words"],
    ["2026-05-01", "today"],
    ["2030-01-01", "the future"],
    ["1850-01-01", "too long ago"],
  ])("refuses the date of birth %j (%s)", (date) => {
    expectInvalid(withRow(ROW.replace("1988-04-12", date)), "dateOfBirth");
  });

  it.each([
    ["first name", "firstName"],
    ["last name", "lastName"],
    ["dob", "dateOfBirth"],
    ["address", "address.line1"],
    ["city", "address.city"],
    ["state", "address.state"],
    ["zip", "address.postalCode"],
    ["license number", "licenseNumber"],
  ])("names the missing column %j as %j", (column, field) => {
    // Arrange
    const header = HEADER.split(",");
    const index = header.indexOf(column);
    const drop = (line: string) =>
      line
        .split(",")
        .filter((_, i) => i !== index)
        .join(",");

    // Assert
    expectInvalid(withRow(drop(ROW), drop(HEADER)), field);
  });

  it("names an empty required value", () => {
    expectInvalid(withRow(ROW.replace("Boston", "  ")), "address.city");
  });

  it.each([
    ["email", "not-an-email", "email"],
    ["phone", "call me", "phone"],
    ["phone", "123", "phone"],
  ])("refuses an invalid %s", (column, value, field) => {
    expectInvalid(withRow(`${ROW},${value}`, `${HEADER},${column}`), field);
  });

  it.each([
    ["-1234567", "a leading minus"],
    ["=1+1", "a formula"],
    ["D123;456", "punctuation"],
  ])("refuses the license number %j (%s: its own format forbids it)", (value) => {
    expectInvalid(withRow(ROW.replace("D1234567", value)), "licenseNumber");
  });

  it.each([
    ["ABCDE", "letters"],
    ["2134", "four digits"],
  ])("refuses the postal code %j (%s)", (value) => {
    expectInvalid(withRow(ROW.replace("02134", value)), "address.postalCode");
  });

  it("refuses two columns for one field", () => {
    expectInvalid(withRow(`${ROW},02134`, `${HEADER},postal code`), "address.postalCode");
  });

  it("refuses a value longer than maxFieldLength", () => {
    expectInvalid(withRow(ROW.replace("1 Main St", `1 ${"Main ".repeat(20)}St`)), "address.line1", {
      maxFieldLength: 50,
    });
  });

  it.each([
    ["two data rows", withRow(`${ROW}\n${ROW}`)],
    ["a header only", `${HEADER}\n`],
    ["nothing", ""],
    ["a NUL byte", withRow(ROW.replace("Maria", "Ma\u0000ria"))],
    ["a bell character", withRow(ROW.replace("Maria", "Ma\u0007ria"))],
    ["an unclosed quote", withRow(ROW.replace("Maria", '"Maria'))],
    ["a ragged row", withRow(`${ROW},extra`)],
    ["a PNG", "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR"],
  ])("refuses %s as field csv", (_, text) => {
    expectInvalid(text, "csv");
  });

  it("refuses a CSV larger than maxCsvBytes without parsing it", () => {
    expectInvalid(`${HEADER}\n${ROW}\n${" ".repeat(70_000)}`, "csv");
  });

  it("refuses UTF-16 (Excel's 'Unicode text') as binary", () => {
    // Arrange
    const text = withRow(ROW);
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);

    // Assert
    expect(parseApplicationCsv(utf16, { now: NOW })).toMatchObject({ ok: false, error: { field: "csv" } });
  });

  it("never echoes the applicant's data in the message", () => {
    // Act
    const result = parseText(withRow(ROW.replace("1988-04-12", "1988-02-31")));

    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain("1988");
  });

  it("uses the real clock when no `now` is given", () => {
    const result = parseApplicationCsv(utf8(withRow(ROW.replace("1988-04-12", "2999-01-01"))));
    expect(result).toMatchObject({ ok: false, error: { field: "dateOfBirth" } });
  });
});
