import type { MatchOutcome } from "../domain/checks.js";
import {
  DIRECTIONAL_WORDS,
  directional,
  ORDINAL_WORDS,
  stateCode,
  streetSuffix,
  suffixWord,
  unitDesignator,
} from "./address-tables.js";
import { type Verdict, verdict, worse } from "./options.js";
import { difference } from "./string-distance.js";
import { characters, foldText, toText, words } from "./text.js";

/** Scores of the address rules (bands: see `DEFAULT_COMPARE_IDENTITY_OPTIONS`). */
export const ADDRESS_SCORES = {
  equal: 100,
  zipPlus4Differs: 95,
  unitOnOneSide: 95,
  suffixOnOneSide: 92,
  ocrLike: 85,
  directionalOnOneSide: 85,
  zipLeadingZero: 85,
  oneEdit: 80,
  suffixDiffers: 70,
  twoEditsInLongName: 70,
  houseNumberOnOneSide: 70,
  cityDiffersSameZip: 65,
  stateDiffersSameZip: 65,
  notRead: 60,
  streetDiffers: 30,
  directionalDiffers: 30,
  unitDiffers: 30,
  cityDiffers: 30,
  stateDiffers: 20,
  houseNumberDiffers: 20,
  zipDiffers: 10,
} as const;

/** An address as given on either side: any value (non-strings count as empty). */
export interface AddressParts {
  readonly line1?: unknown;
  readonly line2?: unknown;
  readonly city?: unknown;
  readonly state?: unknown;
  readonly postalCode?: unknown;
}

/** An address split into the components USPS standardises, each folded and abbreviated. */
export interface ParsedAddress {
  /** House number (`123`, `123 1/2`, `1234` for `12-34`) or PO box number; `""` when none. */
  readonly houseNumber: string;
  /** `true` for `PO Box` addresses. */
  readonly poBox: boolean;
  /** Pre- or post-directional, abbreviated (`n`, `se`), or `""`. */
  readonly directional: string;
  /** Street name words joined (`saintmarys`, `5`, `martinlutherking`). */
  readonly streetName: string;
  /** USPS standard suffix (`st`, `ave`, `blvd`), or `""`. */
  readonly suffix: string;
  /**
   * Name and suffix written out several ways (abbreviated, spelled out, number words kept), for the
   * fuzzy comparison of a street whose suffix or number word was mistyped or misread.
   */
  readonly streetForms: readonly string[];
  /** Unit identifier (`4b`) or, for designators without one, the designator (`bsmt`); `""` when none. */
  readonly unit: string;
  /** City words joined, `St`/`Ft`/`Mt` spelled out (`saintlouis`). */
  readonly city: string;
  /** Two-letter state code, or the folded text when it is not a known state. */
  readonly state: string;
  /** First five characters of the ZIP code, and the +4 part. */
  readonly zip5: string;
  readonly zip4: string;
}

/** Route-like suffixes whose number is part of the street (`Highway 101`), not a unit. */
const NUMBERED_ROUTES = new Set(["hwy", "rte", "fwy", "expy", "tpke", "byp", "rd", "pike", "cswy", "mtwy"]);

