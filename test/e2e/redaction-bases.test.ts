/**
 * Bases and Bates pages on the fixture case, end to end: every row of the redaction log names a Bates page within its
 * exhibit's range on which the public copy shows the redaction, and a basis (5.2(a)'s paragraph, or the blank for
 * counsel where case.yaml names none — never "5.2" for a street address); no redacted spot of a public page shows
 * "5.2" or a rule's name; the 5.2(g) reference list exists in the sealed twin only, numbered as the log, without the
 * removed text.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest.js";
import { BASIS_FOR_COUNSEL } from "../../src/model/redaction.js";
import { parseCsv } from "../../src/util/csv.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");
let pub: string;
let sealed: string;
let manifest: Manifest;
let log: Record<string, string>[];

const rows = (text: string) => {
  const { header, rows: body } = parseCsv(text);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ""])));
};
const pageText = (file: string, page: number) =>
  execFileSync("pdftotext", ["-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
/** Every Bates number a log cell names ("VAL000017", or "VAL000017–VAL000018" for a span). */
const pagesOf = (cell: string) => {
  const [a, b = a] = cell.split("–");
  const n = (s: string) => Number(/\d+$/.exec(s)![0]);
  return Array.from({ length: n(b!) - n(a!) + 1 }, (_, i) => n(a!) + i);
};
const RULE_TEXT = /5\.2|Fed\. R|street[ -]address|financial[ -]account|ssn-tin|birth-date|minor-name|case-pattern|redacted\]/i;

beforeAll(() => {
  pub = join(shared.bundleDir, "public");
  sealed = join(shared.bundleDir, "sealed");
  manifest = JSON.parse(readFileSync(join(pub, "manifest.json"), "utf8")) as Manifest;
  log = rows(readFileSync(join(pub, "redaction-log.csv"), "utf8"));
});

describe("the redaction log of the fixture", () => {
  it("gives every redaction a Bates page within its exhibit's range, on which the public page shows it", () => {
    expect(log.length).toBeGreaterThanOrEqual(3);
    for (const r of log) {
      const e = manifest.exhibits.find((x) => x.label === r.exhibit);
      expect(e, JSON.stringify(r)).toBeDefined();
      const first = Number(/\d+$/.exec(e!.bates.first)![0]);
      const last = Number(/\d+$/.exec(e!.bates.last)![0]);
      const pages = pagesOf(r.bates!);
      expect(pages.length, JSON.stringify(r)).toBe(1); // the fixture's redactions are all found on their page
      expect(pages[0]! >= first && pages[0]! <= last, JSON.stringify(r)).toBe(true);
      // A redaction of rendered text shows its replacement on that page; one burned into pixels (an image's OCR words,
      // a capture's DOM text, a PDF page's text layer) shows nothing there to read.
      if (!["text", "email-header", "email-body"].includes(r.layer!)) continue;
      const text = pageText(join(pub, e!.file.path), pages[0]! - first + 1);
      expect(text, JSON.stringify(r)).toMatch(/\[REDACTED\]|XX/);
    }
  });

  it("gives every row a basis: 5.2(a)(4) for card numbers, case.yaml's for street lines (never 5.2)", () => {
    for (const r of log) expect(r.basis, JSON.stringify(r)).not.toBe("");
    const cards = log.filter((r) => r.rule === "financial-account");
    expect(cards.length).toBeGreaterThanOrEqual(5);
    for (const r of cards) expect(r.basis).toBe("Fed. R. Civ. P. 5.2(a)(4)");
    const streets = log.filter((r) => r.rule === "street-address");
    expect(streets.length).toBeGreaterThanOrEqual(2);
    for (const r of streets) expect(r.basis).toBe("Agreed Protective Order, Dkt. 24");
    expect(log.some((r) => r.basis === BASIS_FOR_COUNSEL)).toBe(false);
    expect(log.map((r) => r.layer)).not.toContain("");
  });

  it("never shows 5.2 or a rule's name on a redacted public page (covers aside, which state the log's bases)", () => {
    for (const r of log) {
      const e = manifest.exhibits.find((x) => x.label === r.exhibit)!;
      const first = Number(/\d+$/.exec(e.bates.first)![0]);
      for (const page of pagesOf(r.bates!)) {
        const text = pageText(join(pub, e.file.path), page - first + 1);
        expect(text.replace(/\[REDACTED\]/g, ""), `${e.file.path} page ${page - first + 1}`).not.toMatch(RULE_TEXT);
      }
    }
  });

  it("says on the cover of each redacted exhibit how many redactions, on which pages, under which bases", () => {
    // The chat (Exhibit 2): five redactions on one page, under the fixture's four bases.
    const rows2 = log.filter((r) => r.exhibit === "2");
    expect(rows2.length).toBe(5);
    const e = manifest.exhibits.find((x) => x.label === "2")!;
    const cover = pageText(join(pub, e.file.path), 1).replace(/\s+/g, " ");
    expect(cover).toContain(`Public copy: 5 redactions (on ${rows2[0]!.bates}, under `);
    const squeezed = cover.replace(/\s/g, ""); // a basis may wrap inside its parentheses ("5.2(a) (2)")
    for (const b of new Set(rows2.map((r) => r.basis!))) expect(squeezed).toContain(b.replace(/\s/g, ""));
    const sealedCover = pageText(join(sealed, e.file.path), 1).replace(/\s+/g, " ");
    expect(sealedCover).toContain(`the 5 redactions of the public copy are highlighted (on ${rows2[0]!.bates}, under `);
    expect(sealedCover).not.toMatch(/redacted under Fed\. R\. Civ\. P\. 5\.2/);
  });
});

