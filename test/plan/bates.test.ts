import { describe, expect, it } from "vitest";
import { assignBates, formatBates } from "../../src/plan/index.js";
import { InvalidInputError } from "../../src/util/errors.js";

describe("Bates numbering", () => {
  const s = { prefix: "VAL", start: 1, digits: 6 };

  it("pads to the configured width", () => {
    expect(formatBates(s, 1)).toBe("VAL000001");
    expect(formatBates({ prefix: "SMITH-", start: 1, digits: 7 }, 4501)).toBe("SMITH-0004501");
  });

  it("assigns gapless consecutive ranges across exhibits", () => {
    const ranges = assignBates(s, [3, 1, 5]);
    expect(ranges.map((r) => [r.first, r.last])).toEqual([
      ["VAL000001", "VAL000003"],
      ["VAL000004", "VAL000004"],
      ["VAL000005", "VAL000009"],
    ]);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].firstNumber).toBe(ranges[i - 1].lastNumber + 1);
  });

  it("continues a production from a later start", () => {
    expect(assignBates({ ...s, start: 4501 }, [2])[0]).toMatchObject({ first: "VAL004501", last: "VAL004502" });
  });

  it("refuses a number wider than the configured digits, naming the setting", () => {
    expect(() => assignBates({ prefix: "X", start: 9998, digits: 4 }, [5])).toThrow(InvalidInputError);
    expect(() => formatBates({ prefix: "X", start: 1, digits: 4 }, 10000)).toThrow(/bates\.digits/);
  });

  it("refuses an exhibit without pages", () => {
    expect(() => assignBates(s, [2, 0])).toThrow(RangeError);
  });
});
