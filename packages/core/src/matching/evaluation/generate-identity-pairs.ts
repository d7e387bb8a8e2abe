/**
 * Deterministic generator of the labelled evaluation set `identity-pairs.json`.
 *
 * Each pair is what an applicant declared and what an ID extractor read off a license. Pairs are
 * labelled by *who* the license belongs to, never by what `compareIdentity` answers:
 *
 * - `same`: the applicant's own license, read and typed the ways real submissions differ (OCR
 *   confusions, typos, truncation, abbreviations, dropped accents, hyphenation, ZIP+4, state names,
 *   middle initials, nicknames, swapped fields…). Must not be a MISMATCH (a false rejection).
 * - `different`: somebody else who looks alike on paper — a twin, a parent, a namesake at the same
 *   address or with the same birth date, a neighbour, a license one character off. Everything but
 *   the distinguishing attribute is copied from the applicant, the hardest case. Must never be a MATCH.
 *
 * `expected` records what the brief's rules ask for a same-person variation (MATCH when
 * normalisation should make the two equal, REVIEW when a person must look); it is informative only.
 *
 * Regenerate with `UPDATE_IDENTITY_PAIRS=1 pnpm --filter @onboarding/core exec vitest run evaluation`.
 */
import type { MatchOutcome } from "../../domain/checks.js";
import type { DeclaredIdentity, ExtractedIdentity } from "../../domain/identity.js";

export interface IdentityPair {
  readonly id: string;
  readonly label: "same" | "different";
  /** The kind of variation, e.g. `ocr-last-name` or `twin-first-name`. */
  readonly variation: string;
  /** For `same` pairs: the outcome the rules ask for. Informative, not used to score. */
  readonly expected?: Exclude<MatchOutcome, "MISMATCH">;
  readonly declared: DeclaredIdentity;
  readonly extracted: ExtractedIdentity;
}

export interface IdentityPairSet {
  readonly description: string;
  readonly seed: number;
  /** "Today" for the expiry check: every license in the set is valid at this date. */
  readonly now: string;
  readonly pairs: readonly IdentityPair[];
}

export const EVALUATION_SEED = 20_260_601;
export const EVALUATION_NOW = "2026-06-01";

/** mulberry32: small, fast, good enough for test data, identical on every platform. */
const randomSource = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
};
type Random = ReturnType<typeof randomSource>;

