/**
 * The page labels a PDF viewer shows for each page (the catalog's /PageLabels number tree, ISO 32000 §12.4.2): this
 * tool writes each page's Bates number as its label, and verify reads them back to compare with the manifest's ranges.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFHexString, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";

/**
 * A label as this tool writes it: a literal string when every character is printable ASCII (as Bates numbers are),
 * else UTF-16 (a slip sheet's "VAL000001–VAL000009": its en dash is outside PDFDocEncoding, where it would come back
 * as U+0013).
 */
export function labelObject(label: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(label) ? PDFString.of(label) : PDFHexString.fromText(label);
}

/** The label as releases before this one wrote it (a literal string whatever its characters), as a reader gets it back. */
export function labelAsWrittenBefore(label: string): string {
  return PDFString.of(label).decodeText();
}

/** Each page's label, or undefined when the file has no /PageLabels. */
export function pageLabels(doc: PDFDocument): string[] | undefined {
  const root = doc.catalog.lookupMaybe(PDFName.of("PageLabels"), PDFDict);
  if (!root) return undefined;
  const ranges: { start: number; dict: PDFDict }[] = [];
  const walk = (node: PDFDict, depth: number) => {
    if (depth > 20) return;
    const nums = node.lookupMaybe(PDFName.of("Nums"), PDFArray);
    for (let k = 0; nums && k + 1 < nums.size(); k += 2) {
      const start = nums.lookup(k);
      const dict = nums.lookup(k + 1);
      if (start instanceof PDFNumber && dict instanceof PDFDict) ranges.push({ start: start.asNumber(), dict });
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let k = 0; kids && k < kids.size(); k++) {
      const kid = kids.lookup(k);
      if (kid instanceof PDFDict) walk(kid, depth + 1);
    }
  };
  walk(root, 0);
  ranges.sort((a, b) => a.start - b.start);
  const labels: string[] = [];
  let r = -1;
  for (let i = 0; i < doc.getPageCount(); i++) {
    while (r + 1 < ranges.length && ranges[r + 1]!.start <= i) r++;
    const range = ranges[r];
    if (!range) {
      labels.push(String(i + 1)); // no range covers the page: a viewer shows its page number
      continue;
    }
    const prefix = text(range.dict.lookup(PDFName.of("P"))) ?? "";
    const style = range.dict.lookup(PDFName.of("S"));
    const first = range.dict.lookup(PDFName.of("St"));
    const n = (first instanceof PDFNumber ? first.asNumber() : 1) + i - range.start;
    labels.push(prefix + (style instanceof PDFName ? numbered(style.decodeText(), n) : ""));
  }
  return labels;
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

function numbered(style: string, n: number): string {
  if (style === "D") return String(n);
  if (style === "R" || style === "r") {
    const roman = romanNumeral(n);
    return style === "R" ? roman : roman.toLowerCase();
  }
  if (style === "A" || style === "a") {
    const letter = String.fromCharCode(65 + ((n - 1) % 26));
    const s = letter.repeat(Math.floor((n - 1) / 26) + 1);
    return style === "A" ? s : s.toLowerCase();
  }
  return "";
}

function romanNumeral(n: number): string {
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let rest = Math.max(0, Math.min(n, 100_000));
  for (const [v, s] of table)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}
