import { describe, expect, it } from "vitest";
import { Redactor, publicText, keepYear, initials } from "../../src/redact/index.js";

const settings = { minors: ["Emma Rose Kowalski"], patterns: [{ name: "driver licence", regex: "DL-[0-9]{6}" }], streetAddresses: false };
const r = () => new Redactor(settings);
const pub = (text: string) => publicText(r().apply(text, "x", "y"));

describe("FRCP 5.2 text rules", () => {
  it("masks card numbers to the last 4 digits (Luhn-valid, any grouping)", () => {
    expect(pub("paid with 4111 1111 1111 1111 today")).toBe("paid with XXXX XXXX XXXX 1111 today");
    expect(pub("card 4111-1111-1111-1111")).toBe("card XXXX-XXXX-XXXX-1111");
    expect(pub("5500005555555559")).toBe("XXXXXXXXXXXX5559");
  });

  it("masks bank account numbers named as such, and IBANs", () => {
    expect(pub("account number 000123456789")).toBe("account number XXXXXXXX6789");
    expect(pub("IBAN DE89 3704 0044 0532 0130 00")).toBe("IBAN DEXX XXXX XXXX XXXX XX30 00");
    expect(pub("IBAN DE89 3704 0044 0532 0130 00")).not.toContain("3704");
  });

  it("keeps order ids, tracking numbers and short numbers: they are evidence", () => {
    for (const s of ["Order # 114-7730215-6620491", "tracking 1Z999AA10123456784", "qty 3, $89.99", "call 312-555-0142"])
      expect(pub(s)).toBe(s);
  });

  it("masks SSNs and TINs to the last 4", () => {
    expect(pub("SSN 123-45-6789")).toBe("SSN XXX-XX-6789");
    expect(pub("my social security number is 123456789")).toBe("my social security number is XXXXX6789");
    expect(pub("EIN: 12-3456789")).toBe("EIN: XX-XXX6789");
  });

  it("reduces birth dates to the year", () => {
    expect(pub("DOB: 04/12/1987")).toBe("DOB: XX/XX/1987");
    expect(pub("she was born on March 3, 1990.")).toBe("she was born on XXXXX X, 1990.");
    expect(pub("date of birth 1987-04-12")).toBe("date of birth 1987-XX-XX");
    expect(keepYear("12.04.87")).toBe("XX.XX.87");
  });

  it("keeps dates that are not birth dates", () => {
    expect(pub("shipped 04/12/2026")).toBe("shipped 04/12/2026");
  });

  it("turns listed minors' names into initials, and applies case patterns", () => {
    expect(pub("ask emma rose kowalski about it")).toBe("ask E.R.K. about it");
    expect(initials("Émile Zola")).toBe("É.Z.");
    expect(pub("licence DL-123456")).toBe("licence [REDACTED]");
  });

  it("logs every redaction with item, place, layer, rule and basis, never the text", () => {
    const red = r();
    red.apply("SSN 123-45-6789, card 4111111111111111", "evidence/a/chat.json", "message M00002");
    expect(red.log.map(({ mark: _m, ...e }) => e)).toEqual([
      { item: "evidence/a/chat.json", place: "message M00002", layer: "text", rule: "ssn-tin", basis: "Fed. R. Civ. P. 5.2(a)(1)" },
      {
        item: "evidence/a/chat.json",
        place: "message M00002",
        layer: "text",
        rule: "financial-account",
        basis: "Fed. R. Civ. P. 5.2(a)(4)",
      },
    ]);
    expect(JSON.stringify(red.log.map(({ mark: _m, ...e }) => e))).not.toMatch(/6789|4111/);
  });

  it("never leaks part of overlapping matches", () => {
    const red = new Redactor({ minors: [], patterns: [{ name: "p", regex: "1111 1111 1111 1111 and" }], streetAddresses: false });
    const out = publicText(red.apply("x 4111 1111 1111 1111 and more", "i", "p"));
    expect(out).not.toMatch(/4111|1111 1111/);
  });
});
