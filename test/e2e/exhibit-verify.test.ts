/**
 * Natives of the fixture case (N.D. Ill.: CM/ECF takes no PDF with embedded files, so the natives are kept beside the
 * exhibits in natives/, listed in the manifest), and `verify <exhibit.pdf>` on one exhibit: in its bundle it checks the
 * natives from ../manifest.json and passes; copied out alone it fails, naming the manifest to give, and passes with it.
 * The public twin withholds the natives of redacted items (keeping them would undo the redaction) and says so.
 * (Attached natives, for a court that takes them, are tested in natives-court.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { filesUnder } from "../helpers/test-files.js";
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

describe("natives beside the exhibits (N.D. Ill.)", () => {
  it("no exhibit PDF of either twin, nor bundle.pdf, carries an embedded file", () => {
    for (const twin of ["public", "sealed"]) {
      const pdfs = [...readdirSync(join(out, CASE, twin, "exhibits")).map((f) => join(out, CASE, twin, "exhibits", f))];
      pdfs.push(join(out, CASE, twin, "bundle.pdf"));
      for (const f of pdfs) expect(execFileSync("pdfdetach", ["-list", f], { encoding: "utf8" }), f).toMatch(/^0 embedded files/);
    }
  });

  it("keep every source and related file beside its exhibit, byte for byte, named by its case path (no sidecar)", () => {
    const dir = join(out, CASE, "sealed", "natives", "005"); // the test buy: order CSV, .eml, receipt PDF, two photos
    const names = readdirSync(dir).sort();
    expect(names).toContain("kpg_03-test-buy_order-confirmation.eml");
    expect(names).toContain("kpg_03-test-buy_04-received-shoe.jpg");
    expect(names.length).toBe(5);
    expect(names.filter((n) => n.endsWith(".meta.yaml"))).toEqual([]);
    for (const n of names)
      expect(sha(readFileSync(join(dir, n))), n).toBe(sha(readFileSync(join(caseDir, "evidence", n.replace(/_/g, "/")))));
  });

  it("list every native in the manifest, under its exhibit and among the outputs, with the digest of its source", () => {
    for (const twin of ["public", "sealed"]) {
      const root = join(out, CASE, twin);
      const m = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
      const natives = m.exhibits.flatMap((e: { natives?: unknown[] }) => e.natives ?? []);
      expect(natives.map((n: { path: string }) => n.path).sort()).toEqual(filesUnder(root).filter((p) => p.startsWith("natives/")));
      for (const n of natives) {
        const bytes = readFileSync(join(root, n.path));
        expect(`sha256:${sha(bytes)}`, n.path).toBe(n.sha256);
        expect(`sha256:${sha(readFileSync(join(caseDir, n.source)))}`, n.source).toBe(n.sha256);
        expect(m.outputs).toContainEqual({ path: n.path, bytes: bytes.length, sha256: n.sha256 });
      }
    }
  });

  it("carry the provenance record in the PDF metadata, saying where each native is kept", async () => {
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
      expect.objectContaining({
        path: "evidence/kpg/03-test-buy/order-confirmation.eml",
        attached: false,
        native: "natives/005/kpg_03-test-buy_order-confirmation.eml",
      }),
    );
  });

  it("withhold a redacted item's natives from the public twin (none anywhere in it), and keep them in the sealed twin", async () => {
    expect(existsSync(join(out, CASE, "public", "natives", "007"))).toBe(false);
    expect(readdirSync(join(out, CASE, "sealed", "natives", "007")).length).toBe(3);
    // Every source a public exhibit's record says is withheld: no file of the public tree has its bytes.
    const pub = join(out, CASE, "public");
    const digests = new Set(filesUnder(pub).map((p) => `sha256:${sha(readFileSync(join(pub, p)))}`));
    let withheld = 0;
    for (const f of readdirSync(join(pub, "exhibits"))) {
      const doc = await PDFDocument.load(readFileSync(join(pub, "exhibits", f)), { updateMetadata: false });
      const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
      const prov = JSON.parse((info.lookup(PDFName.of("ExhibitsProvenance")) as unknown as { decodeText(): string }).decodeText());
      for (const src of prov.sources as { path: string; sha256: string; attached: boolean; native?: string }[]) {
        if (src.attached || src.native || src.path.endsWith(".meta.yaml")) continue;
        withheld++;
        expect(digests.has(src.sha256), `${f}: ${src.path}`).toBe(false);
      }
    }
    expect(withheld).toBeGreaterThanOrEqual(3);
  });
});

describe("verify <exhibit.pdf>", () => {
  // verify() in-process; the last test runs `exhibits verify` as a process (its exit code and output on a non-PDF).
  it("in its bundle: finds ../manifest.json, re-hashes its natives from the bundle, reports its sources' hashes and passes", async () => {
    const r = await runVerify(exhibit("sealed", TEST_BUY));
    expect(r.code, r.stdout).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, CASE, "sealed", "manifest.json"), "utf8"));
    // The sealed tree holds only what is filed under seal: the test buy is Exhibit 5 there too.
    const testBuy = manifest.exhibits.find((e: { label: string }) => e.label === "5");
    for (const s of testBuy.sources) expect(r.stdout).toContain(`${s.sha256.slice(7)}  ${s.path}`);
    expect(r.stdout).toMatch(/PASS {2}cover-sheet: .*5 source hashes found on page 1/);
    expect(r.stdout).toMatch(/PASS {2}natives: .*\(5 of 5 natives kept beside it \(natives\/005\/\) re-hashed/);
    expect(r.stdout).toMatch(/PASS {2}manifest: .*\(found beside the exhibit/);
    expect(r.stdout).toMatch(/All 10 checks passed/);
  });

  it("alone in an empty folder: fails the natives check (exit 4), naming the manifest to give; passes with it", async () => {
    const file = alone("sealed", TEST_BUY);
    const r = await runVerify(file);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /FAIL {2}natives: [^\n]*\n\s+not checked: 5 natives of this exhibit are kept beside it in its bundle \(natives\/005\/\)/,
    );
    expect(r.stdout).toContain("--manifest <bundle>/manifest.json");
    expect(r.stdout).toMatch(/1 of 10 checks failed/);
    const given = await runVerify(file, { manifest: join(out, CASE, "sealed", "manifest.json") });
    expect(given.code, given.stdout).toBe(0);
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
    expect(r.stdout).toMatch(/0 attached, 3 withheld from this public copy \(redacted; the sealed copy carries them\), 1 sidecar/);
    expect(r.stdout).toMatch(/PASS {2}natives: .*not applicable: no native of this exhibit is kept beside it/);
  });

  it("fails, naming the native, when one kept beside it is altered", async () => {
    const copy = join(tempDir(), "sealed");
    cpSync(join(out, CASE, "sealed"), copy, { recursive: true });
    chmodSync(join(copy, "natives", "005", "kpg_03-test-buy_04-received-shoe.jpg"), 0o644);
    writeFileSync(join(copy, "natives", "005", "kpg_03-test-buy_04-received-shoe.jpg"), "a different file\n");
    const r = await runVerify(join(copy, "exhibits", readdirSync(join(copy, "exhibits")).find((f) => f.includes(TEST_BUY))!));
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /FAIL {2}natives[\s\S]*natives\/005\/kpg_03-test-buy_04-received-shoe\.jpg: altered \(17 bytes, sha256 [0-9a-f]{64}/,
    );
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
