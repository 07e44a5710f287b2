/** Exhibit labels: numbers (1, 2, …) or letters (A … Z, AA, AB … — bijective base 26), with a prefix. */
import type { LabelSettings } from "../model/case.js";

/** 1 → A, 26 → Z, 27 → AA, 702 → ZZ, 703 → AAA. */
export function lettersFor(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`letter labels start at 1, got ${n}`);
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The label of the exhibit at 0-based `index` in the bundle. */
export function labelFor(settings: LabelSettings, index: number): string {
  const n = settings.start + index;
  return settings.prefix + (settings.style === "letters" ? lettersFor(n) : String(n));
}

/** The label as an exhibit's file name begins with it: numbers zero-padded to the bundle's width (at least 3 digits). */
export function fileLabelFor(settings: LabelSettings, index: number, count: number): string {
  if (settings.style !== "numbers") return labelFor(settings, index);
  const width = Math.max(3, String(settings.start + count - 1).length);
  return settings.prefix + String(settings.start + index).padStart(width, "0");
}
