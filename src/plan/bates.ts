/** Bates numbers: prefix + zero-padded counter, one per page, gapless across the whole bundle. */
import type { BatesSettings } from "../model/case.js";
import type { BatesRange } from "../model/exhibit.js";
import { InvalidInputError } from "../util/errors.js";

export function formatBates(settings: BatesSettings, n: number): string {
  const digits = String(n);
  if (digits.length > settings.digits) {
    throw new InvalidInputError(
      { file: "case.yaml", field: "bates.digits" },
      `Bates number ${n} needs ${digits.length} digits but bates.digits is ${settings.digits}; raise bates.digits`,
    );
  }
  return settings.prefix + digits.padStart(settings.digits, "0");
}

/** Assign consecutive ranges to exhibits of the given page counts, starting at settings.start. */
export function assignBates(settings: BatesSettings, pageCounts: number[]): BatesRange[] {
  let next = settings.start;
  return pageCounts.map((pages) => {
    if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`an exhibit has at least one page, got ${pages}`);
    const firstNumber = next;
    const lastNumber = next + pages - 1;
    next = lastNumber + 1;
    return { first: formatBates(settings, firstNumber), last: formatBates(settings, lastNumber), firstNumber, lastNumber };
  });
}