/** Abbreviations that mean a word when they are not the street suffix: `St Marys St`, `Ft Myers`. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  st: "saint",
  saint: "saint",
  ste: "sainte",
  sainte: "sainte",
  mt: "mount",
  mount: "mount",
  ft: "fort",
  fort: "fort",
};

const ordinal = (word: string): string => ORDINAL_WORDS[word] ?? word.replace(/^(\d+)(st|nd|rd|th)$/, "$1");

const addressWords = (value: string): string[] =>
  foldText(value)
    .replace(/#/g, " # ")
    // `12-34` (Queens) and `4-B` are one token; a lone ` - ` separates.
    .replace(/([\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, "$1")
    .replace(/[^\p{L}\p{N}#/]+/gu, " ")
    .replace(/(?<!\d)\/|\/(?!\d)/g, " ")
    .split(" ")
    .filter((word) => word.length > 0);

const parseStreetLines = (line1: unknown, line2: unknown) => {
  const tokens = addressWords(`${toText(line1)} ${toText(line2)}`);
  let position = 0;
  let houseNumber = "";
  let poBox = false;
  const [a, b, c] = tokens;
  const boxAt =
    a === "po" && b === "box"
      ? 2
      : a === "p" && b === "o" && c === "box"
        ? 3
        : a === "pob"
          ? 1
          : a === "box"
            ? 1
            : -1;
  if (boxAt > 0 || (a === "post" && b === "office" && c === "box")) {
    poBox = true;
    position = boxAt > 0 ? boxAt : 3;
    houseNumber = tokens[position] ?? "";
    position++;
  } else if (a !== undefined && /^\d/.test(a)) {
    houseNumber = a;
    position = 1;
    if (b !== undefined && /^\d+\/\d+$/.test(b)) {
      houseNumber += ` ${b}`;
      position = 2;
    }
  }
  const raw = tokens.slice(position);
  let street = raw.map(ordinal);

  let unit = "";
  const unitAt = street.findIndex((word, index) => index >= 1 && unitDesignator(word) !== undefined);
  if (unitAt >= 1) {
    const designator = unitDesignator(street[unitAt] ?? "") ?? "";
    const identifier = street
      .slice(unitAt + 1)
      .filter((word) => unitDesignator(word) === undefined)
      .join("");
    unit = identifier === "" ? designator : identifier;
    street = street.slice(0, unitAt);
  } else if (street.length >= 3) {
    // `123 Main St 4B`: a trailing token with a digit after the suffix or directional is a unit.
    const last = street[street.length - 1] ?? "";
    const before = street[street.length - 2] ?? "";
    const beforeSuffix = streetSuffix(before);
    if (
      // `4`, `4B`, `B4`, `12-A`: unit-shaped. `8LVD` is a misread suffix, not a unit.
      /^(\d+[a-z]?|[a-z]\d+)$/.test(last) &&
      (directional(before) !== undefined ||
        (beforeSuffix !== undefined && !NUMBERED_ROUTES.has(beforeSuffix)))
    ) {
      unit = last;
      street = street.slice(0, -1);
    }
  }

  street = street.map((word) => directional(word) ?? word);
  let dir = "";
  if (street.length >= 2 && directional(street[street.length - 1] ?? "") !== undefined) {
    dir = street[street.length - 1] ?? "";
    street = street.slice(0, -1);
  }
  let suffix = "";
  if (street.length >= 2) {
    const candidate = streetSuffix(street[street.length - 1] ?? "");
    if (candidate !== undefined) {
      suffix = candidate;
      street = street.slice(0, -1);
    }
  }
  if (dir === "" && street.length >= 2 && directional(street[0] ?? "") !== undefined) {
    dir = street[0] ?? "";
    street = street.slice(1);
  }
  const nameWords = street.map((word) => SPELLED_OUT[word] ?? suffixWord(word) ?? word);
  const streetName = nameWords.join("");
  const spelledSuffix = suffix === "" ? "" : (suffixWord(suffix) ?? suffix);
  const rawName = raw
    .filter(
      (word) => directional(word) === undefined && unitDesignator(word) === undefined && !/\d/.test(word),
    )
    .join("");
  // With the directional spelled out, so that a mistyped `Southewst` is one edit from `SW`.
  const spelled = `${DIRECTIONAL_WORDS[dir] ?? ""}${streetName}${spelledSuffix}`;
  const streetForms = [
    ...new Set([`${streetName}${suffix}`, `${streetName}${spelledSuffix}`, rawName, spelled]),
  ].filter((form) => form !== "");
  return { houseNumber, poBox, directional: dir, streetName, suffix, streetForms, unit };
};

const parseCity = (value: unknown): string =>
  words(value)
    .map((word) => SPELLED_OUT[word] ?? word)
    .join("");

const parseState = (value: unknown): string => {
  const compact = words(value).join("");
  return stateCode(compact) ?? compact;
};

const parseZip = (value: unknown): { zip5: string; zip4: string } => {
  const compact = words(value).join("");
  return { zip5: compact.slice(0, 5), zip4: compact.slice(5, 9) };
};

/** Split an address into USPS components (see `ParsedAddress`). Total: never throws. */
export const parseAddress = (address: AddressParts): ParsedAddress => ({
  ...parseStreetLines(address.line1, address.line2),
  city: parseCity(address.city),
  state: parseState(address.state),
  ...parseZip(address.postalCode),
});

interface PartVerdict {
  readonly score: number;
  readonly cap: MatchOutcome;
  readonly note?: string;
}
const EQUAL: PartVerdict = { score: ADDRESS_SCORES.equal, cap: "MATCH" };
const part = (score: number, note: string, cap: MatchOutcome = "MATCH"): PartVerdict => ({
  score,
  cap,
  note,
});
const review = (score: number, note: string): PartVerdict => part(score, note, "REVIEW");
const mismatch = (score: number, note: string): PartVerdict => part(score, note, "MISMATCH");

