/**
 * The fixture case as real cases are modelled (issue 15): a case-wide message log naming two defendants, two test
 * buys picked out of one order-history export, a cover sheet long enough to continue on a second page, a mark
 * claimed at common law, and a listing reached through the link a seller sent in a DM. Read from the run's shared
 * build of the fixture.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest.js";
import { runCheck, runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");
const tree = () => join(shared.bundleDir, "public");
const manifest = (): Manifest => JSON.parse(readFileSync(join(tree(), "manifest.json"), "utf8"));
const exhibitFile = (label: string) => join(tree(), manifest().exhibits.find((e) => e.label === label)!.file.path);
const text = (pdf: string, first?: number, last?: number) =>
  execFileSync("pdftotext", [...(first ? ["-f", String(first), "-l", String(last ?? first)] : []), "-enc", "UTF-8", pdf, "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, " ");
const exhibitOf = (title: RegExp) => manifest().exhibits.find((e) => title.test(e.title))!;

describe("the fixture's case modelling", () => {
  it("lists a case-wide message log that names two defendants under the first, cross-referenced from the second", () => {
    const log = exhibitOf(/coordinating the test purchases/);
    expect(log.defendantId).toBe("kpg");
    expect(log.sources.map((s) => s.path)).toEqual(["evidence/01-test-buy-coordination.csv"]);
    const cover = text(exhibitFile(log.label), 1);
    expect(cover).toContain("Defendant: Kestrel Pan Group, LLC");
    expect(cover).toContain("Also concerns: Studline Outlet");
    // Schedule A cites no evidence; the damages table cross-references the exhibit from the second defendant.
    const damages = readFileSync(join(tree(), "appendices/damages.csv"), "utf8");
    const studline = damages.split(/\r?\n/).find((l) => l.startsWith("defendant total,2,studline,"))!;
    expect(studline).toContain(`see also Ex. ${log.label}`);
    const index = readFileSync(join(tree(), "appendices/exhibit-index.csv"), "utf8");
    expect(index).toContain("Kestrel Pan Group, LLC; also Studline Outlet");
  });

  it("makes two exhibits of two test buys picked from one export, each showing the export's SHA-256 and only its order", () => {
    const first = exhibitOf(/^Test purchase shipped to Chicago/);
    const second = exhibitOf(/^Second test purchase/);
    const csv = "evidence/kpg/03-test-buy/Retail.OrderHistory.1.csv";
    const digest = first.sources.find((s) => s.path === csv)!.sha256;
    expect(second.sources).toEqual([expect.objectContaining({ path: csv, sha256: digest })]);
    const [a, b] = [text(exhibitFile(first.label)), text(exhibitFile(second.label))];
    for (const t of [a, b]) expect(t.replace(/\s/g, "")).toContain(digest.slice(7));
    expect(a).toContain("114-7730215-6620491");
    expect(a).not.toContain("114-9051882-3370214");
    expect(b).toContain("114-9051882-3370214");
    expect(b).not.toContain("114-7730215-6620491");
    // The export is one input of the build, however many exhibits are made from it.
    expect(manifest().inputs.filter((f) => f.path === csv)).toHaveLength(1);
  });

  it("continues a long cover sheet on a second page, numbered and Bates-stamped, instead of refusing it", () => {
    // The test buy's cover: five originals, each with its hash and what its pages are, do not fit one page.
    const product = exhibitOf(/^Test purchase shipped to Chicago/);
    const file = exhibitFile(product.label);
    expect(text(file, 1)).toContain(`page 1 of ${product.pages}`);
    const second = text(file, 2);
    expect(second).toContain(`Exhibit ${product.label} · page 2 of ${product.pages}`);
    expect(second).toContain("(continued)");
    expect(second).toContain("Pages that follow");
    const bates = Number(product.bates.first.replace(/\D/g, "")) + 1;
    expect(second).toContain(`VAL${String(bates).padStart(6, "0")}`);
  });

  it("names a mark claimed at common law as such in the declaration, and a listing's hidden link on its cover", () => {
    // The investigator states what the page displays, in the exhibit's paragraph; covers carry the record, not claims.
    const declaration = text(join(tree(), "appendices/declaration.pdf")).replace(/ Page \d+ of \d+/g, "");
    const paragraph = declaration.slice(declaration.indexOf(`Exhibit ${exhibitOf(/Website product page/).label} – Doe 2`));
    expect(paragraph.slice(0, 900)).toContain("Pyramid-stud design (trade dress) (common-law mark)");
    const listing = text(exhibitFile(exhibitOf(/^Amazon listing by KPG/).label), 1);
    expect(listing).toContain("Reached via a link sent in a direct message: https://www.amazon.com/dp/B0FAKE1234?ref=kpg_ig_dm&th=1");
    expect(listing).toContain("message M00003");
    expect(listing).toMatch(/as typed in 01-?amazon-listing\.png\.meta\.yaml/); // a person's statement, and the cover says so
  });

  it("builds, checks and verifies: every exhibit of the plan written, check without errors, verify passing", async () => {
    expect(readdirSync(join(tree(), "exhibits"))).toHaveLength(manifest().exhibits.length);
    expect(manifest().exhibits.map((e) => e.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect((await runCheck(shared.caseDir)).code).toBe(0);
    const verified = await runVerify(shared.bundleDir);
    expect(verified.code, verified.stdout).toBe(0);
  });
});
