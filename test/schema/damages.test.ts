/**
 * The damages schema (src/schema/damages.ts): case.yaml `damages:` as counsel writes it. Every check of shape
 * and format is made here once; computeDamages (test/plan/damages.test.ts) makes only the checks that
 * need the case's defendants and marks or the amounts' value.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { z } from "zod";
import { computeDamages } from "../../src/plan/damages/index.js";
import { CONFIG, cents } from "../helpers/damages.js";
import type { DefendantDamagesSettings } from "../../src/model/damages.js";
import { damagesSchema } from "../../src/schema/damages.js";
import { parseYaml } from "../../src/schema/validate.js";
import type { InvalidInputError } from "../../src/util/errors.js";

describe("damagesSchema (case.yaml damages:)", () => {
  const wrap = z.strictObject({ damages: damagesSchema });
  const YAML = `damages:
  currency: USD
  rounding: half-up
  exchangeRates:
    EUR: { rate: "1.0842", date: 2026-03-01, source: "Federal Reserve H.10" }
  interest: { show: illustrative,
    rate: "4.12",
    judgmentDate: 2026-06-01,
    paymentDate: 2027-09-15 }
  defendants:
    kpg:
      basis: c2
      willful: true
      goods: [shoes]
      marks: [rockstud, v-logo]
      request:
        flat: "250000.00"
      sales:
        - { units: 14, unitPrice: "89.99", currency: USD, source: "Amazon sales report, exhibit 9" }
        - { units: 3, unitPrice: "19.99", currency: eur, source: "Shop export" }
      restrained: "12345.67"
    lux:
      basis: c1
      goods: [shoes]
      marks: [rockstud]
      request: { perUnit: [{ mark: rockstud, goods: shoes, amount: "100,000" }] }
`;

  it("reads the documented format and feeds computeDamages", () => {
    const parsed = parseYaml(YAML, "case.yaml", wrap);
    if ("errors" in parsed) throw new Error(parsed.errors.map((e) => e.message).join("\n"));
    const d = parsed.value.damages;
    expect(d.defendants.lux.willful).toBe(false);
    expect(d.defendants.lux.sales).toEqual([]);
    expect(d.defendants.kpg.sales[1].currency).toBe("EUR");
    expect(d.interest).toEqual({ show: "illustrative", rate: "4.12", judgmentDate: "2026-06-01", paymentDate: "2027-09-15" });
    const t = computeDamages(d, CONFIG, "case.yaml");
    // 250,000.00 + 100,000.00
    expect(cents(t.totals.requested)).toBe("350000.00");
    // 1,259.86 + (59.97 × 1.0842 = 65.019474 → 65.02) = 1,324.88
    expect(cents(t.totals.profits)).toBe("1324.88");
    // Per defendant. d = 471 (2026-06-01 → 2027-09-15: 365 + 30 + 31 + 31 + 14), n = 1, m = 106.
    // factor 1.0412 × (1 + 0.0412 × 106/365) − 1 = 0.0536578866849315…
    // kpg 250,000 × factor = 13,414.4716712… → 13,414.47; lux 100,000 × factor = 5,365.7886685… → 5,365.79
    expect(t.interest?.defendants.map((i) => cents(i.amount))).toEqual(["13414.47", "5365.79"]);
  });

  function errorsOf(yaml: string): string[] {
    const parsed = parseYaml(yaml, "case.yaml", wrap);
    return "errors" in parsed ? parsed.errors.map((e) => e.message) : [];
  }

  it("refuses a YAML float amount with a clear message and the line", () => {
    const errs = errorsOf(YAML.replace('flat: "250000.00"', "flat: 250000.00"));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      new RegExp(
        String.raw`^case\.yaml:17:15 \(field damages\.defendants\.kpg\.request\.flat\): ` +
          String.raw`write the amount as a quoted decimal string, like "250000\.00": ` +
          String.raw`YAML reads an unquoted 250000 as a binary floating-point number`,
      ),
    );
    expect(errorsOf(YAML.replace('rate: "4.12"', "rate: 4.12"))[0]).toContain(
      'write the rate (in percent) as a quoted decimal string, like "4.12"',
    );
  });

  it("refuses (c)(2) without willful, two requests, a non-USD table and unknown fields", () => {
    expect(errorsOf(YAML.replace("willful: true", "willful: false"))[0]).toContain("(field damages.defendants.kpg.willful): basis c2");
    expect(
      errorsOf(
        YAML.replace('flat: "250000.00"', 'flat: "250000.00"\n        perUnit: [{ mark: rockstud, goods: shoes, amount: "1000" }]'),
      )[0],
    ).toContain("expected exactly one of 'flat'");
    expect(errorsOf(YAML.replace("currency: USD\n  rounding", "currency: EUR\n  rounding"))[0]).toContain("expected USD");
    expect(errorsOf(YAML.replace("restrained:", "frozen:"))[0]).toContain("unknown field 'frozen'");
    expect(errorsOf(YAML.replace("paymentDate: 2027-09-15", "paymentDate: 2026-05-31"))[0]).toContain(
      "paymentDate must be on or after judgmentDate",
    );
    expect(errorsOf(YAML.replace("date: 2026-03-01", "date: 2026-02-30"))[0]).toContain("expected a real calendar date");
    // Wrong types get their own message (never "missing").
    expect(errorsOf(YAML.replace("willful: true", "willful: yes"))[0]).toContain(
      "(field damages.defendants.kpg.willful): expected true or false",
    );
    expect(
      errorsOf(YAML.replace("goods: [shoes]\n      marks: [rockstud, v-logo]", "goods: shoes\n      marks: [rockstud, v-logo]"))[0],
    ).toContain("(field damages.defendants.kpg.goods): expected a list, like [shoes, handbags]");
    expect(errorsOf(YAML.replace("units: 14", 'units: "14"'))[0]).toContain("expected a whole number of units, like 14");
    expect(errorsOf(YAML.replace("    lux:\n      basis: c1\n", "    lux:\n"))[0]).toContain(
      "(field damages.defendants.lux.basis): missing; this field is required",
    );
  });
});

// --- the checks computeDamages used to repeat, each now made by the schema alone -----------------------

type Defendants = Record<string, Partial<Record<keyof DefendantDamagesSettings, unknown>>>;

/** damages: as a YAML document (the way counsel writes it), each defendant filled in with valid settings. */
function yamlOf(defendants: Defendants, extra: Record<string, unknown> = {}): string {
  const full: Record<string, unknown> = {};
  for (const [id, d] of Object.entries(defendants))
    full[id] = { basis: "c1", willful: false, goods: ["shoes"], marks: ["rockstud"], request: { flat: "10000.00" }, ...d };
  return stringify({ damages: { currency: "USD", defendants: full, ...extra } });
}

