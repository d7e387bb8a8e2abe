import { describe, expect, it } from "vitest";
import { parseApplicationCsv } from "../intake/parse-application-csv.js";
import { APPLICATION_CSV_HEADERS, applicationCsv } from "./application-csv.js";
import { anApplicationForm } from "./application-form.js";

const parse = (csv: string) =>
  parseApplicationCsv(new TextEncoder().encode(csv), { now: new Date("2026-01-15T10:00:00Z") });

describe("applicationCsv", () => {
  it("writes the header row and one data row, CRLF", () => {
    const lines = applicationCsv(anApplicationForm()).split("\r\n");

    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(APPLICATION_CSV_HEADERS.join(","));
    expect(lines[2]).toBe("");
  });

  it("round-trips through intake's parser, every field", () => {
    const form = anApplicationForm();

    expect(parse(applicationCsv(form))).toEqual({ ok: true, value: form });
  });

  it("quotes commas and quotes, which intake reads back as written", () => {
    const form = anApplicationForm({
      lastName: 'O"Neil, Jr',
      address: { ...anApplicationForm().address, line1: "1, Main St" },
    });

    const csv = applicationCsv(form);

    expect(csv.split("\r\n")[1]).toContain('"O""Neil, Jr"');
    expect(parse(csv)).toEqual({ ok: true, value: form });
  });

  it("writes values as given: a US date of birth reaches intake as typed, absent fields as empty cells", () => {
    const {
      middleName: _m,
      email: _e,
      phone: _p,
      ...required
    } = anApplicationForm({ dateOfBirth: "04/12/1988" });
    const { line2: _l, ...address } = required.address;

    const csv = applicationCsv({ ...required, address });

    expect(csv).toContain(",04/12/1988,");
    expect(parse(csv)).toEqual({ ok: true, value: { ...required, address, dateOfBirth: "1988-04-12" } });
  });
});