/** Free-text components (street name, city): equal, OCR-like, one or two typos, or different. */
const compareText = (
  declared: string,
  extracted: string,
  label: string,
  otherwise: PartVerdict,
): PartVerdict => {
  if (declared === extracted) return EQUAL;
  const diff = difference(declared, extracted);
  if (diff.ocrOnly)
    return review(
      ADDRESS_SCORES.ocrLike,
      `${label} differs by ${characters(diff.edits)} (OCR-like confusion)`,
    );
  if (diff.editsBeyondOcr === 1) return review(ADDRESS_SCORES.oneEdit, `${label} differs by one character`);
  if (diff.editsBeyondOcr === 2 && Math.min(declared.length, extracted.length) >= 8) {
    return review(ADDRESS_SCORES.twoEditsInLongName, `${label} differs by two characters`);
  }
  return otherwise;
};

const OCR_DIGITS: Readonly<Record<string, string>> = {
  o: "0",
  q: "0",
  d: "0",
  i: "1",
  l: "1",
  s: "5",
  b: "8",
  z: "2",
  g: "6",
};
const digitsFromOcr = (value: string): string =>
  value.replace(/[oqdilsbzg]/g, (letter) => OCR_DIGITS[letter] ?? letter);

const compareZips = (d: ParsedAddress, e: ParsedAddress, sameZip: boolean): PartVerdict => {
  if (e.zip5 === "") return review(ADDRESS_SCORES.notRead, "ZIP code not read from the license");
  if (d.zip5 === "") return review(ADDRESS_SCORES.notRead, "ZIP code not declared");
  if (sameZip) {
    return d.zip4 !== "" && e.zip4 !== "" && d.zip4 !== e.zip4
      ? part(ADDRESS_SCORES.zipPlus4Differs, "ZIP+4 extension differs (ZIP5 matches)")
      : EQUAL;
  }
  if (digitsFromOcr(d.zip5) === digitsFromOcr(e.zip5)) {
    return review(ADDRESS_SCORES.ocrLike, "ZIP code has a letter where a digit belongs (OCR-like confusion)");
  }
  // Spreadsheets drop the leading zero of New England ZIP codes (`02134` → `2134`).
  if (d.zip5 === `0${e.zip5}`.slice(0, 5) && e.zip5.length === 4) {
    return review(ADDRESS_SCORES.zipLeadingZero, "ZIP code lost its leading zero on one side");
  }
  if (e.zip5 === `0${d.zip5}`.slice(0, 5) && d.zip5.length === 4) {
    return review(ADDRESS_SCORES.zipLeadingZero, "ZIP code lost its leading zero on one side");
  }
  return mismatch(ADDRESS_SCORES.zipDiffers, "ZIP code differs");
};

const STREET_DIFFERS = mismatch(ADDRESS_SCORES.streetDiffers, "street name differs");

/** Street names that differ once parsed: is it a misread or mistyped suffix or number word? */
const compareStreetForms = (d: ParsedAddress, e: ParsedAddress): PartVerdict => {
  let best = STREET_DIFFERS;
  for (const a of d.streetForms) {
    for (const b of e.streetForms) {
      const found = compareText(a, b, "street", STREET_DIFFERS);
      if (found.score > best.score) best = found;
    }
  }
  return best;
};