/** Every problem the schema finds, as the user sees them (file, line, field, message). */
function problemsOf(defendants: Defendants, extra: Record<string, unknown> = {}): InvalidInputError[] {
  const parsed = parseYaml(yamlOf(defendants, extra), "case.yaml", z.strictObject({ damages: damagesSchema }));
  if (!("errors" in parsed)) throw new Error("expected the damages schema to refuse these settings");
  return parsed.errors;
}

describe("damagesSchema: checks moved from computeDamages", () => {
  it("refuses (c)(2) without willful, naming the defendant", () => {
    const [e, ...rest] = problemsOf({ "shoe-king": { basis: "c2", willful: false } });
    expect(rest).toEqual([]);
    expect(e.location.field).toBe("damages.defendants.shoe-king.willful");
    expect(e.message).toContain("(field damages.defendants.shoe-king.willful)");
    expect(e.message).toContain(
      "basis c2 (§1117(c)(2), up to $2,000,000 per mark per type of goods) requires willful: true; otherwise use basis c1",
    );
  });

  it("refuses a float and a sign in amounts", () => {
    const [float] = problemsOf({ kpg: { request: { flat: 250000 } } });
    expect(float.location.field).toBe("damages.defendants.kpg.request.flat");
    expect(float.message).toContain(
      'write the amount as a quoted decimal string, like "250000.00": YAML reads an unquoted 250000 as a binary floating-point number',
    );
    const [sign] = problemsOf({ kpg: { request: { flat: "-5000.00" } } });
    expect(sign.location.field).toBe("damages.defendants.kpg.request.flat");
    expect(sign.message).toContain("expected the amount as a plain decimal");
    expect(sign.message).toContain("no currency symbol, no sign");
  });

  it("reports every problem at once", () => {
    const all = problemsOf({
      kpg: { basis: "c2", willful: false },
      lux: { request: { flat: 1 } },
      "shoe-king": { sales: [{ units: -1, unitPrice: "1.00", source: "x" }] },
    });
    expect(all.map((e) => e.location.field)).toEqual([
      "damages.defendants.kpg.willful",
      "damages.defendants.lux.request.flat",
      "damages.defendants.shoe-king.sales[0].units",
    ]);
  });

  it("refuses a payment date before the judgment date", () => {
    const [e] = problemsOf({ kpg: {} }, { interest: { rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2027-11-30" } });
    expect(e.location.field).toBe("damages.interest.paymentDate");
    expect(e.message).toContain(
      "paymentDate must be on or after judgmentDate (post-judgment interest runs from entry of judgment to payment)",
    );
  });

  it("refuses empty lists: no defendant, no mark, no goods, no per-unit amount", () => {
    const none = parseYaml("damages:\n  defendants: {}\n", "case.yaml", z.strictObject({ damages: damagesSchema }));
    expect("errors" in none && none.errors.map((e) => e.message)).toEqual([
      "case.yaml:2:15 (field damages.defendants): expected at least one defendant",
    ]);
    expect(problemsOf({ kpg: { marks: [] } })[0].message).toContain(
      "(field damages.defendants.kpg.marks): expected at least one counterfeit mark id (from case.yaml marks)",
    );
    expect(problemsOf({ kpg: { goods: [] } })[0].message).toContain(
      "(field damages.defendants.kpg.goods): expected at least one type of goods, like [shoes]",
    );
    expect(problemsOf({ kpg: { goods: ["  "] } })[0].message).toContain(
      "(field damages.defendants.kpg.goods[0]): expected a non-empty text",
    );
    expect(problemsOf({ kpg: { request: { perUnit: [] } } })[0].message).toContain(
      "(field damages.defendants.kpg.request.perUnit): expected at least one { mark, goods, amount } entry",
    );
  });

  it("refuses an unknown basis, a request with neither kind, another rounding rule and a table in another currency", () => {
    expect(problemsOf({ kpg: { basis: "c3" } })[0].message).toContain("(field damages.defendants.kpg.basis): expected c1 (§1117(c)(1)");
    expect(problemsOf({ kpg: { request: {} } })[0].message).toContain(
      "(field damages.defendants.kpg.request): expected exactly one of 'flat'",
    );
    expect(problemsOf({ kpg: {} }, { rounding: "half-even" })[0].message).toContain(
      "(field damages.rounding): expected half-up (the only rounding rule for now)",
    );
    expect(problemsOf({ kpg: {} }, { currency: "EUR" })[0].message).toContain(
      "(field damages.currency): expected USD: statutory damages under §1117(c) are in US dollars",
    );
  });

  it("refuses a sale's bad currency code and units, and a zero or malformed exchange rate; a lower-case code is read in capitals", () => {
    const sale = (s: Record<string, unknown>) => ({ kpg: { sales: [{ units: 1, unitPrice: "1.00", source: "x", ...s }] } });
    expect(problemsOf(sale({ currency: "EURO" }))[0].message).toContain(
      "(field damages.defendants.kpg.sales[0].currency): expected a three-letter ISO 4217 currency code",
    );
    expect(problemsOf(sale({ units: 1.5 }))[0].message).toContain(
      "(field damages.defendants.kpg.sales[0].units): expected a whole number of units, like 14",
    );
    expect(problemsOf(sale({ units: -1 }))[0].message).toContain(
      "(field damages.defendants.kpg.sales[0].units): expected zero or more units",
    );
    const rate = (r: string) => ({ exchangeRates: { EUR: { rate: r, date: "2026-03-01", source: "H.10" } } });
    expect(problemsOf(sale({ currency: "EUR" }), rate("0.00"))[0].message).toContain(
      "(field damages.exchangeRates.EUR.rate): the rate must be greater than zero",
    );
    expect(problemsOf(sale({ currency: "EUR" }), rate("1,08"))[0].message).toContain(
      '(field damages.exchangeRates.EUR.rate): expected the rate as a plain decimal like "1.0842"',
    );
    const lowerKey = problemsOf(sale({ currency: "EUR" }), {
      exchangeRates: { eur: { rate: "1.0842", date: "2026-03-01", source: "H.10" } },
    })[0];
    expect(lowerKey.message).toContain(
      '(field damages.exchangeRates.eur): the key "eur": expected a three-letter ISO 4217 currency code in capitals, like EUR',
    );
    const parsed = parseYaml(yamlOf(sale({ currency: "eur" }), rate("1.0842")), "case.yaml", z.strictObject({ damages: damagesSchema }));
    if ("errors" in parsed) throw new Error(parsed.errors.map((e) => e.message).join("\n"));
    expect(parsed.value.damages.defendants.kpg.sales[0].currency).toBe("EUR");
  });

  it("refuses an interest rate that is not a quoted decimal and dates that are not calendar dates", () => {
    const interest = (i: Record<string, unknown>) => ({
      interest: { rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2028-03-15", ...i },
    });
    expect(problemsOf({ kpg: {} }, interest({ rate: "4,12%" }))[0].message).toContain(
      '(field damages.interest.rate): expected the rate (in percent) as a plain decimal like "4.12"',
    );
    expect(problemsOf({ kpg: {} }, interest({ judgmentDate: "2027-02-29" }))[0].message).toContain(
      "(field damages.interest.judgmentDate): expected a real calendar date written YYYY-MM-DD",
    );
    expect(problemsOf({ kpg: {} }, interest({ paymentDate: "15/03/2028" }))[0].message).toContain(
      "(field damages.interest.paymentDate): expected a real calendar date written YYYY-MM-DD",
    );
  });
});
