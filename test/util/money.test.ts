import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Money } from "../../src/model/money.js";
import { ExhibitsError } from "../../src/util/errors.js";
import {
  addMoney,
  compareMoney,
  CurrencyMismatchError,
  formatMoney,
  isMoneySentinel,
  minorUnits,
  money,
  MoneyFormatError,
  moneyToDecimalString,
  mulMoney,
  negate,
  parseMoney,
  rescale,
  roundHalfUp,
  subtractMoney,
  sumMoney,
  zeroMoney,
} from "../../src/util/money.js";

const usd = (units: bigint, scale = 2): Money => ({ currency: "USD", units, scale });
const eur = (units: bigint, scale = 2): Money => ({ currency: "EUR", units, scale });

describe("parseMoney", () => {
  it.each([
    ["1,250.00", usd(125000n)],
    ["-23,00", usd(-2300n)],
    ["1.250,00", usd(125000n)],
    ["$1,110.03", usd(111003n)],
    ["'-0.68'", usd(-68n)],
    ["(12.00)", usd(-1200n)],
    ["  42.5  ", usd(4250n)],
    ["84", usd(8400n)],
    ["0.835", usd(835n, 3)],
    ["-$5.00", usd(-500n)],
    ["$-5.00", usd(-500n)],
    ["5.00-", usd(-500n)],
    ["−7.10", usd(-710n)],
    ["+3", usd(300n)],
    ["USD 1,250.00", usd(125000n)],
    ["1250.00 USD", usd(125000n)],
    ["US$19.99", usd(1999n)],
    ["1,250,000", usd(125000000n)],
    ["1 250,00", usd(125000n)],
    ["1\u00a0250,00", usd(125000n)],
    [".68", usd(68n)],
    ["0,500", usd(500n, 3)],
    ['"19.99"', usd(1999n)],
    ["'19.99", usd(1999n)],
  ])("reads %j exactly", (text, expected) => {
    expect(parseMoney(text, "USD")).toEqual(expected);
  });

  it("reads euro forms", () => {
    expect(parseMoney("€12,50", "EUR")).toEqual(eur(1250n));
    expect(parseMoney("12,50 €", "eur")).toEqual(eur(1250n));
    expect(parseMoney("-1.234,56", "EUR")).toEqual(eur(-123456n));
  });

  it("uses the currency's minor units", () => {
    expect(parseMoney("500", "JPY")).toEqual({ currency: "JPY", units: 500n, scale: 0 });
    expect(parseMoney("¥1,500", "JPY")).toEqual({ currency: "JPY", units: 1500n, scale: 0 });
    // Kuwaiti dinar has three decimals, so a lone "." before three digits is the decimal mark.
    expect(parseMoney("1.250", "KWD")).toEqual({ currency: "KWD", units: 1250n, scale: 3 });
    expect(parseMoney("1.250", "USD")).toEqual(usd(125000n));
    expect(minorUnits("USD")).toBe(2);
  });

  it("follows a decimal-separator hint for a file", () => {
    expect(parseMoney("1,250", "EUR", { decimalSeparator: "," })).toEqual(eur(1250n, 3));
    expect(parseMoney("1.250", "EUR", { decimalSeparator: "," })).toEqual(eur(125000n));
    expect(parseMoney("-23,00", "EUR", { decimalSeparator: "," })).toEqual(eur(-2300n));
  });

  it.each(["Not Available", "Not Applicable", "", "   ", "N/A", "n/a", "-", "--", "—", "'Not Available'"])(
    "returns undefined for the sentinel %j",
    (text) => {
      expect(parseMoney(text, "USD")).toBeUndefined();
    },
  );

  it.each([
    ["abc", "is not an amount"],
    ["12.34.56", "three digits"],
    ["1,234.5.6", "decimal mark appears twice"],
    ["1,2,3", "three digits"],
    ["12.", "digits must follow"],
    ["1e5", "unexpected character 'e'"],
    ["€5", "does not stand for USD"],
    ["EUR 5", "marked EUR, but the currency is USD"],
    ["--5", "more than one sign"],
    ["(-5)", "more than one sign"],
    ["$", "no digits"],
    ["1 250.000,00", "mixed digit-grouping marks"],
    ["0.1234567890123", "more than 12 decimals"],
  ])("rejects %j", (text, message) => {
    expect(() => parseMoney(text, "USD")).toThrow(MoneyFormatError);
    expect(() => parseMoney(text, "USD")).toThrow(message);
  });

  it("rejects a currency that is not an ISO code, as a user error", () => {
    expect(() => parseMoney("1", "dollars")).toThrow(MoneyFormatError);
    expect(new MoneyFormatError("x", "y")).toBeInstanceOf(ExhibitsError);
  });

  it("knows its sentinels", () => {
    expect(isMoneySentinel(" Not Applicable ")).toBe(true);
    expect(isMoneySentinel("0")).toBe(false);
  });
});

