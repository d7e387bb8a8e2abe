import type { ApplicationForm } from "../domain/identity.js";

/**
 * A valid application form for a fictional person (Maria Elena Garcia, San Francisco), with
 * `overrides` applied on top: change only what a sample or a test is about.
 *
 * @example
 * ```ts
 * const form = anApplicationForm({ firstName: "Ana", dateOfBirth: "03/14/1988" });
 * ```
 */
export const anApplicationForm = (overrides: Partial<ApplicationForm> = {}): ApplicationForm => ({
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
  ...overrides,
});
