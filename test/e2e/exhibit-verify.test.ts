/**
 * Natives inside exhibits, and `verify <exhibit.pdf>` on one exhibit copied out of its bundle: it reports
 * its sources' hashes and passes alone; an altered attachment fails, naming it. The public twin withholds the
 * natives of redacted items (attaching them would undo the redaction) and says so.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { runVerify } from "../helpers/commands.js";
import { sharedBuild } from "../helpers/shared-builds.js";

const CASE = "valentino-v-kaitlyn-pan";
let caseDir: string;
let out: string;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
/** The exhibit file whose name holds `title` (the test buy, the DM…), or the n-th. */
const exhibit = (twin: string, which: number | string) => {
  const dir = join(out, CASE, twin, "exhibits");
  const names = readdirSync(dir).sort();
  return join(dir, typeof which === "number" ? names[which - 1]! : names.find((f) => f.includes(which))!);
};
/** The exhibit copied alone into an empty folder. */
function alone(twin: string, n: number | string): string {
  const dir = tempDir();
  const file = join(dir, "exhibit.pdf");
  copyFileSync(exhibit(twin, n), file);
  chmodSync(file, 0o644); // the shared build's files are read-only, and so would the copy be
  return file;
}

const shared = sharedBuild("valentino-v-kaitlyn-pan");
/** The test buy: order CSV, .eml, receipt PDF, two photos, their sidecars. */
const TEST_BUY = "Test purchase shipped to Chicago";
/** The Instagram DM thread (redacted: its natives are withheld from the public twin). */
const DM = "Instagram direct messages";

beforeAll(() => {
  // The run's shared build of the fixture (read only: exhibits are copied out before anything is done to them).
  caseDir = shared.caseDir;
  out = dirname(shared.bundleDir);
});

describe("natives inside exhibits", () => {
  it("attach every source and related file, byte for byte, named by its case path", () => {
    const file = exhibit("sealed", TEST_BUY); // the test buy: order CSV, .eml, receipt PDF, two photos (sidecars are never attached)
    const dir = tempDir();
    execFileSync("pdfdetach", ["-saveall", "-o", dir, file]);
    const names = readdirSync(dir).sort();
    expect(names).toContain("kpg_03-test-buy_order-confirmation.eml");
    expect(names).toContain("kpg_03-test-buy_04-received-shoe.jpg");
    expect(names.length).toBe(5);
    expect(names.filter((n) => n.endsWith(".meta.yaml"))).toEqual([]);
    for (const n of names)
      expect(sha(readFileSync(join(dir, n))), n).toBe(sha(readFileSync(join(caseDir, "evidence", n.replace(/_/g, "/")))));
  });

  it("carry the provenance record in the PDF metadata", async () => {
    const doc = await PDFDocument.load(readFileSync(exhibit("sealed", TEST_BUY)), { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
    const prov = JSON.parse((info.lookup(PDFName.of("ExhibitsProvenance")) as unknown as { decodeText(): string }).decodeText());
    expect(prov).toMatchObject({
      format: "exhibits-provenance/1",
      case: CASE,
      exhibit: "5",
      twin: "sealed",
      tool: expect.stringMatching(/^exhibits /),
    });
    expect(prov.sources).toContainEqual(
      expect.objectContaining({ path: "evidence/kpg/03-test-buy/order-confirmation.eml", attached: true }),
    );
  });

  it("withhold a redacted item's natives from the public twin, and keep them in the sealed twin", () => {
    expect(execFileSync("pdfdetach", ["-list", exhibit("public", DM)], { encoding: "utf8" })).toMatch(/^0 embedded files/);
    expect(execFileSync("pdfdetach", ["-list", exhibit("sealed", DM)], { encoding: "utf8" })).toMatch(/^3 embedded files/);
  });
});

describe("verify <exhibit.pdf>", () => {
  // verify() in-process; the last test runs `exhibits verify` as a process (its exit code and output on a non-PDF).
  it("alone in an empty folder: reports its sources' hashes and passes", async () => {
    const r = await runVerify(alone("sealed", TEST_BUY));
    expect(r.code, r.stdout).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, CASE, "sealed", "manifest.json"), "utf8"));
    // The sealed tree holds only what is filed under seal: the test buy is Exhibit 5 there too.
    const testBuy = manifest.exhibits.find((e: { label: string }) => e.label === "5");
    for (const s of testBuy.sources) expect(r.stdout).toContain(`${s.sha256.slice(7)}  ${s.path}`);
    expect(r.stdout).toMatch(/PASS {2}cover-sheet: .*5 source hashes found on page 1/);
    expect(r.stdout).toMatch(/All 9 checks passed/);
  });

  it("checks it against the bundle's manifest when given", async () => {
    const good = await runVerify(alone("public", "Amazon listing by KPG"), { manifest: join(out, CASE, "public", "manifest.json") });
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/PASS {2}manifest: .*matches exhibits\/003/);
    const wrongTwin = await runVerify(alone("public", TEST_BUY), { manifest: join(out, CASE, "sealed", "manifest.json") });
    expect(wrongTwin.code).toBe(4);
    expect(wrongTwin.stdout).toMatch(/FAIL {2}manifest/);
  });

  it("says which natives the public copy withholds, and passes", async () => {
    const r = await runVerify(alone("public", DM));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/0 attached, 4 withheld from this public copy/);
  });

  it("fails, naming the attachment, when one attached file is altered", async () => {
    const file = alone("sealed", TEST_BUY);
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const names = doc.catalog
      .lookup(PDFName.of("Names"), PDFDict)
      .lookup(PDFName.of("EmbeddedFiles"), PDFDict)
      .lookup(PDFName.of("Names"), PDFArray);
    const spec = names.lookup(1, PDFDict);
    const ef = spec.lookup(PDFName.of("EF"), PDFDict);
    const altered = doc.context.flateStream(Buffer.from("a different file\n"), { Type: "EmbeddedFile" });
    const ref = doc.context.register(altered);
    ef.set(PDFName.of("F"), ref);
    ef.set(PDFName.of("UF"), ref);
    writeFileSync(file, await doc.save({ useObjectStreams: false }));
    const r = await runVerify(file);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /FAIL {2}attachments-intact[\s\S]*kpg_03-test-buy_\S+: altered \(sha256 [0-9a-f]{64}, its file specification records [0-9a-f]{64}\)/,
    );
    expect(r.stdout).toMatch(/FAIL {2}attachments-complete/);
  });

  it("refuses a file that is not a PDF with a clear message", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.pdf"), "not a pdf");
    const r = runCli(["verify", join(dir, "x.pdf")]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL {2}pdf-readable[^\n]*\n\s+\S*x\.pdf: not a readable PDF/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