const FIRST_NAMES = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "William",
  "Elizabeth",
  "David",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Sarah",
  "Christopher",
  "Karen",
  "Daniel",
  "Nancy",
  "Matthew",
  "Margaret",
  "Anthony",
  "Emily",
  "Mark",
  "Ashley",
  "Steven",
  "Kimberly",
  "José",
  "María",
  "Zoë",
  "Chloé",
  "Renée",
  "Jürgen",
  "Søren",
  "Łukasz",
  "Björn",
  "Siobhán",
  "Anh",
  "Mei",
  "Wei",
  "Aaliyah",
  "Darnell",
  "DeShawn",
  "Ngozi",
  "Oluwaseun",
  "Priya",
  "Rajesh",
  "François",
  "Inés",
  "Kaitlyn",
  "Mary-Kate",
  "Jean-Luc",
  "Maximilian",
  "Bartholomew",
  "Guadalupe",
  "Nathaniel",
  "Katherine",
];
const LAST_NAMES = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "García",
  "Miller",
  "Davis",
  "Rodríguez",
  "Martínez",
  "Hernández",
  "López",
  "González",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "O'Brien",
  "O'Connor",
  "McDonald",
  "MacArthur",
  "García-López",
  "Pérez Gómez",
  "de la Cruz",
  "Van der Berg",
  "Nguyễn",
  "Trần",
  "Kim",
  "Patel",
  "Müller",
  "Strauß",
  "Østergaard",
  "Kowalski",
  "Wójcik",
  "D'Angelo",
  "Fitzgerald",
  "Christodoulopoulos",
  "Vandersteenhoven",
  "Schwarzenegger",
  "Abernathy",
  "Oyelaran-Adeyemi",
  "Łęcki",
  "Ødegård",
  "Bjørnstad",
  "Hoang",
  "Robinson",
  "Bellamy",
];
const MIDDLE_NAMES = [
  "Ann",
  "Marie",
  "Lee",
  "James",
  "Lynn",
  "Michael",
  "Elena",
  "Quincy",
  "Rose",
  "Edward",
  "Jo",
  "Thérèse",
  "Alexander",
  "Grace",
];
const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ["Bob", "Rob", "Bobby"],
  William: ["Bill", "Will", "Billy"],
  Richard: ["Rick", "Dick", "Rich"],
  Elizabeth: ["Liz", "Beth", "Betty"],
  Michael: ["Mike"],
  James: ["Jim", "Jimmy"],
  Joseph: ["Joe"],
  Thomas: ["Tom"],
  Christopher: ["Chris"],
  Daniel: ["Dan", "Danny"],
  Matthew: ["Matt"],
  Anthony: ["Tony"],
  Margaret: ["Maggie", "Peggy"],
  Katherine: ["Kate", "Kathy"],
  Jennifer: ["Jen", "Jenny"],
  Patricia: ["Pat", "Trish"],
  Susan: ["Sue"],
  Steven: ["Steve"],
  Nathaniel: ["Nate"],
  Barbara: ["Barb"],
};
/** Twin first names: gendered pairs and near spellings that are different names, plus unrelated ones. */
const TWIN_PAIRS: readonly (readonly [string, string])[] = [
  ["John", "Joan"],
  ["Paul", "Paula"],
  ["Daniel", "Daniela"],
  ["Eric", "Erica"],
  ["Francis", "Frances"],
  ["Alexander", "Alexandra"],
  ["Gabriel", "Gabriela"],
  ["Mario", "Maria"],
  ["Julian", "Juliana"],
  ["Adrian", "Adriana"],
  ["Carlo", "Carla"],
  ["Martin", "Martina"],
  ["Robert", "Roberta"],
  ["Luis", "Luisa"],
  ["Juan", "Juana"],
  ["Michael", "Matthew"],
  ["Ashley", "Amber"],
  ["Dean", "Sean"],
  ["Ryan", "Dylan"],
  ["Emma", "Emily"],
  ["Nina", "Tina"],
  ["Mark", "Mary"],
  ["Ivan", "Evan"],
  ["Justin", "Austin"],
  ["Diana", "Diane"],
  ["Leon", "Leah"],
  ["Olivia", "Sophia"],
  ["Noah", "Lucas"],
  ["Jean", "Joan"],
  ["Carlos", "Carla"],
];
const STREETS = [
  "Main",
  "Oak",
  "Maple",
  "Cedar",
  "Washington",
  "Lake",
  "Hill",
  "Park",
  "Elm",
  "Pine",
  "Sunset",
  "Highland",
  "Church",
  "Mill",
  "River",
  "Spring",
  "Ridge",
  "Meadow",
  "Saint Marys",
  "Fifth",
  "Third",
  "Martin Luther King Jr",
  "Jefferson",
  "Lincoln",
  "Magnolia",
  "Peachtree",
  "Woodland",
  "Cherry",
];
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["Street", "ST"],
  ["Avenue", "AVE"],
  ["Boulevard", "BLVD"],
  ["Road", "RD"],
  ["Drive", "DR"],
  ["Lane", "LN"],
  ["Court", "CT"],
  ["Place", "PL"],
  ["Parkway", "PKWY"],
  ["Circle", "CIR"],
  ["Terrace", "TER"],
  ["Way", "WAY"],
  ["Highway", "HWY"],
  ["Trail", "TRL"],
];
const DIRECTIONALS: readonly (readonly [string, string])[] = [
  ["North", "N"],
  ["South", "S"],
  ["East", "E"],
  ["West", "W"],
  ["Northeast", "NE"],
  ["Southwest", "SW"],
];
const UNIT_WORDS: readonly (readonly [string, string])[] = [
  ["Apt", "APT"],
  ["Apartment", "APT"],
  ["Unit", "UNIT"],
  ["Suite", "STE"],
  ["#", "#"],
];
const PLACES: readonly (readonly [string, string, string, string])[] = [
  ["Springfield", "IL", "Illinois", "62704"],
  ["San Francisco", "CA", "California", "94102"],
  ["Boston", "MA", "Massachusetts", "02108"],
  ["Saint Paul", "MN", "Minnesota", "55101"],
  ["St. Louis", "MO", "Missouri", "63101"],
  ["Fort Worth", "TX", "Texas", "76102"],
  ["Mount Vernon", "NY", "New York", "10550"],
  ["Coeur d'Alene", "ID", "Idaho", "83814"],
  ["Winston-Salem", "NC", "North Carolina", "27101"],
  ["Albuquerque", "NM", "New Mexico", "87102"],
  ["Philadelphia", "PA", "Pennsylvania", "19103"],
  ["Honolulu", "HI", "Hawaii", "96813"],
  ["Anchorage", "AK", "Alaska", "99501"],
  ["Miami", "FL", "Florida", "33130"],
  ["Seattle", "WA", "Washington", "98101"],
  ["Denver", "CO", "Colorado", "80202"],
  ["Atlanta", "GA", "Georgia", "30303"],
  ["Phoenix", "AZ", "Arizona", "85004"],
  ["Nashville", "TN", "Tennessee", "37203"],
  ["Portland", "OR", "Oregon", "97205"],
  ["Las Vegas", "NV", "Nevada", "89101"],
  ["Newark", "NJ", "New Jersey", "07102"],
  ["Hartford", "CT", "Connecticut", "06103"],
  ["Salt Lake City", "UT", "Utah", "84101"],
  ["Washington", "DC", "District of Columbia", "20001"],
  ["San Juan", "PR", "Puerto Rico", "00901"],
];

