import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./parse-csv.js";

const reasonOf = (text: string, options = {}) => {
  try {
    parseCsv(text, options);
  } catch (error) {
    return error instanceof CsvSyntaxError ? error.reason : error;
  }
  return undefined;
};

describe("parseCsv: accepted", () => {
  it.each([
    ["an empty text", "", []],
    [
      "a header and a row",
      "a,b\n1,2\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "no final line end",
      "a,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CRLF",
      "a,b\r\n1,2\r\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CR",
      "a,b\r1,2\r",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "empty fields",
      ",\n,",
      [
        ["", ""],
        ["", ""],
      ],
    ],
    ["a trailing comma as an empty last field", "a,\n", [["a", ""]]],
    ["spaces, kept as written", " a , b \n", [[" a ", " b "]]],
    ["quoted commas", '"Garcia, Maria",x', [["Garcia, Maria", "x"]]],
    ["doubled quotes", '"say ""hi""",""""', [['say "hi"', '"']]],
    [
      "empty quoted fields",
      '"",a\n"",""',
      [
        ["", "a"],
        ["", ""],
      ],
    ],
    ["line ends inside quotes", '"1 Main St\r\nUnit 2","a\nb\rc"\n', [["1 Main St\r\nUnit 2", "a\nb\rc"]]],
    ["unicode", "José,😀,中文\n", [["José", "😀", "中文"]]],
    ["a leading BOM, dropped", "\uFEFFa,b\n", [["a", "b"]]],
    ["a BOM alone", "\uFEFF", []],
    ["a second BOM, kept", "\uFEFF\uFEFFa", [["\uFEFFa"]]],
    ["empty lines, skipped", "\n\na\n\n\nb\n\n", [["a"], ["b"]]],
    ["a line of spaces, kept", "a\n \n", [["a"], [" "]]],
  ])("reads %s", (_, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
    expect(parse(text, { bom: true, skip_empty_lines: true })).toEqual(expected);
  });

  it("takes the first record delimiter seen outside quotes; the others are then plain characters", () => {
    expect(parseCsv("a\nb\rc\n")).toEqual([["a"], ["b\rc"]]);
    expect(parseCsv("a\r\nb\nc")).toEqual([["a"], ["b\nc"]]);
    expect(parseCsv("a\rb\r\nc")).toEqual([["a"], ["b"], ["\nc"]]);
    expect(parseCsv('"x\ny"\r\nz')).toEqual([["x\ny"], ["z"]]);
  });
});