describe("the reference list (Fed. R. Civ. P. 5.2(g))", () => {
  it("is written into the sealed twin only", () => {
    for (const ext of ["pdf", "csv"]) {
      expect(existsSync(join(sealed, `appendices/redaction-reference-list.${ext}`)), ext).toBe(true);
      expect(existsSync(join(pub, `appendices/redaction-reference-list.${ext}`)), ext).toBe(false);
    }
    const listed = (dir: string) => (JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest).outputs.map((o) => o.path);
    expect(listed(sealed)).toContain("appendices/redaction-reference-list.pdf");
    expect(listed(pub).some((p) => p.includes("reference-list"))).toBe(false);
  });

  it("lists every redaction of the log, numbered alike, with exhibit, Bates page, layer, rule and basis, never the text", () => {
    const list = rows(readFileSync(join(sealed, "appendices/redaction-reference-list.csv"), "utf8"));
    expect(list.map((r) => [r["No."], r.Exhibit, r["Bates page (public)"], r.Layer, r.Rule, r.Basis])).toEqual(
      log.map((r) => [r["no."], r.exhibit, r.bates, r.layer, r.rule, r.basis]),
    );
    const pdf = execFileSync("pdftotext", [join(sealed, "appendices/redaction-reference-list.pdf"), "-"], { encoding: "utf8" });
    expect(pdf).toContain("REFERENCE LIST OF REDACTED INFORMATION");
    expect(pdf).toContain("DRAFT FOR REVIEW BY COUNSEL");
    for (const r of log) expect(pdf).toContain(r.bates!);
    // The removed values (in the sealed exhibits, highlighted) are not repeated in the list.
    const sealedText = execFileSync(
      "pdftotext",
      [join(sealed, manifest.exhibits.find((x) => x.label === log.at(-1)!.exhibit)!.file.path), "-"],
      {
        encoding: "utf8",
      },
    );
    expect(sealedText).toMatch(/4532 7153 0446 4417|4111 1111 1111/);
    expect(pdf).not.toMatch(/4532|4111|Halvorsen|523-41|555-0147/);
  });
});