/** A person as they really are; declared and extracted views are rendered from it. */
interface Person {
  first: string;
  middle: string;
  last: string;
  suffix: string;
  dob: { year: number; month: number; day: number };
  house: string;
  directional: number;
  street: string;
  streetSuffix: number;
  unit: string;
  unitWord: number;
  place: number;
  zip4: string;
  license: string;
  expires: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const iso = (d: Person["dob"]): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
const usDate = (d: Person["dob"]): string => `${pad(d.month)}/${pad(d.day)}/${d.year}`;
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const ascii = (text: string): string =>
  text
    .replace(/ß/g, "ss")
    .replace(/[Øø]/g, "o")
    .replace(/[Łł]/g, "l")
    .replace(/[Ææ]/g, "ae")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "");
const licenseCase = (text: string): string => ascii(text).toUpperCase();

const newPerson = (r: Random): Person => {
  const year = r.int(1940, 2006);
  const month = r.int(1, 12);
  const place = r.int(0, PLACES.length - 1);
  const addDays = r.int(45, 3000);
  const expires = new Date(Date.UTC(2026, 5, 1 + addDays)).toISOString().slice(0, 10);
  const licenseStyle = r.int(0, 2);
  const license =
    licenseStyle === 0
      ? `${String.fromCharCode(65 + r.int(0, 25))}${Array.from({ length: r.int(7, 12) }, () => r.int(0, 9)).join("")}`
      : licenseStyle === 1
        ? Array.from({ length: r.int(8, 9) }, () => r.int(0, 9)).join("")
        : `${String.fromCharCode(65 + r.int(0, 25))}${String.fromCharCode(65 + r.int(0, 25))}${Array.from({ length: 6 }, () => r.int(0, 9)).join("")}`;
  return {
    first: r.pick(FIRST_NAMES),
    middle: r.chance(0.6) ? r.pick(MIDDLE_NAMES) : "",
    last: r.pick(LAST_NAMES),
    suffix: r.chance(0.08) ? r.pick(["Jr", "III", "II", "Sr"]) : "",
    dob: { year, month, day: r.int(1, daysInMonth(year, month)) },
    house: String(r.int(1, r.chance(0.3) ? 99 : 9999)),
    directional: r.chance(0.2) ? r.int(0, DIRECTIONALS.length - 1) : -1,
    street: r.pick(STREETS),
    streetSuffix: r.int(0, SUFFIXES.length - 1),
    unit: r.chance(0.35)
      ? `${r.int(1, 40)}${r.chance(0.3) ? String.fromCharCode(65 + r.int(0, 5)) : ""}`
      : "",
    unitWord: r.int(0, UNIT_WORDS.length - 1),
    place,
    zip4: pad(r.int(1, 9999), 4),
    license,
    expires,
  };
};

const placeOf = (p: Person) => PLACES[p.place] ?? PLACES[0] ?? ["Springfield", "IL", "Illinois", "62704"];

/** What the applicant types: their own spelling, accents, full words, line 2 for the unit. */
const declare = (p: Person, r: Random): DeclaredIdentity => {
  const [city, code, , zip] = placeOf(p);
  const dir = DIRECTIONALS[p.directional];
  const suffix = SUFFIXES[p.streetSuffix] ?? ["Street", "ST"];
  const unitWord = UNIT_WORDS[p.unitWord] ?? ["Apt", "APT"];
  const fullSuffix = r.chance(0.7) ? suffix[0] : `${suffix[1].charAt(0)}${suffix[1].slice(1).toLowerCase()}`;
  return {
    firstName: p.first,
    ...(p.middle === "" ? {} : { middleName: p.middle }),
    lastName: p.suffix === "" ? p.last : `${p.last} ${p.suffix}${p.suffix.endsWith("r") ? "." : ""}`,
    dateOfBirth: iso(p.dob),
    address: {
      line1: [p.house, dir?.[0], p.street, fullSuffix].filter(Boolean).join(" "),
      ...(p.unit === "" ? {} : { line2: `${unitWord[0]} ${p.unit}` }),
      city,
      state: code,
      postalCode: zip,
    },
    licenseNumber: p.license,
  };
};

