/** Why a text is not a CSV `parseCsv` accepts; phrased without the text itself. */
export type CsvSyntaxReason =
  | "quote not closed"
  | "quote inside an unquoted field"
  | "character after a closing quote"
  | "inconsistent field count"
  | "record too large"
  | "lone surrogate";

/** Thrown by `parseCsv` for a text that is not a well-formed CSV. Carries no part of the text. */
export class CsvSyntaxError extends Error {
  readonly reason: CsvSyntaxReason;

  constructor(reason: CsvSyntaxReason) {
    super(`not a well-formed CSV: ${reason}`);
    this.name = "CsvSyntaxError";
    this.reason = reason;
  }
}

export interface CsvOptions {
  /**
   * Largest record, measured as csv-parse's `max_record_size` measures it (see ADR 0012): the
   * UTF-16 length of the record's finished fields plus the UTF-8 bytes of the field being read,
   * checked before each byte is added. `0` or absent: no limit.
   */
  readonly maxRecordSize?: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;
/** Record delimiter not seen yet; `CRLF` stands for "\r\n" (CR and LF stand for themselves). */
const UNKNOWN = 0;
const CRLF = -1;

/** Where the scanner is: between fields, inside an unquoted field, inside quotes, after a closing quote. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const CLOSED = 3;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

const hasLoneSurrogate = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else if (isHighSurrogate(code) || isLowSurrogate(code)) return true;
  }
  return false;
};

/**
 * Parses strict RFC 4180 CSV into records of fields, exactly as csv-parse 7.0.3 does with
 * `{ bom: true, skip_empty_lines: true, max_record_size }` and its defaults, or refuses it
 * (ADR 0012; a differential property test against csv-parse keeps it so):
 *
 * - fields are separated by `,` and may be quoted with `"`, a quote inside quotes doubled (`""`);
 * - the record delimiter is the first of `\r\n`, `\n` or `\r` seen outside quotes; from then on
 *   only that one ends a record, the others are ordinary characters;
 * - a leading BOM is dropped, empty lines are skipped, a trailing delimiter adds no record;
 * - refused: an unclosed quote, a quote inside an unquoted field, anything but `,`, the record
 *   delimiter or the end after a closing quote, a record whose field count differs from the
 *   first's, a record over `maxRecordSize`, and a lone UTF-16 surrogate.
 *
 * One pass, linear time, no regular expression, no recursion; nothing is trimmed or cast.
 *
 * @throws CsvSyntaxError when the text is not well-formed; RangeError for a `maxRecordSize` that
 *   is not an integer ≥ 0.
 *
 * @example
 * parseCsv('name,note\r\n"Garcia, Maria","say ""hi"""\r\n'); // [["name","note"],["Garcia, Maria",'say "hi"']]
 */
export const parseCsv = (text: string, options: CsvOptions = {}): string[][] => {
  const max = options.maxRecordSize ?? 0;
  if (!Number.isInteger(max) || max < 0) throw new RangeError("maxRecordSize must be an integer ≥ 0");
  // csv-parse reads UTF-8 bytes and turns a lone surrogate into U+FFFD: refused here instead.
  if (hasLoneSurrogate(text)) throw new CsvSyntaxError("lone surrogate");

  const length = text.length;
  const records: string[][] = [];
  let record: string[] = [];
  let fieldCount = -1;
  let state = FIELD_START;
  let delimiter = UNKNOWN;
  /** Start of the current field's text not yet copied into `quoted`. */
  let start = 0;
  /** The current quoted field's text so far, its `""` already turned into `"`. */
  let quoted = "";
  /** csv-parse's measure of the record: UTF-16 length of its finished fields… */
  let recordSize = 0;
  /** …plus the UTF-8 bytes of the current field. */
  let fieldBytes = 0;

  /** Length of the record delimiter at `i`, or 0. Before one is known, any of the three counts. */
  const delimiterAt = (i: number): number => {
    const code = text.charCodeAt(i);
    if (delimiter === UNKNOWN) {
      if (code === LF) return 1;
      if (code !== CR) return 0;
      return text.charCodeAt(i + 1) === LF ? 2 : 1;
    }
    if (delimiter === CRLF) return code === CR && text.charCodeAt(i + 1) === LF ? 2 : 0;
    return code === delimiter ? 1 : 0;
  };

  /** Adds the character at `i` to the field's size; returns its length in UTF-16 code units. */
  const take = (i: number): number => {
    const code = text.charCodeAt(i);
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : isHighSurrogate(code) ? 4 : 3;
    fieldBytes += bytes;
    // csv-parse checks before each byte it appends: the last check sees all but the last byte.
    if (max !== 0 && recordSize + fieldBytes - 1 > max) throw new CsvSyntaxError("record too large");
    return bytes === 4 ? 2 : 1;
  };

  const endField = (end: number): void => {
    const field = state === UNQUOTED ? text.slice(start, end) : quoted;
    record.push(field);
    recordSize += field.length;
    quoted = "";
    fieldBytes = 0;
  };

  const endRecord = (): void => {
    if (fieldCount === -1) fieldCount = record.length;
    else if (record.length !== fieldCount) throw new CsvSyntaxError("inconsistent field count");
    records.push(record);
    record = [];
    recordSize = 0;
  };

  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  start = i;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (state === QUOTED) {
      if (code !== QUOTE) {
        i += take(i);
      } else if (text.charCodeAt(i + 1) === QUOTE) {
        quoted += text.slice(start, i + 1);
        take(i);
        i += 2;
        start = i;
      } else {
        const next = i + 1;
        if (next < length && text.charCodeAt(next) !== COMMA && delimiterAt(next) === 0) {
          throw new CsvSyntaxError("character after a closing quote");
        }
        quoted += text.slice(start, i);
        state = CLOSED;
        i = next;
      }
      continue;
    }
    const lineEnd = delimiterAt(i);
    if (lineEnd !== 0) {
      if (delimiter === UNKNOWN) delimiter = lineEnd === 2 ? CRLF : code;
      // An empty line: no field started, nothing quoted, no delimiter seen on it.
      if (state !== FIELD_START || record.length !== 0) {
        endField(i);
        endRecord();
      }
      state = FIELD_START;
      i += lineEnd;
      start = i;
    } else if (code === COMMA) {
      endField(i);
      state = FIELD_START;
      i += 1;
      start = i;
    } else if (state === FIELD_START && code === QUOTE) {
      state = QUOTED;
      i += 1;
      start = i;
    } else if (state === CLOSED) {
      throw new CsvSyntaxError("character after a closing quote");
    } else if (code === QUOTE) {
      throw new CsvSyntaxError("quote inside an unquoted field");
    } else {
      state = UNQUOTED;
      i += take(i);
    }
  }
  if (state === QUOTED) throw new CsvSyntaxError("quote not closed");
  if (state !== FIELD_START || record.length !== 0) {
    endField(length);
    endRecord();
  }
  return records;
};
