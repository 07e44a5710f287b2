import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateFlat, computeDamages, daysBetween, percentToFraction, postJudgmentInterest } from "../../src/plan/damages/index.js";
import { damagesCsv } from "../../src/appendices/damages-csv.js";
import { CONFIG, DEFENDANTS, MARKS, cents } from "../helpers/damages.js";
import type { DamagesSettings, DamagesTable, DefendantDamagesSettings } from "../../src/model/damages.js";
import type { Money } from "../../src/model/money.js";
import { damagesSchema } from "../../src/schema/damages.js";
import { InvalidInputError, InvalidInputErrors } from "../../src/util/errors.js";

const usd = (text: string): Money => {
  const [int, frac = ""] = text.split(".");
  return { currency: "USD", units: BigInt(int + frac.padEnd(2, "0")), scale: 2 };
};

function settings(defendants: Record<string, Partial<DefendantDamagesSettings>>, extra: Partial<DamagesSettings> = {}): DamagesSettings {
  const full: Record<string, DefendantDamagesSettings> = {};
  for (const [id, d] of Object.entries(defendants)) {
    full[id] = {
      basis: "c1",
      willful: false,
      goods: ["shoes"],
      marks: ["rockstud"],
      request: { flat: "10000.00" },
      sales: [],
      ...d,
    } as DefendantDamagesSettings;
  }
  return { currency: "USD", rounding: "half-up", exchangeRates: {}, defendants: full, ...extra };
}

