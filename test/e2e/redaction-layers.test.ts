/**
 * Redaction holds in every layer. The fixture seeds the investigator's street address, phone number, card number, SSN
 * and birth date into a chat, an e-mail (plain and HTML parts), an order export, a carried-in receipt PDF, a checkout
 * screenshot (read by OCR) and a photo of a shipping label and packing slip (OCR). None of them is in any layer of the
 * public twin — page text, metadata, bookmarks, attachments (decoded), file names, tables — nor in its pixels (the public
 * pages that show one in the sealed twin are read again by OCR); each is in the sealed twin.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sharedBuild } from "../helpers/shared-builds.js";
import { folded, hasDigits, treeLayers, type Layer } from "../helpers/tree-layers.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");

const NUMBERS = { phone: "(312) 555-0147", card: "4532 7153 0446 4417", ssn: "523-41-7780", "birth date": "04/12/1987" };
const STREET = "2735 N Halvorsen St";

/** The seeded values a layer holds. */
function seeded(text: string): string[] {
  const found = Object.entries(NUMBERS).flatMap(([name, v]) => (hasDigits(text, v) ? [name] : []));
  return folded(text).includes(folded(STREET)) ? [...found, "street address"] : found;
}

const read = new Map<string, Layer[]>();
/** Every layer of one twin's tree, read once for the file's tests. */
function layersOf(twin: "public" | "sealed"): Layer[] {
  if (!read.has(twin)) read.set(twin, treeLayers(join(shared.bundleDir, twin)));
  return read.get(twin)!;
}

const leaksIn = (layers: Layer[]) => layers.flatMap((l) => seeded(l.text).map((v) => `${v}: ${l.file}, ${l.where}`));

describe("redaction in every layer of the fixture", () => {
  it("leaves no seeded value in any layer of the public twin", { timeout: 600_000 }, () => {
    expect(leaksIn(layersOf("public"))).toEqual([]);
  });

  it("keeps every seeded value in the sealed twin, in the chat, the e-mail, the order, the receipt, the screenshot and the photo", {
    timeout: 600_000,
  }, () => {
    const sealed = layersOf("sealed").filter((l) => l.file.startsWith("exhibits/"));
    const pages = (exhibit: string) => sealed.filter((l) => l.file.startsWith(`exhibits/${exhibit}`) && l.where.startsWith("page"));
    const all = ["phone", "card", "ssn", "birth date", "street address"];
    const texts = (ls: Layer[]) => ls.map((l) => l.text).join("\n\f");
    expect(seeded(texts(pages("002"))).sort()).toEqual([...all].sort()); // the chat
    const testBuy = pages("005").map((l) => seeded(l.text).sort());
    // The order export, the e-mail, the receipt PDF and the photo: four pages of exhibit 5 each hold every value.
    expect(testBuy.filter((v) => v.length === all.length).length).toBeGreaterThanOrEqual(4);
    expect(seeded(texts(pages("009"))).sort()).toEqual(["birth date", "card", "phone", "ssn", "street address"]); // the screenshot
  });

  it("attaches no sidecar (.meta.yaml) to any exhibit or bundle of either twin, nor keeps one among the natives", () => {
    for (const twin of ["public", "sealed"] as const) {
      const names = layersOf(twin).filter((l) => l.where === "attachment names");
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((l) => l.text.includes(".meta.yaml")).map((l) => l.file)).toEqual([]);
      // N.D. Ill. takes no embedded files: the natives are kept beside the exhibits, in natives/.
      const natives = layersOf(twin).filter((l) => l.where === "file name" && l.file.startsWith("natives/"));
      expect(natives.length).toBeGreaterThan(0);
      expect(natives.filter((l) => l.file.endsWith(".meta.yaml")).map((l) => l.file)).toEqual([]);
    }
  });

  it("leaves none in the pixels of the public pages that show one in the sealed twin (read again by OCR)", { timeout: 600_000 }, () => {
    const sealed = layersOf("sealed").filter((l) => l.file.startsWith("exhibits/") && l.where.startsWith("page"));
    const shown = sealed.filter((l) => seeded(l.text).length > 0 && !l.file.includes("»"));
    const leaks: string[] = [];
    for (const l of shown) {
      const page = l.where.replace("page ", "");
      const file = join(shared.bundleDir, "public", l.file);
      const images = execFileSync("pdfimages", ["-list", "-f", page, "-l", page, file], { encoding: "utf8" }).trim().split("\n").length - 2;
      if (images === 0) continue; // a page of text: its text layer is what it shows, checked above
      const png = execFileSync("pdftoppm", ["-png", "-r", "150", "-f", page, "-l", page, "-singlefile", file]);
      const text = execFileSync("tesseract", ["stdin", "stdout", "--psm", "3"], {
        input: png,
        encoding: "utf8",
        env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      });
      leaks.push(...seeded(text).map((v) => `${v}: ${l.file}, ${l.where} (pixels)`));
    }
    expect(shown.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});

describe("addresses that narrow and addresses that are public", () => {
  it("keeps a ZIP+4's last four digits out of every layer of the public twin, and the five-digit ZIP in", () => {
    const plus4 = (ls: Layer[]) => ls.filter((l) => /60614\s*-\s*3318/.test(l.text)).map((l) => `${l.file}, ${l.where}`);
    expect(plus4(layersOf("public"))).toEqual([]);
    expect(plus4(layersOf("sealed")).length).toBeGreaterThan(0);
    expect(layersOf("public").some((l) => l.file.startsWith("exhibits/005") && /CHICAGO, IL, 60614\b/.test(l.text))).toBe(true);
  });

  it("leaves the seller's own published business address on its storefront (case.yaml defendants[].address)", () => {
    const storefront = layersOf("public").filter((l) => l.file.startsWith("exhibits/004") && l.where.startsWith("page"));
    expect(storefront.some((l) => /77 Mingzhi Road/.test(l.text))).toBe(true);
  });
});

describe("verify --leaks on the fixture's own bundle", () => {
  it("passes: counsel's office address and table headings such as 'Unit price' are no leaks", () => {
    const r = runCli(["verify", shared.bundleDir, "--leaks", "--case", shared.caseDir]);
    expect(r.stdout).not.toMatch(/FAIL\s+leaks/);
    expect(r.code, r.stdout).toBe(0);
  }, 600_000);
});