describe("parseCsv: refused", () => {
  it.each([
    ["an unterminated quote", '"abc', "quote not closed"],
    ["an unterminated quote at the end of a row", 'a,"b\n', "quote not closed"],
    ["a lone quote", '"', "quote not closed"],
    ["a quote inside an unquoted field", 'ab"c', "quote inside an unquoted field"],
    ["a quote ending an unquoted field", 'x"', "quote inside an unquoted field"],
    ["a character after a closing quote", '"a"b', "character after a closing quote"],
    ["a space after a closing quote", '"a" ,b', "character after a closing quote"],
    ["a NUL after a closing quote (csv-parse accepts it)", '"a"\u0000,b', "character after a closing quote"],
    ["another line end after a closing quote", 'a\n"b"\r', "character after a closing quote"],
    ["a row with more fields", "a,b\n1,2,3\n", "inconsistent field count"],
    ["a row with fewer fields", "a,b\n1\n", "inconsistent field count"],
    ["a lone surrogate (csv-parse reads U+FFFD)", "a\uD800b", "lone surrogate"],
    ["a lone low surrogate", '"\uDC00"', "lone surrogate"],
  ])("refuses %s", (_, text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it("bounds a record as csv-parse's max_record_size does", () => {
    // Finished fields count UTF-16 units, the current field UTF-8 bytes, checked before each byte.
    const cases: [string, number][] = [
      ["abc", 2],
      ["abcd", 2],
      ["ab,cd", 2],
      ["ab,c", 2],
      ["é", 1],
      ["éé", 2],
      ["a,😀", 3],
      ["a,😀", 4],
      ['"a""b"', 2],
      ["ab\nab\nab", 1],
    ];
    for (const [text, maxRecordSize] of cases) {
      const reference = attempt(() =>
        parse(text, { bom: true, skip_empty_lines: true, max_record_size: maxRecordSize }),
      );
      expect(
        attempt(() => parseCsv(text, { maxRecordSize })),
        `${text} / ${maxRecordSize}`,
      ).toEqual(reference);
    }
    expect(reasonOf("abcd", { maxRecordSize: 2 })).toBe("record too large");
    expect(parseCsv("abc", { maxRecordSize: 2 })).toEqual([["abc"]]);
    expect(parseCsv("x".repeat(100_000), { maxRecordSize: 0 })).toHaveLength(1);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "throws a RangeError for maxRecordSize %s",
    (max) => {
      expect(() => parseCsv("a", { maxRecordSize: max })).toThrow(RangeError);
    },
  );

  it("stays linear on a large hostile text", () => {
    // Arrange: a 4 MB open quote full of doubled quotes and line ends.
    const text = `"${'""\r\n'.repeat(1_000_000)}`;

    // Act
    const started = performance.now();
    const reason = reasonOf(text);

    // Assert
    expect(reason).toBe("quote not closed");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

type Outcome = { readonly ok: true; readonly records: unknown } | { readonly ok: false };

const attempt = (run: () => unknown): Outcome => {
  try {
    return { ok: true, records: run() };
  } catch {
    return { ok: false };
  }
};

// Biased to what CSV syntax is made of, plus multi-byte characters and BOMs…
const csvChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(",", '"', "\r", "\n") },
  { weight: 4, arbitrary: fc.constantFrom("a", "b", " ", "1") },
  { weight: 2, arbitrary: fc.constantFrom("é", "中", "😀", "\uFEFF", "\t") },
);
// …and, rarely, what we refuse where csv-parse does not: NUL, halves of a surrogate pair.
const oddChar = fc.constantFrom("\u0000", "\uD83D", "\uDE00");
const csvSoup = fc
  .array(fc.oneof({ weight: 120, arbitrary: csvChar }, { weight: 1, arbitrary: oddChar }), {
    maxLength: 40,
    size: "max",
  })
  .map((chars) => chars.join(""));

// Mostly well-formed CSV, so that accepted texts are compared too, not only refusals.
const field = fc.tuple(fc.array(csvChar, { maxLength: 6 }), fc.nat(3)).map(([chars, quoting]) => {
  const text = chars.join("");
  return quoting === 0 ? text : `"${text.replaceAll('"', '""')}"`;
});
const csvRecords = fc
  .tuple(
    fc.boolean(),
    fc
      .integer({ min: 1, max: 4 })
      .chain((width) =>
        fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 4 }),
      ),
    fc.constantFrom("\r\n", "\n", "\r"),
    fc.array(fc.nat(5), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([bom, rows, eol, blanks, final]) => {
    const lines = rows.map((row) => row.join(","));
    for (const at of blanks) lines.splice(Math.min(at, lines.length), 0, "");
    return `${bom ? "\uFEFF" : ""}${lines.join(eol)}${final ? eol : ""}`;
  });

const maxRecordSize = fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined });

/** csv-parse accepts a NUL right after a closing quote and reads lone surrogates as U+FFFD; we refuse both. */
const mayBeRefusedOnlyByUs = (text: string): boolean => text.includes("\u0000") || /\p{Cs}/u.test(text);

const sameAsCsvParse = (text: string, max: number | undefined) => {
  const ours = attempt(() => parseCsv(text, max === undefined ? {} : { maxRecordSize: max }));
  const reference = attempt(() =>
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      ...(max === undefined ? {} : { max_record_size: max }),
    }),
  );
  if (ours.ok || !mayBeRefusedOnlyByUs(text)) expect(ours).toEqual(reference);
};

describe("parseCsv: differential against csv-parse 7.0.3", () => {
  it("agrees on random CSV-ish text: the same records, or both refuse (we alone refuse NUL, lone surrogates)", () => {
    fc.assert(fc.property(csvSoup, maxRecordSize, sameAsCsvParse), { numRuns: 2_000 });
  });

  it("agrees on mostly well-formed CSV", () => {
    fc.assert(fc.property(csvRecords, maxRecordSize, sameAsCsvParse), { numRuns: 2_000 });
  });
});