const compareStreets = (d: ParsedAddress, e: ParsedAddress): PartVerdict[] => {
  const parts: PartVerdict[] = [];
  if (d.houseNumber !== e.houseNumber) {
    const what = d.poBox || e.poBox ? "PO box number" : "house number";
    if (d.poBox !== e.poBox) parts.push(mismatch(ADDRESS_SCORES.streetDiffers, "PO box on one side only"));
    else if (e.houseNumber === "")
      parts.push(review(ADDRESS_SCORES.houseNumberOnOneSide, `${what} not read from the license`));
    else if (d.houseNumber === "")
      parts.push(review(ADDRESS_SCORES.houseNumberOnOneSide, `${what} not declared`));
    else {
      const diff = difference(d.houseNumber, e.houseNumber);
      parts.push(mismatch(ADDRESS_SCORES.houseNumberDiffers, `${what} differs by ${characters(diff.edits)}`));
    }
  }
  if (d.poBox && e.poBox) return parts;

  const dWhole = `${d.streetName}${d.suffix}`;
  const eWhole = `${e.streetName}${e.suffix}`;
  if (d.streetName !== e.streetName && dWhole === eWhole) {
    // Parsed differently (`Parkway` as a name on one side, a suffix on the other): same words.
  } else {
    if (e.streetName === "") parts.push(review(ADDRESS_SCORES.notRead, "street not read from the license"));
    else if (d.streetName === "") parts.push(review(ADDRESS_SCORES.notRead, "street not declared"));
    else {
      const byName = compareText(d.streetName, e.streetName, "street name", STREET_DIFFERS);
      parts.push(byName === STREET_DIFFERS ? compareStreetForms(d, e) : byName);
    }
    if (d.suffix !== e.suffix && (d.suffix === "" || e.suffix === "" || parts.at(-1)?.cap === "MATCH")) {
      parts.push(
        d.suffix === "" || e.suffix === ""
          ? part(ADDRESS_SCORES.suffixOnOneSide, "street suffix (St, Ave…) on one side only")
          : review(ADDRESS_SCORES.suffixDiffers, "street suffix differs"),
      );
    }
  }
  if (d.directional !== e.directional) {
    parts.push(
      d.directional === "" || e.directional === ""
        ? review(ADDRESS_SCORES.directionalOnOneSide, "street directional (N, SE…) on one side only")
        : mismatch(ADDRESS_SCORES.directionalDiffers, "street directional differs"),
    );
  }
  if (d.unit !== e.unit) {
    parts.push(
      d.unit === "" || e.unit === ""
        ? part(ADDRESS_SCORES.unitOnOneSide, "unit (apartment, suite…) on one side only")
        : mismatch(ADDRESS_SCORES.unitDiffers, "unit differs"),
    );
  }
  return parts;
};

const isEmptyAddress = (a: ParsedAddress): boolean =>
  a.houseNumber === "" && a.streetName === "" && a.city === "" && a.zip5 === "" && a.unit === "";

/**
 * Compare a declared postal address with the address read off a license, component by component
 * after USPS Publication 28 standardisation: suffixes (`Street`=`St`, `Avenue`=`Ave`…), directionals
 * (`North`=`N`), unit designators (`Apt`=`#`=`Unit`=`Ste`), `St` as Saint when not the suffix
 * (`St Marys St`), number words (`Fifth`=`5th`), state names (`California`=`CA`), ZIP+4 (`12345-6789`
 * = `12345`). Line 2 may be missing on either side or folded into line 1.
 *
 * A different house number, ZIP5, unit or directional is a MISMATCH however similar the rest (the
 * neighbour's address). A city typo, a different city sharing the ZIP, a suffix differing or a
 * directional on one side only need a person. Explanations name components, never values.
 */
export const compareAddresses = (declared: AddressParts, extracted: AddressParts): Verdict => {
  const d = parseAddress(declared);
  const e = parseAddress(extracted);
  if (isEmptyAddress(e))
    return verdict(ADDRESS_SCORES.notRead, "address not read from the license", "REVIEW");
  if (isEmptyAddress(d)) return verdict(ADDRESS_SCORES.notRead, "address not declared", "REVIEW");

  const sameZip = d.zip5 !== "" && d.zip5 === e.zip5 && /^\d{5}$/.test(d.zip5);
  const parts: PartVerdict[] = compareStreets(d, e);

  if (e.city === "") parts.push(review(ADDRESS_SCORES.notRead, "city not read from the license"));
  else if (d.city === "") parts.push(review(ADDRESS_SCORES.notRead, "city not declared"));
  else {
    parts.push(
      compareText(
        d.city,
        e.city,
        "city",
        sameZip
          ? review(ADDRESS_SCORES.cityDiffersSameZip, "city differs but the ZIP code matches")
          : mismatch(ADDRESS_SCORES.cityDiffers, "city differs"),
      ),
    );
  }

  if (e.state === "") parts.push(review(ADDRESS_SCORES.notRead, "state not read from the license"));
  else if (d.state === "") parts.push(review(ADDRESS_SCORES.notRead, "state not declared"));
  else if (d.state !== e.state) {
    parts.push(
      sameZip
        ? review(ADDRESS_SCORES.stateDiffersSameZip, "state differs but the ZIP code matches")
        : mismatch(ADDRESS_SCORES.stateDiffers, "state differs"),
    );
  }

  parts.push(compareZips(d, e, sameZip));

  const relevant = parts.filter((p) => p.note !== undefined);
  if (relevant.length === 0) {
    return verdict(
      ADDRESS_SCORES.equal,
      "address matches (USPS abbreviations, case and punctuation ignored)",
    );
  }
  return verdict(
    Math.min(...relevant.map((p) => p.score)),
    relevant.map((p) => p.note).join("; "),
    relevant.reduce<MatchOutcome>((cap, p) => worse(cap, p.cap), "MATCH"),
  );
};
