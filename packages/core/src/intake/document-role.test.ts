import { describe, expect, it } from "vitest";
import { classifyEntry } from "./document-role.js";

describe("classifyEntry", () => {
  it.each([
    ["application.csv", "application"],
    ["3f2b8c1e-9d4a_details.CSV", "application"],
    ["license.png", "license"],
    ["dl.jpg", "license"],
    ["my-license.PNG", "license"],
    ["3f2b8c1e-9d4a-4e5b_license.png", "license"],
    ["Drivers Licence Front.jpeg", "license"],
    ["driversLicense.jpg", "license"],
    ["scan_DL_2024.jpg", "license"],
    ["license_back.png", "license_back"],
    ["licence-back.jpg", "license_back"],
    ["license-back.jpg", "license_back"],
    ["LicenseBack.jpg", "license_back"],
    ["dl_back.jpg", "license_back"],
    ["folder/deeper/selfie.png", "selfie"],
    ["3f2b8c1e_selfie.png", "selfie"],
    ["MySelfie.JPG", "selfie"],
  ])("gives %j the role %j", (name, role) => {
    expect(classifyEntry(name, false)).toEqual({ kind: "document", role });
  });

  it.each([
    ["__MACOSX/x/._license.png"],
    ["docs/.DS_Store"],
    ["._selfie.jpg"],
    [".hidden/license.png"],
    ["Thumbs.db"],
    ["desktop.ini"],
    ["~$application.csv"],
  ])("ignores the junk %j", (name) => {
    expect(classifyEntry(name, false)).toEqual({ kind: "ignored" });
  });

  it("ignores folders", () => {
    expect(classifyEntry("license/", true)).toEqual({ kind: "ignored" });
  });

  it.each([["handler.png"], ["readme.txt"], ["download.jpg"], ["idle.png"]])(
    "leaves %j without a role (dl only as a word)",
    (name) => {
      expect(classifyEntry(name, false)).toEqual({ kind: "other" });
    },
  );

  it("does not guess between license and selfie", () => {
    expect(classifyEntry("selfie_with_license.jpg", false)).toEqual({ kind: "conflicting" });
  });
});
