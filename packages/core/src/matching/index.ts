export { checkExpiry } from "./check-expiry.js";
export {
  type AddressParts,
  compareAddresses,
  type ParsedAddress,
  parseAddress,
} from "./compare-addresses.js";
export { type CalendarDate, compareDates, parseCalendarDate } from "./compare-dates.js";
export { COMPARED_FIELDS, type ComparedField, compareIdentity } from "./compare-identity.js";
export { compareLicenseNumbers, normalizeLicenseNumber } from "./compare-license-numbers.js";
export { compareNames, type NameParts } from "./compare-names.js";
export { type NormalizedName, normalizeName } from "./normalize-name.js";
export {
  type CompareIdentityOptions,
  DEFAULT_COMPARE_IDENTITY_OPTIONS,
  type MatchScoreBands,
  outcomeForScore,
  type Verdict,
} from "./options.js";