/** Settings as build and check hand them over: through the damages schema first (a test input it refuses fails here). */
function validated(s: DamagesSettings): DamagesSettings {
  const r = damagesSchema.safeParse(s);
  if (!r.success)
    throw new Error(
      `the damages schema refuses the test's settings: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return r.data;
}

function compute(s: DamagesSettings): DamagesTable {
  return computeDamages(validated(s), CONFIG, "case.yaml");
}

/** The single InvalidInputError thrown (or, for several, all of them). */
function problems(fn: () => unknown): InvalidInputError[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return [e];
    if (e instanceof InvalidInputErrors) return e.errors;
    throw e;
  }
  throw new Error("expected an InvalidInputError");
}

describe("computeDamages: statutory range", () => {
  it("accepts per-unit amounts at both ends of the (c)(1) range, inclusive", () => {
    const t = compute(
      settings({
        lux: {
          goods: ["shoes", "handbags"],
          request: {
            perUnit: [
              { mark: "rockstud", goods: "handbags", amount: "200,000.00" },
              { mark: "rockstud", goods: "shoes", amount: "1000" },
            ],
          },
        },
      }),
    );
    // Rows follow the defendant's marks then goods order (shoes, handbags), not the perUnit list order.
    expect(t.rows.map((r) => [r.goods, cents(r.requested), r.requestKind])).toEqual([
      ["shoes", "1000.00", "per-unit"],
      ["handbags", "200000.00", "per-unit"],
    ]);
    expect(t.rows[0].basis).toBe("1117(c)(1)");
    expect(cents(t.rows[0].statutoryMin)).toBe("1000.00");
    expect(cents(t.rows[0].statutoryMax)).toBe("200000.00");
    // 1,000.00 + 200,000.00 = 201,000.00
    expect(cents(t.defendants[0].requested)).toBe("201000.00");
    expect(t.defendants[0].requestKind).toBe("per-unit");
  });

  it("refuses a per-unit amount above the (c)(1) cap, naming defendant, amount, range and reason", () => {
    const [e, ...rest] = problems(() =>
      compute(settings({ lux: { request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "200000.01" }] } } })),
    );
    expect(rest).toEqual([]);
    expect(e.location).toEqual({ file: "case.yaml", field: "damages.defendants.lux.request.perUnit[0].amount" });
    expect(e.message).toContain("defendant lux (Lux Outlet, Schedule A no. 2)");
    expect(e.message).toContain("$200,000.01");
    expect(e.message).toContain("above the statutory maximum");
    expect(e.message).toContain("§1117(c)(1) allows $1,000.00 to $200,000.00 per counterfeit mark per type of goods");
    expect(e.message).toContain("§1117(c)(2) if the use was willful");
  });

  it("refuses statutory damages on a mark that is not registered (pending or common law), naming it", () => {
    const config = { ...CONFIG, marks: [...MARKS, { id: "pending", name: "PENDING", application: "98765432", goodsClass: [25] }] };
    const s = settings({ lux: { marks: ["pending"], request: { flat: "1000.00" } } });
    const [e] = problems(() => computeDamages(validated(s), config, "case.yaml"));
    expect(e.location).toEqual({ file: "case.yaml", field: "damages.defendants.lux.marks[0]" });
    expect(e.message).toContain("mark 'pending' is App. Serial No. 98765432; statutory damages under §1117(c) need a mark registered");
  });

  it("refuses a per-unit amount below $1,000", () => {
    const [e] = problems(() =>
      compute(settings({ kpg: { request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "999.99" }] } } })),
    );
    expect(e.location.field).toBe("damages.defendants.kpg.request.perUnit[0].amount");
    expect(e.message).toContain("$999.99");
    expect(e.message).toContain("below the statutory minimum");
  });

  it("allows up to $2,000,000 per unit under (c)(2) when willful, and not a cent more", () => {
    const ok = compute(
      settings({ kpg: { basis: "c2", willful: true, request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "2000000.00" }] } } }),
    );
    expect(ok.rows[0].basis).toBe("1117(c)(2)");
    expect(ok.rows[0].willful).toBe(true);
    expect(cents(ok.rows[0].statutoryMax)).toBe("2000000.00");
    const [e] = problems(() =>
      compute(
        settings({
          kpg: { basis: "c2", willful: true, request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "2000000.01" }] } },
        }),
      ),
    );
    expect(e.message).toContain("§1117(c)(2) (willful) allows up to $2,000,000.00 per counterfeit mark per type of goods");
    // (c)(2) has a cap and no floor: $500 a unit is within it.
    const low = compute(
      settings({ kpg: { basis: "c2", willful: true, request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "500.00" }] } } }),
    );
    expect(cents(low.rows[0].requested)).toBe("500.00");
  });

  it("a willful defendant may still be put under (c)(1), with the (c)(1) cap", () => {
    const t = compute(settings({ kpg: { basis: "c1", willful: true, request: { flat: "200000.00" } } }));
    expect(t.rows[0].willful).toBe(true);
    expect(t.rows[0].basis).toBe("1117(c)(1)");
    expect(() => compute(settings({ kpg: { basis: "c1", willful: true, request: { flat: "200000.01" } } }))).toThrow(
      /under §1117\(c\)\(1\)/,
    );
  });

  it("checks a flat request against units × $1,000 … units × cap", () => {
    // lux: 2 marks × 2 goods = 4 units under (c)(1): $4,000.00 … $800,000.00.
    const lux = { marks: ["rockstud", "v-logo"], goods: ["shoes", "handbags"] };
    expect(cents(compute(settings({ lux: { ...lux, request: { flat: "4000.00" } } })).totals.requested)).toBe("4000.00");
    expect(cents(compute(settings({ lux: { ...lux, request: { flat: "800000.00" } } })).totals.requested)).toBe("800000.00");

    const [high] = problems(() => compute(settings({ lux: { ...lux, request: { flat: "800000.01" } } })));
    expect(high.location).toEqual({ file: "case.yaml", field: "damages.defendants.lux.request.flat" });
    expect(high.message).toBe(
      "case.yaml (field damages.defendants.lux.request.flat): defendant lux (Lux Outlet, Schedule A no. 2): the flat request " +
        "$800,000.01 is outside the statutory range " +
        "for 4 units (2 marks × 2 types of goods) under §1117(c)(1): $4,000.00 to $800,000.00 ($1,000.00 to $200,000.00 per " +
        "counterfeit mark per type of goods, times 4). " +
        "Lower the request, add the marks or goods types the defendant used, or (if the use was willful) use basis c2.",
    );
    const [low] = problems(() => compute(settings({ lux: { ...lux, request: { flat: "3999.99" } } })));
    expect(low.message).toContain("the flat request $3,999.99 is outside the statutory range");
    expect(low.message).toContain("Raise the request");

    // (c)(2), willful: 4 units → up to $8,000,000.00.
    const c2 = { ...lux, basis: "c2" as const, willful: true };
    expect(cents(compute(settings({ lux: { ...c2, request: { flat: "8000000.00" } } })).totals.requested)).toBe("8000000.00");
    expect(() => compute(settings({ lux: { ...c2, request: { flat: "8000000.01" } } }))).toThrow(
      /up to \$8,000,000\.00 \(up to \$2,000,000\.00 per/,
    );
  });
});

describe("computeDamages: units and allocation", () => {
  it("makes one row per mark × goods type (marks × goods) and splits a flat request into exact equal shares", () => {
    const t = compute(
      settings({
        kpg: { basis: "c2", willful: true, marks: ["rockstud", "v-logo"], goods: ["shoes", "handbags"], request: { flat: "250000.03" } },
      }),
    );
    // 2 marks × 2 goods = 4 units. 25,000,003 cents / 4 = 6,250,000 cents, remainder 3:
    // the first three rows get one extra cent: 62,500.01 × 3 + 62,500.00 = 250,000.03.
    expect(t.rows.map((r) => [r.mark.id, r.goods, cents(r.requested), r.requestKind, r.unitIndex])).toEqual([
      ["rockstud", "shoes", "62500.01", "flat-share", 1],
      ["rockstud", "handbags", "62500.01", "flat-share", 2],
      ["v-logo", "shoes", "62500.01", "flat-share", 3],
      ["v-logo", "handbags", "62500.00", "flat-share", 4],
    ]);
    expect(t.rows[2].mark).toEqual({ id: "v-logo", name: "V LOGO", registration: "1,234,567", goodsClass: [18, 25] });
    const d = t.defendants[0];
    expect(d.units).toBe(4);
    expect(d.requestKind).toBe("flat");
    expect(cents(d.flatRequest)).toBe("250000.03");
    expect(cents(d.requested)).toBe("250000.03");
    expect(
      t.notes.some((n) => n.includes("flat request $250,000.03 for 4 units (2 marks × 2 types of goods), shown as equal shares")),
    ).toBe(true);
  });

  it("allocateFlat: shares differ by at most one cent and add up exactly", () => {
    expect(allocateFlat(usd("10.00"), 3).map(cents)).toEqual(["3.34", "3.33", "3.33"]);
    expect(allocateFlat(usd("10.02"), 3).map(cents)).toEqual(["3.34", "3.34", "3.34"]);
    expect(allocateFlat(usd("0.01"), 2).map(cents)).toEqual(["0.01", "0.00"]);
  });

  it("orders defendants by Schedule A number, whatever the order in damages:", () => {
    const t = compute(settings({ "shoe-king": {}, kpg: {}, lux: {} }));
    expect(t.defendants.map((d) => [d.defendantId, d.scheduleANumber])).toEqual([
      ["kpg", 1],
      ["lux", 2],
      ["shoe-king", 3],
    ]);
    expect(t.rows.map((r) => r.scheduleANumber)).toEqual([1, 2, 3]);
  });

  it("refuses unknown defendant and mark ids, listing the known ones", () => {
    const [d] = problems(() => compute(settings({ "kpg-amazon": {} })));
    expect(d.location.field).toBe("damages.defendants.kpg-amazon");
    expect(d.message).toContain("unknown defendant 'kpg-amazon'; the defendants of case.yaml are: kpg, lux, shoe-king");
    const [m] = problems(() => compute(settings({ kpg: { marks: ["rockstud", "rock-stud"] } })));
    expect(m.location.field).toBe("damages.defendants.kpg.marks[1]");
    expect(m.message).toContain("unknown mark 'rock-stud'; the marks of case.yaml are: rockstud, v-logo, vltn");
  });

  it("refuses duplicate marks or goods, and per-unit requests that miss, repeat or stray from the units", () => {
    expect(problems(() => compute(settings({ kpg: { marks: ["rockstud", "rockstud"] } })))[0].message).toContain("listed twice");
    expect(problems(() => compute(settings({ kpg: { goods: ["shoes", "shoes"] } })))[0].message).toContain("listed twice");
    const two = { marks: ["rockstud", "v-logo"] };
    const [missing] = problems(() =>
      compute(settings({ kpg: { ...two, request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "5000" }] } } })),
    );
    expect(missing.location.field).toBe("damages.defendants.kpg.request.perUnit");
    expect(missing.message).toContain("no amount for mark 'v-logo' on 'shoes'");
    const [twice] = problems(() =>
      compute(
        settings({
          kpg: {
            request: {
              perUnit: [
                { mark: "rockstud", goods: "shoes", amount: "5000" },
                { mark: "rockstud", goods: "shoes", amount: "6000" },
              ],
            },
          },
        }),
      ),
    );
    expect(twice.location.field).toBe("damages.defendants.kpg.request.perUnit[1]");
    expect(twice.message).toContain("requested twice");
    const [stray] = problems(() =>
      compute(settings({ kpg: { request: { perUnit: [{ mark: "vltn", goods: "shoes", amount: "5000" }] } } })),
    );
    expect(stray.message).toContain("mark 'vltn' is not among the defendant's marks");
  });

  it("refuses sub-cent digits in amounts (a float and a sign: the schema's, test/schema/damages.test.ts)", () => {
    expect(problems(() => compute(settings({ kpg: { request: { flat: "5000.001" } } })))[0].message).toContain("more than 2 decimals");
    // Trailing zeros beyond the cent are exact, so they are fine.
    expect(cents(compute(settings({ kpg: { request: { flat: "5000.000" } } })).totals.requested)).toBe("5000.00");
  });

  it("reports every problem at once (InvalidInputErrors)", () => {
    // (c)(2) without willful is refused by the schema, with the schema's other problems (test/schema/damages.test.ts).
    const all = problems(() => compute(settings({ nobody: {}, kpg: { marks: ["rock-stud"] }, lux: { request: { flat: "1" } } })));
    expect(all.map((e) => e.location.field)).toEqual([
      "damages.defendants.nobody",
      "damages.defendants.kpg.marks[0]",
      "damages.defendants.lux.request.flat",
    ]);
  });

  it("warns (does not fail) about defendants of case.yaml left out of the table", () => {
    const t = compute(settings({ kpg: {} }));
    expect(t.warnings).toContain("2 defendants of case.yaml have no damages entry and are not in the table: lux, shoe-king.");
  });
});

describe("computeDamages: profits, currencies and trebling", () => {
  const twoCurrencies: Partial<DefendantDamagesSettings> = {
    sales: [
      { units: 14, unitPrice: "89.99", currency: "USD", source: "Amazon sales report, exhibit 9" },
      { units: 3, unitPrice: "19.99", currency: "EUR", source: "Shop export, exhibit 10" },
    ],
  };
  const EUR = { rate: "1.0842", date: "2026-03-01", source: "Federal Reserve H.10" };

  it("refuses a sale in another currency without an exchange rate, naming the defendant and the currency", () => {
    const [e] = problems(() => compute(settings({ lux: twoCurrencies })));
    expect(e.location).toEqual({ file: "case.yaml", field: "damages.defendants.lux.sales[1].currency" });
    expect(e.message).toContain("defendant lux (Lux Outlet, Schedule A no. 2): a sale in EUR");
    expect(e.message).toContain("add damages.exchangeRates.EUR");
  });

  it("converts exactly with a rate, rounding half-up to the cent once per sale, and records the conversion", () => {
    const t = compute(settings({ lux: twoCurrencies }, { exchangeRates: { EUR } }));
    const d = t.defendants[0];
    // USD: 14 × 89.99 = 1,259.86 (exact).
    // EUR: 3 × 19.99 = 59.97 EUR; × 1.0842 = 65.019474 USD → half-up to the cent: 65.02.
    expect(d.sales.map((s) => cents(s.amountInTableCurrency))).toEqual(["1259.86", "65.02"]);
    expect(d.sales.map((s) => s.amount.currency)).toEqual(["USD", "EUR"]);
    expect(d.sales[1].amount).toEqual({ currency: "EUR", units: 5997n, scale: 2 });
    expect(d.sales[1].conversion).toEqual(EUR);
    // Profits: 1,259.86 + 65.02 = 1,324.88. Trebled (§1117(b)): 3 × 1,324.88 = 3,974.64.
    expect(cents(d.profits)).toBe("1324.88");
    expect(cents(d.trebledProfits)).toBe("3974.64");
    expect(t.conversions).toEqual([{ currency: "EUR", ...EUR, defendantIds: ["lux"] }]);
    expect(t.notes).toContain(
      "Sales in EUR converted at 1 EUR = 1.0842 USD (2026-03-01, Federal Reserve H.10), each sale rounded half-up to the cent once; " +
        "defendants: lux.",
    );
    // Shown on the defendant's first row only.
    expect(cents(t.rows[0].profits)).toBe("1324.88");
    expect(cents(t.rows[0].trebledProfits)).toBe("3974.64");
  });

  it("rounds each converted sale separately, half-up at exactly half a cent", () => {
    const t = compute(
      settings(
        {
          kpg: {
            sales: [
              // 1 × 10.00 GBP × 1.2345 = 12.345 USD → 12.35 (exactly half a cent: up).
              { units: 1, unitPrice: "10.00", currency: "GBP", source: "a" },
              // 1 × 0.01 GBP × 1.2345 = 0.012345 → 0.01, twice: 0.02 (summing first would give 0.02469 → 0.02 too)
              { units: 1, unitPrice: "0.01", currency: "gbp", source: "b" },
              { units: 1, unitPrice: "0.01", currency: "GBP", source: "c" },
              // 7 × 0.03 EUR = 0.21 EUR × 1.5 = 0.315 → 0.32
              { units: 7, unitPrice: "0.03", currency: "EUR", source: "d" },
            ],
          },
        },
        {
          exchangeRates: {
            GBP: { rate: "1.2345", date: "2026-03-02", source: "H.10" },
            EUR: { rate: "1.5", date: "2026-03-02", source: "H.10" },
          },
        },
      ),
    );
    expect(t.defendants[0].sales.map((s) => cents(s.amountInTableCurrency))).toEqual(["12.35", "0.01", "0.01", "0.32"]);
    // 12.35 + 0.01 + 0.01 + 0.32 = 12.69
    expect(cents(t.totals.profits)).toBe("12.69");
    expect(t.conversions.map((c) => c.currency)).toEqual(["EUR", "GBP"]);
  });

  it("warns when trebled profits exceed the statutory request, and about unused rates", () => {
    const t = compute(
      settings(
        { kpg: { request: { flat: "1000.00" }, sales: [{ units: 10, unitPrice: "40.00", source: "x" }] } },
        { exchangeRates: { CAD: { rate: "0.73", date: "2026-03-02", source: "H.10" } } },
      ),
    );
    // 10 × 40.00 = 400.00; × 3 = 1,200.00 > 1,000.00.
    expect(t.warnings).toContain(
      "Schedule A No. 1 (Kaitlyn Pan Group): trebled gross sales $1,200.00 (§ 1117(b)) exceed the statutory request " +
        "$1,000.00; check the election.",
    );
    expect(t.warnings).toContain("damages.exchangeRates.CAD is not used: no sale is in CAD.");
  });

  it("a defendant without sales has zero profits and no profits on its rows", () => {
    const t = compute(settings({ kpg: {} }));
    expect(t.defendants[0].hasSales).toBe(false);
    expect(cents(t.defendants[0].profits)).toBe("0.00");
    expect(t.rows[0].profits).toBeUndefined();
  });
});

describe("computeDamages: totals", () => {
  it("sums rows into per-defendant totals and those into the grand total", () => {
    const t = compute(
      settings({
        kpg: {
          basis: "c2",
          willful: true,
          marks: ["rockstud", "v-logo"],
          goods: ["shoes"],
          request: { flat: "250000.00" },
          sales: [{ units: 14, unitPrice: "89.99", source: "Amazon sales report, exhibit 9" }],
          restrained: "12345.67",
        },
        lux: {
          marks: ["rockstud", "vltn"],
          goods: ["shoes", "handbags"],
          request: {
            perUnit: [
              { mark: "rockstud", goods: "shoes", amount: "50000.00" },
              { mark: "rockstud", goods: "handbags", amount: "25000.50" },
              { mark: "vltn", goods: "shoes", amount: "1000.00" },
              { mark: "vltn", goods: "handbags", amount: "199999.99" },
            ],
          },
          sales: [
            { units: 2, unitPrice: "120.00", source: "PayPal" },
            { units: 1, unitPrice: "0.99", source: "PayPal" },
          ],
          restrained: "100.00",
        },
        "shoe-king": { request: { flat: "30000" } },
      }),
    );
    expect(t.rows).toHaveLength(2 + 4 + 1);
    // kpg: 2 units, 250,000.00 / 2 = 125,000.00 each. Profits 14 × 89.99 = 1,259.86; trebled 3,779.58.
    // lux: 50,000.00 + 25,000.50 + 1,000.00 + 199,999.99 = 276,000.49. Profits 240.00 + 0.99 = 240.99; trebled 722.97.
    // shoe-king: 30,000.00; no sales.
    expect(
      t.defendants.map((d) => [d.defendantId, cents(d.requested), cents(d.profits), cents(d.trebledProfits), cents(d.restrained)]),
    ).toEqual([
      ["kpg", "250000.00", "1259.86", "3779.58", "12345.67"],
      ["lux", "276000.49", "240.99", "722.97", "100.00"],
      ["shoe-king", "30000.00", "0.00", "0.00", undefined],
    ]);
    // Grand: 250,000.00 + 276,000.49 + 30,000.00 = 556,000.49; profits 1,500.85; trebled 4,502.55; restrained 12,445.67.
    expect(cents(t.totals.requested)).toBe("556000.49");
    expect(cents(t.totals.profits)).toBe("1500.85");
    expect(cents(t.totals.trebledProfits)).toBe("4502.55");
    expect(cents(t.totals.restrained)).toBe("12445.67");
    expect(t.roundingRule).toBe(
      "Amounts are exact to the cent; interest is rounded half-up to the cent once, at the end; totals are sums of the printed row " +
        "amounts.",
    );
    expect(t.currency).toBe("USD");
  });
});

describe("§1961 post-judgment interest", () => {
  const P = usd("250000.00");

  it("counts calendar days, Feb 29 included", () => {
    // Dec 2027: 1 → 31 Dec = 30 days, +1 to Jan 1 = 31; Jan 31; Feb 2028 29 (leap); Mar 1 → 15 = 14: 31+31+29+14 = 105.
    expect(daysBetween("2027-12-01", "2028-03-15")).toBe(105);
    // The same span a year earlier has no Feb 29: 104.
    expect(daysBetween("2026-12-01", "2027-03-15")).toBe(104);
    expect(daysBetween("2027-06-01", "2028-06-01")).toBe(366);
    expect(daysBetween("2026-06-01", "2026-06-01")).toBe(0);
  });

  it("across a leap year, within one year: simple interest", () => {
    // d = 105: ⌊105/365⌋ = 0, 105 mod 365 = 105.
    // 250,000 × ((1.0412)^0 × (1 + 0.0412 × 105/365) − 1) = 250,000 × 0.0412 × 105/365
    //   = 10,300 × 105 / 365 = 1,081,500 / 365 = 2,963.0136986… → 2,963.01
    expect(cents(postJudgmentInterest(P, "4.12", 105))).toBe("2963.01");
    // d = 104 (no Feb 29): 10,300 × 104 / 365 = 1,071,200 / 365 = 2,934.7945… → 2,934.79
    expect(cents(postJudgmentInterest(P, "4.12", 104))).toBe("2934.79");
  });

  it("a year that holds Feb 29 is 366 days: one compounded year plus one day", () => {
    // d = 366: n = 1, m = 1. 250,000 × (1.0412 × (1 + 0.0412/365) − 1)
    //   = 250,000 × (0.0412 + 1.0412 × 0.0412 / 365) = 10,300 + 250,000 × 0.04289744 / 365
    //   = 10,300 + 10,724.36 / 365 = 10,300 + 29.3818082… = 10,329.3818… → 10,329.38
    expect(cents(postJudgmentInterest(P, "4.12", 366))).toBe("10329.38");
  });

  it("over several years, compounded annually", () => {
    // 2026-06-01 → 2029-09-15: 365 (to 2027-06-01) + 366 (to 2028-06-01, holds Feb 29) + 365 (to 2029-06-01)
    //   + 30 + 31 + 31 + 14 (Jun, Jul, Aug, to Sep 15) = 1,202 days; n = ⌊1202/365⌋ = 3, m = 1202 − 1095 = 107.
    // 1.0412² = 1.08409744; 1.0412³ = 1.08409744 × 1.0412 = 1.128762254528
    // 1 + 0.0412 × 107/365 = (365 + 4.4084)/365 = 369.4084/365
    // 1.128762254528 × 369.4084 = 416.9742584255812352; / 365 = 1.14239522856323626…
    // 250,000 × 0.14239522856323626… = 35,598.80714080906… → 35,598.81
    expect(daysBetween("2026-06-01", "2029-09-15")).toBe(1202);
    expect(cents(postJudgmentInterest(P, "4.12", 1202))).toBe("35598.81");
  });

  it("rounds half-up exactly at half a cent, and gives zero for zero days", () => {
    // 1,050.00 × 0.0365 × 1/365 = 1,050.00 × 0.0001 = 0.105 exactly → 0.11 (half-up, not 0.10).
    expect(cents(postJudgmentInterest(usd("1050.00"), "3.65", 1))).toBe("0.11");
    // 1,049.00 × 0.0001 = 0.1049 → 0.10
    expect(cents(postJudgmentInterest(usd("1049.00"), "3.65", 1))).toBe("0.10");
    expect(cents(postJudgmentInterest(P, "4.12", 0))).toBe("0.00");
    expect(cents(postJudgmentInterest(P, "0", 800))).toBe("0.00");
  });

  it("is off by default: rate and dates given, nothing computed, the table says interest is not computed", () => {
    const t = compute(
      settings(
        { kpg: { basis: "c2", willful: true, request: { flat: "250000.00" } } },
        { interest: { show: "off", rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2028-03-15" } },
      ),
    );
    expect(t.interest).toBeUndefined();
    expect(t.notes.join(" ")).toMatch(/§ 1961 runs on each defendant's judgment .* it is not computed here/);
  });

  it("illustrated per defendant (several, not joint), P = each defendant's own total, with the formula written out", () => {
    const t = compute(
      settings(
        { kpg: { basis: "c2", willful: true, request: { flat: "250000.00" } }, lux: { request: { flat: "10000.00" } } },
        { interest: { show: "illustrative", rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2028-03-15" } },
      ),
    );
    const i = t.interest!;
    expect([i.days, i.years, i.remainderDays]).toEqual([105, 0, 105]);
    // 250,000.00 × 0.0412 × 105/365 = 2,963.01; 10,000.00 × 0.0412 × 105/365 = 118.52
    expect(i.defendants.map((d) => [d.defendantId, cents(d.principal), cents(d.amount), cents(d.totalWithInterest)])).toEqual([
      ["kpg", "250000.00", "2963.01", "252963.01"],
      ["lux", "10000.00", "118.52", "10118.52"],
    ]);
    expect(i.blank).toBeUndefined();
    expect(i.formula).toContain("interest = P × ((1 + r)^⌊d/365⌋ × (1 + r × (d mod 365)/365) − 1)");
    expect(i.formula).toContain("r = 4.12% = 0.0412, d = 105 days from 2027-12-01 (judgment) to 2028-03-15 (payment)");
    expect(t.notes).toContain(i.formula);
  });

  it("is never projected without both a stated rate and a payment date: a blank for counsel instead", () => {
    for (const given of [
      { rate: "4.12", judgmentDate: "2027-12-01" },
      { judgmentDate: "2027-12-01", paymentDate: "2028-03-15" },
    ]) {
      const t = compute(settings({ kpg: { request: { flat: "50000.00" } } }, { interest: { show: "illustrative", ...given } }));
      const i = t.interest!;
      expect(i.blank).toMatch(/^\[COUNSEL: § 1961 rate .* judgment date and payment date\]$/);
      expect(i.defendants.map((d) => [cents(d.principal), d.amount, d.totalWithInterest])).toEqual([["50000.00", undefined, undefined]]);
      expect(i.days).toBeUndefined();
    }
  });

  it("percentToFraction is exact", () => {
    expect(percentToFraction("4.12")).toBe("0.0412");
    expect(percentToFraction("5")).toBe("0.05");
    expect(percentToFraction("0.125")).toBe("0.00125");
    expect(percentToFraction("12.5")).toBe("0.125");
  });
});

describe("damagesCsv", () => {
  it("writes RFC 4180 lines: units, defendant totals, grand total, interest", () => {
    const t = computeDamages(
      settings(
        {
          kpg: {
            basis: "c2",
            willful: true,
            marks: ["rockstud", "v-logo"],
            request: { flat: "250000.01" },
            sales: [{ units: 14, unitPrice: "89.99", source: "Amazon" }],
            restrained: "12345.67",
          },
          lux: { request: { perUnit: [{ mark: "rockstud", goods: "shoes", amount: "1000" }] } },
        },
        { interest: { show: "illustrative", rate: "4.12", judgmentDate: "2027-12-01", paymentDate: "2028-03-15" } },
      ),
      { marks: MARKS, defendants: [DEFENDANTS[0], { id: "lux", name: '=HYPERLINK("x"), Inc.', aliases: [] }] },
      "case.yaml",
    );
    const csv = damagesCsv(t);
    const lines = csv.split("\r\n");
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(lines[0].replace(/"/g, "")).toBe(
      "Line,Schedule A no.,Defendant ID,Defendant,Mark ID,Mark,Registration no.,Class,Goods type,Statutory basis,Willful," +
        "Statutory minimum (USD),Statutory maximum (USD),Amount requested (USD),Request,Gross sales, § 1117(a) (USD)," +
        "Trebled gross sales, § 1117(b) (USD),Restrained (USD),Note,Recovering plaintiff,Seller ID,Willfulness basis",
    );
    // 250,000.01 over 2 units: 125,000.01 + 125,000.00. Profits 14 × 89.99 = 1,259.86, trebled 3,779.58.
    expect(lines[1]).toBe(
      'unit,1,kpg,Kaitlyn Pan Group,rockstud,ROCKSTUD,"4,567,890",25,shoes,1117(c)(2),yes,,2000000.00,125000.01,share of flat ' +
        "request,1259.86,3779.58,,,,,",
    );
    expect(lines[2]).toBe(
      'unit,1,kpg,Kaitlyn Pan Group,v-logo,V LOGO,"1,234,567",18; 25,shoes,1117(c)(2),yes,,2000000.00,125000.00,share of flat ' +
        "request,,,,,,,",
    );
    // A seller name that a spreadsheet would run as a formula is neutralised and quoted.
    expect(lines[3]).toBe(
      `unit,2,lux,"'=HYPERLINK(""x""), Inc.",rockstud,ROCKSTUD,"4,567,890",25,shoes,1117(c)(1),no,1000.00,200000.00,1000.00,per mark × ` +
        `goods type,,,,,,,`,
    );
    expect(lines[4]).toBe(
      'defendant total,1,kpg,Kaitlyn Pan Group,rockstud; v-logo,ROCKSTUD; V LOGO,"4,567,890; 1,234,567",18; ' +
        "25,shoes,1117(c)(2),yes,,,250000.01,flat,1259.86,3779.58,12345.67,2 units (2 marks × 1 type of goods),[COUNSEL: recovering " +
        "plaintiff (the registrant of the marks)],,[COUNSEL: basis for the finding of willfulness]",
    );
    expect(lines[5]).toBe(
      `defendant total,2,lux,"'=HYPERLINK(""x""), Inc.",rockstud,ROCKSTUD,"4,567,890",25,shoes,1117(c)(1),no,,,1000.00,per mark × ` +
        `goods type,,,,1 unit (1 mark × 1 type of goods),[COUNSEL: recovering plaintiff (the registrant of the marks)],,`,
    );
    // 250,000.01 + 1,000.00 = 251,000.01
    expect(lines[6]).toBe(`grand total,,,,,,,,,,,,,251000.01,,1259.86,3779.58,12345.67,"${t.roundingRule}"`);
    // Interest per defendant: 250,000.01 × 0.0412 × 105/365 = 2,963.0138… → 2,963.01; 1,000.00 × 0.0412 × 105/365 = 11.85
    expect(lines[7].startsWith("interest,1,kpg,Kaitlyn Pan Group,,,,,,,,,,2963.01,,,,,")).toBe(true);
    expect(lines[8]).toBe("total with interest,1,kpg,Kaitlyn Pan Group,,,,,,,,,,252963.02");
    expect(lines[9].startsWith(`interest,2,lux,"'=HYPERLINK(""x""), Inc.",,,,,,,,,,11.85,`)).toBe(true);
    expect(lines[10]).toBe(`total with interest,2,lux,"'=HYPERLINK(""x""), Inc.",,,,,,,,,,1011.85`);
    expect(lines[11]).toBe("");
    expect(lines).toHaveLength(12);
  });
});

// --- properties -------------------------------------------------------------------------------------

const MARK_IDS = MARKS.map((m) => m.id);
const GOODS = ["shoes", "handbags", "belts"];
const MIN = { c1: 100_000n, c2: 1n } as const; // cents: (c)(2) has no floor (one cent: some amount)
const CAP = { c1: 20_000_000n, c2: 200_000_000n } as const;

function amountText(c: bigint, grouped: boolean): string {
  const s = c.toString().padStart(3, "0");
  const int = s.slice(0, -2);
  return `${grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int}.${s.slice(-2)}`;
}

const subset = <T>(xs: T[]) => fc.shuffledSubarray(xs, { minLength: 1 });

const defendantArb = fc
  .record({
    basis: fc.constantFrom("c1" as const, "c2" as const),
    willfulC1: fc.boolean(),
    marks: subset(MARK_IDS),
    goods: subset(GOODS),
    flat: fc.boolean(),
    fraction: fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 9, maxLength: 9 }),
    grouped: fc.boolean(),
    sales: fc.array(fc.record({ units: fc.nat({ max: 1000 }), price: fc.bigInt({ min: 0n, max: 10_000_000n }), eur: fc.boolean() }), {
      maxLength: 3,
    }),
  })
  .map((g): DefendantDamagesSettings => {
    const cap = CAP[g.basis];
    const units = BigInt(g.marks.length * g.goods.length);
    // A point in [lo, hi] chosen by a fraction in [0, 1,000,000].
    const within = (lo: bigint, hi: bigint, f: bigint) => lo + ((hi - lo) * f) / 1_000_000n;
    const pairs = g.marks.flatMap((m) => g.goods.map((goods) => ({ mark: m, goods })));
    return {
      basis: g.basis,
      willful: g.basis === "c2" ? true : g.willfulC1,
      marks: g.marks,
      goods: g.goods,
      request: g.flat
        ? { flat: amountText(within(units * MIN[g.basis], units * cap, g.fraction[0]), g.grouped) }
        : { perUnit: pairs.map((p, i) => ({ ...p, amount: amountText(within(MIN[g.basis], cap, g.fraction[i]), g.grouped) })) },
      sales: g.sales.map((s) => ({
        units: s.units,
        unitPrice: amountText(s.price, false),
        currency: s.eur ? "EUR" : "USD",
        source: "test",
      })),
    };
  });

const settingsArb = fc
  .record({
    kpg: fc.option(defendantArb, { nil: undefined }),
    lux: fc.option(defendantArb, { nil: undefined }),
    "shoe-king": defendantArb,
    rate: fc.bigInt({ min: 1n, max: 99_999n }),
  })
  .map(({ rate, ...ds }): DamagesSettings => {
    const defendants: Record<string, DefendantDamagesSettings> = {};
    for (const [id, d] of Object.entries(ds)) if (d) defendants[id] = d;
    return {
      currency: "USD",
      rounding: "half-up",
      exchangeRates: { EUR: { rate: `1.${rate.toString().padStart(5, "0")}`, date: "2026-03-01", source: "H.10" } },
      defendants,
    };
  });

const sum = (ms: Money[]): bigint => ms.reduce((a, m) => a + m.units, 0n);

describe("properties", () => {
  it("grand total = Σ per-defendant totals = Σ rows, and every row lies in the statutory range", () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const t = compute(s);
        expect(t.totals.requested.units).toBe(sum(t.defendants.map((d) => d.requested)));
        expect(t.totals.requested.units).toBe(sum(t.rows.map((r) => r.requested)));
        expect(t.totals.profits.units).toBe(sum(t.defendants.map((d) => d.profits)));
        expect(t.totals.profits.units).toBe(sum(t.rows.flatMap((r) => (r.profits ? [r.profits] : []))));
        expect(t.totals.trebledProfits.units).toBe(3n * t.totals.profits.units);
        for (const d of t.defendants) {
          const rows = t.rows.filter((r) => r.defendantId === d.defendantId);
          expect(rows).toHaveLength(d.units);
          expect(d.units).toBe(s.defendants[d.defendantId].marks.length * s.defendants[d.defendantId].goods.length);
          expect(d.requested.units).toBe(sum(rows.map((r) => r.requested)));
          if (d.flatRequest) expect(d.requested.units).toBe(d.flatRequest.units);
          const cap = CAP[s.defendants[d.defendantId].basis];
          for (const r of rows) {
            expect(r.requested.units >= MIN[s.defendants[d.defendantId].basis] && r.requested.units <= cap).toBe(true);
            expect(r.requested.scale).toBe(2);
          }
        }
        for (const m of [t.totals.requested, t.totals.profits, t.totals.trebledProfits, t.totals.restrained]) expect(m.scale).toBe(2);
      }),
      { numRuns: 300 },
    );
  });

  it("the range check never lets an out-of-range amount through", () => {
    const outside = fc.record({
      basis: fc.constantFrom("c1" as const, "c2" as const),
      marks: subset(MARK_IDS),
      goods: subset(GOODS),
      flat: fc.boolean(),
      below: fc.boolean(),
      offset: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      victim: fc.nat(),
    });
    fc.assert(
      fc.property(outside, (g) => {
        const units = BigInt(g.marks.length * g.goods.length);
        const cap = CAP[g.basis];
        const min = MIN[g.basis];
        const [lo, hi] = g.flat ? [units * min, units * cap] : [min, cap];
        const bad = g.below ? (lo - g.offset < 0n ? 0n : lo - g.offset) : hi + g.offset;
        const pairs = g.marks.flatMap((m) => g.goods.map((goods) => ({ mark: m, goods })));
        const victim = g.victim % pairs.length;
        const request = g.flat
          ? { flat: amountText(bad, false) }
          : { perUnit: pairs.map((p, i) => ({ ...p, amount: amountText(i === victim ? bad : min, false) })) };
        const s = settings({ lux: { basis: g.basis, willful: g.basis === "c2", marks: g.marks, goods: g.goods, request } });
        const errs = problems(() => compute(s));
        expect(errs).toHaveLength(1);
        expect(errs[0].location.field).toBe(
          g.flat ? "damages.defendants.lux.request.flat" : `damages.defendants.lux.request.perUnit[${victim}].amount`,
        );
        expect(errs[0].message).toContain("defendant lux (Lux Outlet, Schedule A no. 2)");
      }),
      { numRuns: 300 },
    );
  });
});