/** What a license reader returns: upper case ASCII, USPS abbreviations, the unit folded or on line 2. */
const extract = (p: Person, r: Random, options: { unitPrinted?: boolean } = {}): ExtractedIdentity => {
  const [city, code, , zip] = placeOf(p);
  const dir = DIRECTIONALS[p.directional];
  const suffix = SUFFIXES[p.streetSuffix] ?? ["Street", "ST"];
  const unitWord = UNIT_WORDS[p.unitWord] ?? ["Apt", "APT"];
  const street = licenseCase(p.street.replace(/^Saint /, r.chance(0.5) ? "St " : "Saint "));
  const line1 = [p.house, dir?.[1], street, suffix[1]].filter(Boolean).join(" ");
  const unit = p.unit === "" ? "" : `${unitWord[1]} ${p.unit}`;
  // The unit is folded into line 1, printed as line 2, or not printed at all.
  const unitPlacement = options.unitPrinted ? r.int(0, 1) : r.int(0, 2);
  const suffixInLast = p.suffix !== "" && r.chance(0.5);
  const confidence = () => r.int(880, 999) / 10;
  const keepApostrophe = r.chance(0.5);
  const last = licenseCase(keepApostrophe ? p.last : p.last.replace(/'/g, ""));
  return {
    firstName: licenseCase(p.first),
    ...(p.middle === "" ? {} : { middleName: licenseCase(p.middle) }),
    lastName: suffixInLast ? `${last} ${p.suffix.toUpperCase()}` : last,
    ...(p.suffix !== "" && !suffixInLast ? { suffix: p.suffix.toUpperCase() } : {}),
    dateOfBirth: r.chance(0.8) ? iso(p.dob) : usDate(p.dob),
    address: {
      line1: unit !== "" && unitPlacement === 0 ? `${line1} ${unit}` : line1,
      ...(unit !== "" && unitPlacement === 1 ? { line2: unit } : {}),
      city: licenseCase(city),
      state: code,
      postalCode: r.chance(0.2) ? `${zip}-${p.zip4}` : zip,
    },
    licenseNumber: p.license,
    expirationDate: p.expires,
    confidence: {
      firstName: confidence(),
      middleName: confidence(),
      lastName: confidence(),
      suffix: confidence(),
      dateOfBirth: confidence(),
      address: confidence(),
      city: confidence(),
      state: confidence(),
      postalCode: confidence(),
      licenseNumber: confidence(),
      expirationDate: confidence(),
    },
  };
};

// ---------------------------------------------------------------- text mutations

const OCR_SWAPS: readonly (readonly [RegExp, string])[] = [
  [/O/, "0"],
  [/I/, "1"],
  [/L/, "1"],
  [/S/, "5"],
  [/B/, "8"],
  [/M/, "RN"],
  [/Z/, "2"],
  [/G/, "6"],
  [/l/, "1"],
];
/** One OCR-like confusion in upper-case text, if the text has a confusable letter. */
const ocrConfuse = (text: string, r: Random): string => {
  const candidates = OCR_SWAPS.filter(([pattern]) => pattern.test(text));
  if (candidates.length === 0) return text;
  const [pattern, replacement] = r.pick(candidates);
  const positions = [...text.matchAll(new RegExp(pattern.source, "g"))].map((m) => m.index ?? 0);
  const at = r.pick(positions);
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
};
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** One keyboard typo: substitution, deletion, insertion or adjacent transposition, on a letter. */
const typo = (text: string, r: Random): string => {
  const letters = [...text].map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i > 0);
  if (letters.length === 0) return text;
  const at = r.pick(letters);
  const chars = [...text];
  const c = chars[at] ?? "a";
  const other = (): string => {
    const l = r.pick([...LETTERS]);
    const replaced = c === c.toUpperCase() ? l.toUpperCase() : l;
    return replaced === c ? (c === "a" ? "e" : "a") : replaced;
  };
  switch (r.int(0, 3)) {
    case 0:
      chars[at] = other();
      break;
    case 1:
      chars.splice(at, 1);
      break;
    case 2:
      chars.splice(at, 0, other());
      break;
    default: {
      const next = chars[at + 1];
      if (next !== undefined && /\p{L}/u.test(next) && next !== c) {
        chars[at] = next;
        chars[at + 1] = c;
      } else chars[at] = other();
    }
  }
  return chars.join("");
};

// ---------------------------------------------------------------- variations

type Pair = Omit<IdentityPair, "id" | "label">;
type Variation = (p: Person, r: Random) => Pair | undefined;

const withAddress = (
  e: ExtractedIdentity,
  address: Partial<ExtractedIdentity["address"]>,
): ExtractedIdentity => ({
  ...e,
  address: { ...e.address, ...address },
});

const SAME: Readonly<Record<string, Variation>> = {
  "as-printed": (p, r) => ({
    variation: "as-printed",
    expected: "MATCH",
    declared: declare(p, r),
    extracted: extract(p, r),
  }),
  "ocr-last-name": (p, r) => {
    const e = extract(p, r);
    const lastName = ocrConfuse(e.lastName ?? "", r);
    return lastName === e.lastName
      ? undefined
      : {
          variation: "ocr-last-name",
          expected: "REVIEW",
          declared: declare(p, r),
          extracted: { ...e, lastName },
        };
  },
  "ocr-first-name": (p, r) => {
    const e = extract(p, r);
    const firstName = ocrConfuse(e.firstName ?? "", r);
    return firstName === e.firstName
      ? undefined
      : {
          variation: "ocr-first-name",
          expected: "REVIEW",
          declared: declare(p, r),
          extracted: { ...e, firstName },
        };
  },
  "ocr-city": (p, r) => {
    const e = extract(p, r);
    const city = ocrConfuse(e.address?.city ?? "", r);
    return city === e.address?.city
      ? undefined
      : {
          variation: "ocr-city",
          expected: "REVIEW",
          declared: declare(p, r),
          extracted: withAddress(e, { city }),
        };
  },
  "ocr-street-name": (p, r) => {
    const e = extract(p, r);
    const line1 = e.address?.line1 ?? "";
    const space = line1.indexOf(" ");
    const street = ocrConfuse(line1.slice(space), r);
    return street === line1.slice(space)
      ? undefined
      : {
          variation: "ocr-street-name",
          expected: "REVIEW",
          declared: declare(p, r),
          extracted: withAddress(e, { line1: `${line1.slice(0, space)}${street}` }),
        };
  },
  "typo-last-name": (p, r) => {
    const d = declare(p, r);
    return {
      variation: "typo-last-name",
      expected: "REVIEW",
      declared: { ...d, lastName: typo(d.lastName, r) },
      extracted: extract(p, r),
    };
  },
  "typo-first-name": (p, r) => {
    const d = declare(p, r);
    return {
      variation: "typo-first-name",
      expected: "REVIEW",
      declared: { ...d, firstName: typo(d.firstName, r) },
      extracted: extract(p, r),
    };
  },
  "typo-city": (p, r) => {
    const d = declare(p, r);
    return {
      variation: "typo-city",
      expected: "REVIEW",
      declared: { ...d, address: { ...d.address, city: typo(d.address.city, r) } },
      extracted: extract(p, r),
    };
  },
  "typo-street-name": (p, r) => {
    const d = declare(p, r);
    const [house, ...rest] = d.address.line1.split(" ");
    const street = rest.join(" ");
    return {
      variation: "typo-street-name",
      expected: "REVIEW",
      declared: { ...d, address: { ...d.address, line1: `${house} ${typo(street, r)}` } },
      extracted: extract(p, r),
    };
  },
  "middle-initial": (p, r) => {
    if (p.middle === "") return undefined;
    const d = declare(p, r);
    return {
      variation: "middle-initial",
      expected: "MATCH",
      declared: { ...d, middleName: `${p.middle.charAt(0)}${r.chance(0.5) ? "." : ""}` },
      extracted: extract(p, r),
    };
  },
  "middle-on-one-side": (p, r) => {
    if (p.middle === "") return undefined;
    const d = declare(p, r);
    const e = extract(p, r);
    if (r.chance(0.5)) {
      const { middleName: _, ...withoutMiddle } = d;
      return { variation: "middle-on-one-side", expected: "MATCH", declared: withoutMiddle, extracted: e };
    }
    const { middleName: _, ...withoutMiddle } = e;
    return { variation: "middle-on-one-side", expected: "MATCH", declared: d, extracted: withoutMiddle };
  },
  "middle-in-first-name": (p, r) => {
    if (p.middle === "") return undefined;
    const { middleName: _, ...d } = declare(p, r);
    return {
      variation: "middle-in-first-name",
      expected: "MATCH",
      declared: { ...d, firstName: `${p.first} ${p.middle}` },
      extracted: extract(p, r),
    };
  },
  hyphenation: (p, r) => {
    const d = declare(p, r);
    const lastName = d.lastName.includes("-")
      ? d.lastName.replace("-", r.chance(0.5) ? " " : "")
      : d.lastName.includes(" ") && p.suffix === ""
        ? d.lastName.replace(" ", "-")
        : undefined;
    return lastName === undefined
      ? undefined
      : {
          variation: "hyphenation",
          expected: "MATCH",
          declared: { ...d, lastName },
          extracted: extract(p, r),
        };
  },
  "partial-double-surname": (p, r) => {
    const parts = p.last.split(/[- ]/);
    if (parts.length !== 2 || p.last.startsWith("de ") || p.last.startsWith("Van ")) return undefined;
    const d = declare(p, r);
    return {
      variation: "partial-double-surname",
      expected: "REVIEW",
      declared: { ...d, lastName: parts[0] ?? "" },
      extracted: extract(p, r),
    };
  },
  apostrophe: (p, r) => {
    if (!p.last.includes("'")) return undefined;
    const e = extract(p, r);
    return {
      variation: "apostrophe",
      expected: "MATCH",
      declared: declare(p, r),
      extracted: { ...e, lastName: licenseCase(p.last.replace("'", r.pick([" ", "", "’"]))) },
    };
  },
  "suffix-omitted": (p, r) => {
    if (p.suffix === "") return undefined;
    const d = declare(p, r);
    return {
      variation: "suffix-omitted",
      expected: "MATCH",
      declared: { ...d, lastName: p.last },
      extracted: extract(p, r),
    };
  },
  nickname: (p, r) => {
    const nicknames = NICKNAMES[p.first];
    if (nicknames === undefined) return undefined;
    const d = declare(p, r);
    return {
      variation: "nickname",
      expected: "REVIEW",
      declared: { ...d, firstName: r.pick(nicknames) },
      extracted: extract(p, r),
    };
  },
  "truncated-last-name": (p, r) => {
    const e = extract(p, r);
    const last = e.lastName ?? "";
    if (last.length < 14) return undefined;
    return {
      variation: "truncated-last-name",
      expected: "REVIEW",
      declared: declare(p, r),
      extracted: { ...e, lastName: last.slice(0, r.int(10, 12)) },
    };
  },
  "swapped-names": (p, r) => {
    const d = declare(p, r);
    return {
      variation: "swapped-names",
      expected: "REVIEW",
      declared: { ...d, firstName: d.lastName, lastName: d.firstName },
      extracted: extract(p, r),
    };
  },
  "abbreviations-declared": (p, r) => {
    const d = declare(p, r);
    const dir = DIRECTIONALS[p.directional];
    const suffix = SUFFIXES[p.streetSuffix] ?? ["Street", "ST"];
    const line1 = [p.house, dir?.[1], p.street.replace(/^Saint /, "St. "), `${suffix[1]}.`]
      .filter(Boolean)
      .join(" ");
    return {
      variation: "abbreviations-declared",
      expected: "MATCH",
      declared: { ...d, address: { ...d.address, line1 } },
      extracted: extract(p, r),
    };
  },
  "state-name": (p, r) => {
    const d = declare(p, r);
    return {
      variation: "state-name",
      expected: "MATCH",
      declared: { ...d, address: { ...d.address, state: placeOf(p)[2] } },
      extracted: extract(p, r),
    };
  },
  "zip-plus-4": (p, r) => {
    const d = declare(p, r);
    const e = extract(p, r);
    const zip = placeOf(p)[3];
    return r.chance(0.5)
      ? {
          variation: "zip-plus-4",
          expected: "MATCH",
          declared: { ...d, address: { ...d.address, postalCode: `${zip}-${p.zip4}` } },
          extracted: withAddress(e, { postalCode: zip }),
        }
      : {
          variation: "zip-plus-4",
          expected: "MATCH",
          declared: d,
          extracted: withAddress(e, { postalCode: `${zip}${p.zip4}` }),
        };
  },
  "unit-folded": (p, r) => {
    if (p.unit === "") return undefined;
    const d = declare(p, r);
    const e = extract(p, r);
    const { line2: _, ...address } = e.address ?? {};
    const { line2, ...declaredAddress } = d.address;
    return {
      variation: "unit-folded",
      expected: "MATCH",
      declared: { ...d, address: { ...declaredAddress, line1: `${d.address.line1}, ${line2 ?? ""}` } },
      extracted: { ...e, address },
    };
  },
  "city-saint": (p, r) => {
    const city = placeOf(p)[0];
    if (!/^(Saint|St\.|Fort|Mount) /.test(city)) return undefined;
    const d = declare(p, r);
    const other = city
      .replace(/^Saint /, "St ")
      .replace(/^St\. /, "Saint ")
      .replace(/^Fort /, "Ft. ")
      .replace(/^Mount /, "Mt ");
    return {
      variation: "city-saint",
      expected: "MATCH",
      declared: { ...d, address: { ...d.address, city: other } },
      extracted: extract(p, r),
    };
  },
  "directional-omitted": (p, r) => {
    if (p.directional < 0) return undefined;
    const d = declare(p, r);
    const dir = DIRECTIONALS[p.directional]?.[0] ?? "";
    return {
      variation: "directional-omitted",
      expected: "REVIEW",
      declared: { ...d, address: { ...d.address, line1: d.address.line1.replace(`${dir} `, "") } },
      extracted: extract(p, r),
    };
  },
  "date-format": (p, r) => {
    const e = extract(p, r);
    const format = r.int(0, 2);
    const dob =
      format === 0
        ? usDate(p.dob)
        : format === 1
          ? iso(p.dob).replace(/-/g, "")
          : `${pad(p.dob.month)}${pad(p.dob.day)}${p.dob.year}`;
    return {
      variation: "date-format",
      expected: "MATCH",
      declared: declare(p, r),
      extracted: { ...e, dateOfBirth: dob },
    };
  },
  "day-month-swapped": (p, r) => {
    if (p.dob.day > 12 || p.dob.day === p.dob.month) return undefined;
    const d = declare(p, r);
    return {
      variation: "day-month-swapped",
      expected: "REVIEW",
      declared: { ...d, dateOfBirth: `${p.dob.year}-${pad(p.dob.day)}-${pad(p.dob.month)}` },
      extracted: extract(p, r),
    };
  },
  "license-formatting": (p, r) => {
    const d = declare(p, r);
    const n = p.license;
    const formatted = r.chance(0.5)
      ? `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`
      : `${n.slice(0, 4)} ${n.slice(4)}`.toLowerCase();
    return {
      variation: "license-formatting",
      expected: "MATCH",
      declared: { ...d, licenseNumber: formatted },
      extracted: extract(p, r),
    };
  },
  "low-confidence": (p, r) => {
    const e = extract(p, r);
    const field = r.pick(["lastName", "dateOfBirth", "address", "licenseNumber"] as const);
    return {
      variation: "low-confidence",
      expected: "REVIEW",
      declared: declare(p, r),
      extracted: { ...e, confidence: { ...e.confidence, [field]: r.int(300, 790) / 10 } },
    };
  },
  "field-not-read": (p, r) => {
    const e = extract(p, r);
    const which = r.int(0, 2);
    const extracted =
      which === 0
        ? withAddress(e, { city: "" })
        : which === 1
          ? { ...e, dateOfBirth: "" }
          : { ...e, firstName: "" };
    return { variation: "field-not-read", expected: "REVIEW", declared: declare(p, r), extracted };
  },
  combined: (p, r) => {
    const d = declare(p, r);
    const e = extract(p, r);
    const zip = placeOf(p)[3];
    return {
      variation: "combined",
      expected: "REVIEW",
      declared: { ...d, address: { ...d.address, state: placeOf(p)[2] } },
      extracted: {
        ...withAddress(e, { postalCode: `${zip}-${p.zip4}` }),
        lastName: ocrConfuse(e.lastName ?? "", r),
      },
    };
  },
};

const twinOf = (p: Person, r: Random): [Person, Person] => {
  const [a, b] = r.pick(TWIN_PAIRS);
  return r.chance(0.5)
    ? [
        { ...p, first: a },
        { ...p, first: b },
      ]
    : [
        { ...p, first: b },
        { ...p, first: a },
      ];
};

/** Somebody else: `applicant` declares, the license is `other`'s (everything else copied). */
const different = (variation: string, applicant: Person, other: Person, r: Random): Pair => ({
  variation,
  declared: declare(applicant, r),
  extracted: extract(other, r),
});

const otherDate = (p: Person, r: Random): Person["dob"] => {
  for (;;) {
    const kind = r.int(0, 3);
    const dob =
      kind === 0
        ? {
            ...p.dob,
            day: Math.min(daysInMonth(p.dob.year, p.dob.month), Math.max(1, p.dob.day + r.pick([-1, 1]))),
          }
        : kind === 1
          ? { ...p.dob, year: p.dob.year + r.pick([-2, -1, 1, 2]) }
          : kind === 2
            ? { ...p.dob, month: ((p.dob.month + r.int(0, 10)) % 12) + 1 }
            : { year: r.int(1940, 2006), month: r.int(1, 12), day: r.int(1, 28) };
    const valid = dob.day <= daysInMonth(dob.year, dob.month);
    const swapped = dob.year === p.dob.year && dob.month === p.dob.day && dob.day === p.dob.month;
    if (valid && !swapped && iso(dob) !== iso(p.dob)) return dob;
  }
};

const DIFFERENT: Readonly<Record<string, Variation>> = {
  "twin-first-name": (p, r) => {
    const [a, b] = twinOf(p, r);
    return different("twin-first-name", a, b, r);
  },
  "same-name-other-birth-date": (p, r) =>
    different("same-name-other-birth-date", p, { ...p, dob: otherDate(p, r) }, r),
  "same-name-other-house-number": (p, r) => {
    const n = Number(p.house);
    const house = String(
      r.pick([
        n + 1,
        n + 2,
        Math.max(1, n - 1) === n ? n + 3 : Math.max(1, n - 1),
        Number(`${p.house}${r.int(0, 9)}`),
        n + 10,
      ]),
    );
    return different("same-name-other-house-number", p, { ...p, house }, r);
  },
  "same-name-other-unit": (p, r) => {
    const unit =
      p.unit === "" ? "" : `${Number.parseInt(p.unit, 10) + r.int(1, 3)}${p.unit.replace(/^\d+/, "")}`;
    if (unit === "") return undefined;
    return {
      variation: "same-name-other-unit",
      declared: declare(p, r),
      extracted: extract({ ...p, unit }, r, { unitPrinted: true }),
    };
  },
  "same-name-other-zip": (p, r) => {
    const zip = placeOf(p)[3];
    const other = pad((Number(zip) + r.pick([1, 2, 10, 99])) % 100_000, 5);
    return {
      variation: "same-name-other-zip",
      declared: declare(p, r),
      extracted: withAddress(extract(p, r), { postalCode: other }),
    };
  },
  "license-one-character": (p, r) => {
    const chars = [...p.license];
    const at = r.int(0, chars.length - 1);
    const c = chars[at] ?? "0";
    const kind = r.int(0, 2);
    if (kind === 0)
      chars[at] = /\d/.test(c)
        ? String((Number(c) + r.int(1, 9)) % 10)
        : String.fromCharCode(((c.charCodeAt(0) - 65 + r.int(1, 25)) % 26) + 65);
    else if (kind === 1) chars.splice(at, 1);
    else
      chars[at] =
        ({ "0": "O", "1": "I", "5": "S", "8": "B", "2": "Z" } as Record<string, string>)[c] ??
        (/\d/.test(c) ? String((Number(c) + 1) % 10) : "X");
    const license = chars.join("");
    return license === p.license ? undefined : different("license-one-character", p, { ...p, license }, r);
  },
  "same-surname-and-city": (p, r) => {
    const other = newPerson(r);
    const first = other.first === p.first ? r.pick(FIRST_NAMES.filter((f) => f !== p.first)) : other.first;
    return different("same-surname-and-city", p, { ...other, first, last: p.last, place: p.place }, r);
  },
  "parent-and-child": (p, r) => {
    const child = { ...p, suffix: "Jr" };
    const parent = {
      ...p,
      suffix: r.chance(0.5) ? "Sr" : "",
      dob: { ...p.dob, year: p.dob.year - r.int(20, 35) },
    };
    return r.chance(0.5)
      ? different("parent-and-child", child, parent, r)
      : different("parent-and-child", parent, child, r);
  },
  "sibling-same-address": (p, r) => {
    const [a, b] = twinOf(p, r);
    return different(
      "sibling-same-address",
      a,
      { ...b, dob: otherDate(p, r), middle: r.pick(MIDDLE_NAMES) },
      r,
    );
  },
  "namesake-same-birth-date": (p, r) => {
    const other = newPerson(r);
    return different(
      "namesake-same-birth-date",
      p,
      { ...other, first: p.first, middle: p.middle, last: p.last, suffix: p.suffix, dob: p.dob },
      r,
    );
  },
  "namesake-same-street": (p, r) => {
    const house = String(Number(p.house) + r.pick([2, 4, 6, 100]));
    return different(
      "namesake-same-street",
      p,
      { ...p, house, dob: otherDate(p, r), license: newPerson(r).license },
      r,
    );
  },
  stranger: (p, r) => different("stranger", p, newPerson(r), r),
};

const SAME_COUNTS: Readonly<Record<string, number>> = {
  "as-printed": 20,
  "ocr-last-name": 14,
  "ocr-first-name": 10,
  "ocr-city": 8,
  "ocr-street-name": 8,
  "typo-last-name": 12,
  "typo-first-name": 10,
  "typo-city": 8,
  "typo-street-name": 8,
  "middle-initial": 8,
  "middle-on-one-side": 8,
  "middle-in-first-name": 4,
  hyphenation: 6,
  "partial-double-surname": 6,
  apostrophe: 6,
  "suffix-omitted": 4,
  nickname: 10,
  "truncated-last-name": 6,
  "swapped-names": 6,
  "abbreviations-declared": 8,
  "state-name": 8,
  "zip-plus-4": 8,
  "unit-folded": 6,
  "city-saint": 6,
  "directional-omitted": 6,
  "date-format": 8,
  "day-month-swapped": 4,
  "license-formatting": 8,
  "low-confidence": 6,
  "field-not-read": 6,
  combined: 8,
};
const DIFFERENT_COUNTS: Readonly<Record<string, number>> = {
  "twin-first-name": 30,
  "same-name-other-birth-date": 20,
  "same-name-other-house-number": 20,
  "same-name-other-unit": 8,
  "same-name-other-zip": 12,
  "license-one-character": 20,
  "same-surname-and-city": 12,
  "parent-and-child": 10,
  "sibling-same-address": 12,
  "namesake-same-birth-date": 10,
  "namesake-same-street": 10,
  stranger: 6,
};

/** Build the whole set from `seed`. Same seed, same set, on any machine. */
export const generateIdentityPairs = (seed: number = EVALUATION_SEED): IdentityPairSet => {
  const r = randomSource(seed);
  const pairs: IdentityPair[] = [];
  const produce = (
    label: IdentityPair["label"],
    variations: Readonly<Record<string, Variation>>,
    counts: Readonly<Record<string, number>>,
  ) => {
    for (const [name, count] of Object.entries(counts)) {
      const variation = variations[name];
      if (variation === undefined) throw new Error(`unknown variation ${name}`);
      let made = 0;
      for (let attempt = 0; made < count && attempt < count * 200; attempt++) {
        const pair = variation(newPerson(r), r);
        if (pair === undefined) continue;
        made++;
        pairs.push({ id: `${label}-${name}-${String(made).padStart(2, "0")}`, label, ...pair });
      }
    }
  };
  produce("same", SAME, SAME_COUNTS);
  produce("different", DIFFERENT, DIFFERENT_COUNTS);
  return {
    description:
      "Declared vs extracted identity pairs for compareIdentity. label=same: the applicant's own license (must not be MISMATCH); label=different: a look-alike's license (must never be MATCH). Generated by generate-identity-pairs.ts; do not edit by hand.",
    seed,
    now: EVALUATION_NOW,
    pairs,
  };
};