describe("money arithmetic", () => {
  it("multiplies exactly: 3 × $19.99 = $59.97", () => {
    const m = mulMoney(parseMoney("19.99", "USD")!, 3);
    expect(m).toEqual(usd(5997n));
    expect(formatMoney(m)).toBe("$59.97");
    expect(mulMoney(usd(1999n), 3n)).toEqual(usd(5997n));
  });

  it("adds where floats fail: 0.10 + 0.20 = 0.30", () => {
    expect(moneyToDecimalString(addMoney(parseMoney("0.10", "USD")!, parseMoney("0.20", "USD")!))).toBe("0.30");
  });

  it("adds across scales to the larger scale", () => {
    expect(addMoney(usd(150n, 2), usd(5n, 3))).toEqual(usd(1505n, 3));
    expect(subtractMoney(usd(100n), usd(1n, 3))).toEqual(usd(999n, 3));
  });

  it("sums, with zero for an empty list", () => {
    expect(sumMoney([], "usd")).toEqual(usd(0n));
    expect(sumMoney([usd(1999n), usd(2450n), usd(-68n)], "USD")).toEqual(usd(4381n));
    expect(zeroMoney("JPY")).toEqual({ currency: "JPY", units: 0n, scale: 0 });
  });

  it("refuses to mix currencies", () => {
    expect(() => addMoney(usd(1n), eur(1n))).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([usd(1n)], "EUR")).toThrow(CurrencyMismatchError);
    expect(() => compareMoney(usd(1n), eur(1n))).toThrow(CurrencyMismatchError);
  });

  it("multiplies only by whole quantities", () => {
    expect(() => mulMoney(usd(1n), 1.5)).toThrow(RangeError);
    expect(() => mulMoney(usd(1n), Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it("compares by value, not by representation", () => {
    expect(compareMoney(usd(150n, 2), usd(1500n, 3))).toBe(0);
    expect(compareMoney(usd(-1n), usd(0n))).toBe(-1);
    expect(compareMoney(usd(1n, 0), usd(99n))).toBe(1);
    expect(negate(usd(5n))).toEqual(usd(-5n));
  });

  it("rescales exactly or not at all", () => {
    expect(rescale(usd(1250n), 4)).toEqual(usd(125000n, 4));
    expect(rescale(usd(125000n, 4), 2)).toEqual(usd(1250n));
    expect(() => rescale(usd(835n, 3), 2)).toThrow("would lose digits");
  });

  it("rounds half away from zero", () => {
    expect(roundHalfUp(usd(125n, 3), 2)).toEqual(usd(13n));
    expect(roundHalfUp(usd(-125n, 3), 2)).toEqual(usd(-13n));
    expect(roundHalfUp(usd(124n, 3), 2)).toEqual(usd(12n));
    expect(roundHalfUp(usd(-124n, 3), 2)).toEqual(usd(-12n));
    expect(roundHalfUp(usd(5n, 1), 0)).toEqual(usd(1n, 0));
    expect(roundHalfUp(usd(1n), 4)).toEqual(usd(100n, 4));
  });

  it("builds values with a checked currency and scale", () => {
    expect(money("usd", 1999n, 2)).toEqual(usd(1999n));
    expect(() => money("USD", 1n, -1)).toThrow(RangeError);
  });
});

describe("formatting", () => {
  it.each([
    [usd(125000n), "$1,250.00"],
    [eur(1250n), "€12.50"],
    [{ currency: "GBP", units: 300n, scale: 2 }, "£3.00"],
    [{ currency: "JPY", units: 1500n, scale: 0 }, "¥1,500"],
    [{ currency: "CAD", units: 125000n, scale: 2 }, "CAD 1,250.00"],
    [usd(-500n), "-$5.00"],
    [{ currency: "CAD", units: -500n, scale: 2 }, "-CAD 5.00"],
    [usd(835n, 3), "$0.835"],
    [usd(7n, 0), "$7.00"],
    [usd(123456789012n), "$1,234,567,890.12"],
  ] as [Money, string][])("formats %o as %s", (m, text) => {
    expect(formatMoney(m)).toBe(text);
  });

  it("writes plain decimals", () => {
    expect(moneyToDecimalString(usd(-68n))).toBe("-0.68");
    expect(moneyToDecimalString(usd(5n, 0))).toBe("5");
    expect(moneyToDecimalString(usd(5n, 3))).toBe("0.005");
  });
});

describe("properties", () => {
  const amount = fc.record({ units: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), scale: fc.integer({ min: 0, max: 6 }) });

  it("plain decimal text reads back to the same value", () => {
    fc.assert(
      fc.property(amount, ({ units, scale }) => {
        const m = usd(units, scale);
        const back = parseMoney(moneyToDecimalString(m), "USD")!;
        expect(compareMoney(back, m)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it("formatted text reads back to the same value", () => {
    fc.assert(
      fc.property(amount, fc.constantFrom("USD", "EUR", "GBP", "CAD"), ({ units, scale }, currency) => {
        const m = { currency, units, scale };
        expect(compareMoney(parseMoney(formatMoney(m), currency)!, m)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it("addition is exact, commutative and associative; multiplication is repeated addition", () => {
    fc.assert(
      fc.property(amount, amount, amount, fc.integer({ min: 0, max: 50 }), (a, b, c, q) => {
        const [x, y, z] = [usd(a.units, a.scale), usd(b.units, b.scale), usd(c.units, c.scale)];
        expect(compareMoney(addMoney(x, y), addMoney(y, x))).toBe(0);
        expect(compareMoney(addMoney(addMoney(x, y), z), addMoney(x, addMoney(y, z)))).toBe(0);
        expect(
          compareMoney(
            mulMoney(x, q),
            sumMoney(
              Array.from({ length: q }, () => x),
              "USD",
            ),
          ),
        ).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("roundHalfUp is within half a unit and symmetric", () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 6 }), ({ units, scale }, to) => {
        const m = usd(units, scale);
        const r = roundHalfUp(m, to);
        expect(r.scale).toBe(to);
        expect(roundHalfUp(negate(m), to)).toEqual(negate(r));
        if (to < scale) {
          // |m − r| ≤ half of the last kept digit, with ties going away from zero.
          const diff = addMoney(m, negate(r));
          const half = usd(5n, to + 1);
          expect(compareMoney(diff.units < 0n ? negate(diff) : diff, half)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("arbitrary text gives an amount, undefined, or MoneyFormatError: nothing else", () => {
    const chars = fc.constantFrom(..."0123456789.,-+()$€£¥' \u00a0\u202fUSDEURkrNot Available\"−".split(""));
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: chars, maxLength: 20 }));
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("USD", "EUR", "JPY", "KWD", "x"),
        fc.constantFrom(undefined, "." as const, "," as const),
        (t, currency, decimalSeparator) => {
          try {
            const m = parseMoney(t, currency, { decimalSeparator });
            if (m) {
              expect(typeof m.units).toBe("bigint");
              expect(m.scale).toBeGreaterThanOrEqual(minorUnits(m.currency));
            }
          } catch (e) {
            expect(e).toBeInstanceOf(MoneyFormatError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
