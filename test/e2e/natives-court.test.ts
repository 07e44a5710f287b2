/**
 * Natives by court profile. The same small case (a listing screenshot with its sidecar, and an order e-mail whose
 * SSN is redacted) built for `court: federal` attaches the originals to the exhibit PDFs, as before; built for
 * `court: nd-ill` (CM/ECF takes no PDF with embedded files) no PDF carries an embedded file, the natives are kept
 * beside the exhibits in natives/ and listed in the manifest with their SHA-256, the size limit no longer counts
 * them, the public twin holds no native of the redacted e-mail anywhere, and `verify <exhibit.pdf>` checks them from
 * the manifest — beside the exhibit or given — and fails when one is altered, or replaced and the manifest resealed.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { filesUnder, noisyPng, orderEmail } from "../helpers/test-files.js";
import { tempDir } from "../helpers/cli.js";
import { runBuild, runVerify } from "../helpers/commands.js";

const SSN = "123-45-6789";
const LISTING = "evidence/shop/01-listing.png";
const EMAIL = "evidence/shop/02-confirmation.eml";
const LIMIT_MB = 1;
let caseDir: string;
const built: Record<"federal" | "nd-ill", { tree: string; stderr: string }> = {} as never;

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const shaOf = (file: string) => sha(readFileSync(file));

const caseYaml = (court: string) =>
  `id: natives
caption: { court: United States District Court for the Northern District of Illinois,
  caseNumber: "1:26-cv-09996", plaintiffs: [Brand Co.], defendants: Shop, shortTitle: Brand v. Shop }
court: ${court}
timeZone: America/Chicago
bates: { prefix: NAT, start: 1, digits: 6 }
volumes: { maxMegabytes: ${LIMIT_MB} }
defendants: [{ id: shop, name: Shop Owner Store }]
`;

/** The PDF's own structure, uncompressed (qpdf --qdf), to look for embedded files and file attachment annotations. */
const qdf = (file: string) =>
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, "-"], { maxBuffer: 256 << 20 }).toString("latin1");

async function provenanceOf(file: string) {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
  return JSON.parse((info.lookup(PDFName.of("ExhibitsProvenance")) as unknown as { decodeText(): string }).decodeText()) as {
    sources: { path: string; sha256: string; attached: boolean; native?: string }[];
  };
}

const exhibitFile = (tree: string, n: string) => {
  const name = readdirSync(join(tree, "exhibits")).find((f) => f.startsWith(`${n} `));
  if (!name) throw new Error(`no exhibit ${n} in ${tree}`);
  return join(tree, "exhibits", name);
};

beforeAll(async () => {
  caseDir = join(tempDir(), "natives");
  mkdirSync(join(caseDir, "evidence/shop"), { recursive: true });
  writeFileSync(join(caseDir, LISTING), await noisyPng());
  writeFileSync(join(caseDir, `${LISTING}.meta.yaml`), 'title: Listing by Shop Owner Store\ncapturedAt: "2025-12-01T10:00:00Z"\n');
  writeFileSync(
    join(caseDir, EMAIL),
    orderEmail({ to: "Dana Whitlock <dana@example.net>", date: "Tue, 02 Dec 2025 18:00:00 +0000", ssn: SSN }),
  );
  for (const court of ["federal", "nd-ill"] as const) {
    writeFileSync(join(caseDir, "case.yaml"), caseYaml(court));
    const out = join(tempDir(), "out");
    const r = await runBuild({ caseDir, out });
    expect(r.code, r.stderr).toBe(0);
    built[court] = { tree: join(out, "natives"), stderr: r.stderr };
  }
}, 400_000);

describe("court: federal (CM/ECF takes embedded files)", () => {
  it("attaches the originals to the exhibit PDFs and keeps no natives/ folder", () => {
    const { tree } = built.federal;
    const listed = execFileSync("pdfdetach", ["-list", exhibitFile(join(tree, "public"), "001")], { encoding: "utf8" });
    expect(listed).toMatch(/^1 embedded files\n1: shop_01-listing\.png$/m);
    const dir = tempDir();
    execFileSync("pdfdetach", ["-saveall", "-o", dir, exhibitFile(join(tree, "public"), "001")]);
    expect(shaOf(join(dir, "shop_01-listing.png"))).toBe(shaOf(join(caseDir, LISTING)));
    // The sealed twin carries the e-mail the public twin withholds.
    expect(execFileSync("pdfdetach", ["-list", exhibitFile(join(tree, "sealed"), "002")], { encoding: "utf8" })).toMatch(
      /^1 embedded files\n1: shop_02-confirmation\.eml$/m,
    );
    for (const twin of ["public", "sealed"]) {
      expect(existsSync(join(tree, twin, "natives")), twin).toBe(false);
      const m = JSON.parse(readFileSync(join(tree, twin, "manifest.json"), "utf8"));
      for (const e of m.exhibits) expect(e.natives, `${twin} ${e.label}`).toBeUndefined();
    }
  });

  it("verify <exhibit.pdf> re-hashes the attachments, and fails naming one altered inside the PDF", async () => {
    const good = await runVerify(exhibitFile(join(built.federal.tree, "public"), "001"));
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/PASS {2}natives: .*not applicable: no native of this exhibit is kept beside it \(they are attached\)/);
    const file = join(tempDir(), "exhibit.pdf");
    const doc = await PDFDocument.load(readFileSync(exhibitFile(join(built.federal.tree, "public"), "001")), { updateMetadata: false });
    const names = doc.catalog
      .lookup(PDFName.of("Names"), PDFDict)
      .lookup(PDFName.of("EmbeddedFiles"), PDFDict)
      .lookup(PDFName.of("Names"), PDFArray);
    const ef = names.lookup(1, PDFDict).lookup(PDFName.of("EF"), PDFDict);
    const ref = doc.context.register(doc.context.flateStream(Buffer.from("a different file\n"), { Type: "EmbeddedFile" }));
    ef.set(PDFName.of("F"), ref);
    ef.set(PDFName.of("UF"), ref);
    writeFileSync(file, await doc.save({ useObjectStreams: false }));
    const r = await runVerify(file);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /FAIL {2}attachments-intact[\s\S]*shop_01-listing\.png: altered \(sha256 [0-9a-f]{64}, its file specification records [0-9a-f]{64}\)/,
    );
    expect(r.stdout).toMatch(/FAIL {2}attachments-complete/);
  });

  it("counts the attached original toward the size limit", () => {
    expect(built.federal.stderr).toMatch(/WARNING: Exhibit 1 is about [\d.]+ MB, over the 1 MB limit: .*its pages and attached original/);
  });
});

describe("court: nd-ill (CM/ECF rejects PDFs with embedded files)", () => {
  it("writes no PDF with an embedded file or a file attachment annotation, in either twin", () => {
    const { tree } = built["nd-ill"];
    const pdfs = filesUnder(tree).filter((p) => p.endsWith(".pdf"));
    expect(pdfs.filter((p) => p.includes("/exhibits/")).length).toBe(3); // two public exhibits, one sealed
    for (const p of pdfs) {
      expect(execFileSync("pdfdetach", ["-list", join(tree, p)], { encoding: "utf8" }), p).toMatch(/^0 embedded files/);
      const body = qdf(join(tree, p));
      // (A link's file specification, in the index's links to the exhibits, embeds nothing: only /EF would.)
      for (const key of [/\/EmbeddedFiles?\b/, /\/FileAttachment\b/, /\/EF\s*<</]) expect(key.test(body), `${p} ${key}`).toBe(false);
    }
  });

  it("keeps each native beside its exhibit, byte for byte, listed in the manifest with its size and SHA-256", () => {
    const { tree } = built["nd-ill"];
    const expected = {
      public: [["natives/001/shop_01-listing.png", LISTING]],
      sealed: [["natives/002/shop_02-confirmation.eml", EMAIL]],
    };
    for (const twin of ["public", "sealed"] as const) {
      const root = join(tree, twin);
      expect(filesUnder(root).filter((p) => p.startsWith("natives/"))).toEqual(expected[twin].map(([p]) => p));
      const m = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
      for (const [path, source] of expected[twin]) {
        const digest = `sha256:${shaOf(join(caseDir, source!))}`;
        expect(`sha256:${shaOf(join(root, path!))}`).toBe(digest);
        const bytes = statSync(join(root, path!)).size;
        expect(m.outputs).toContainEqual({ path, bytes, sha256: digest });
        const entry = m.exhibits.find((e: { natives?: { path: string }[] }) => e.natives?.some((n) => n.path === path));
        expect(entry.natives).toEqual([{ path, bytes, sha256: digest, source }]);
      }
    }
  });

  it("says in the provenance record where each native is kept; the sidecar is listed and kept nowhere", async () => {
    const prov = await provenanceOf(exhibitFile(join(built["nd-ill"].tree, "public"), "001"));
    expect(prov.sources).toContainEqual(
      expect.objectContaining({ path: LISTING, attached: false, native: "natives/001/shop_01-listing.png" }),
    );
    const sidecar = prov.sources.find((s) => s.path === `${LISTING}.meta.yaml`);
    expect(sidecar).toMatchObject({ attached: false });
    expect(sidecar?.native).toBeUndefined();
  });

  it("holds no native of the redacted e-mail anywhere in the public twin, by name or by content", () => {
    const root = join(built["nd-ill"].tree, "public");
    const digest = shaOf(join(caseDir, EMAIL));
    for (const p of filesUnder(root)) {
      expect(p).not.toMatch(/confirmation/);
      expect(shaOf(join(root, p)), p).not.toBe(digest);
    }
  });

  it("no longer counts the natives toward the size limit", () => {
    expect(built["nd-ill"].stderr).not.toMatch(/over the 1 MB limit/);
    const exhibit = exhibitFile(join(built["nd-ill"].tree, "public"), "001");
    expect(statSync(exhibit).size).toBeLessThanOrEqual(LIMIT_MB * 1_000_000);
  });

  it("passes verify of both trees", async () => {
    const r = await runVerify(built["nd-ill"].tree);
    expect(r.code, r.stdout).toBe(0);
  });
});

describe("verify <exhibit.pdf> whose natives are kept beside it", () => {
  it("in its bundle's exhibits/ folder: finds ../manifest.json and re-hashes the natives from the bundle", async () => {
    const r = await runVerify(exhibitFile(join(built["nd-ill"].tree, "public"), "001"));
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/PASS {2}natives: .*\(1 of 1 native kept beside it \(natives\/001\/\) re-hashed, from the bundle of /);
    expect(r.stdout).toMatch(/PASS {2}manifest: .*found beside the exhibit/);
    expect(r.stdout).toContain("kept beside the exhibit as natives/001/shop_01-listing.png");
    expect(r.stdout).toMatch(/1 sidecar \(\.meta\.yaml\) listed, never attached/);
  });

  it("alone, without a manifest: fails the natives check (exit 4), naming what to pass; with --manifest it passes", async () => {
    const dir = tempDir();
    const file = join(dir, "exhibit.pdf");
    cpSync(exhibitFile(join(built["nd-ill"].tree, "public"), "001"), file);
    const alone = await runVerify(file);
    expect(alone.code).toBe(4);
    expect(alone.stdout).toMatch(/FAIL {2}natives: [^\n]*\n\s+not checked: 1 native of this exhibit is kept beside it in its bundle/);
    expect(alone.stdout).toContain("give the bundle's manifest: --manifest <bundle>/manifest.json");
    const given = await runVerify(file, { manifest: join(built["nd-ill"].tree, "public", "manifest.json") });
    expect(given.code, given.stdout).toBe(0);
    expect(given.stdout).toMatch(/PASS {2}natives: .*1 of 1 native kept beside it/);
  });

  it("fails, naming the native, when one is altered; so does verify of the tree", async () => {
    const copy = join(tempDir(), "copy");
    cpSync(join(built["nd-ill"].tree, "sealed"), copy, { recursive: true });
    writeFileSync(join(copy, "natives/002/shop_02-confirmation.eml"), `altered\r\n${readFileSync(join(caseDir, EMAIL), "utf8")}`);
    const r = await runVerify(exhibitFile(copy, "002"));
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/FAIL {2}natives: [\s\S]*natives\/002\/shop_02-confirmation\.eml: altered \(\d+ bytes, sha256 [0-9a-f]{64}/);
    const tree = await runVerify(copy);
    expect(tree.code).toBe(4);
    expect(tree.stdout).toMatch(/FAIL {2}hashes-match[\s\S]*natives\/002\/shop_02-confirmation\.eml: content changed/);
  });

  it("fails when a native is replaced and the manifest resealed to match: the exhibit's own record disagrees", async () => {
    const copy = join(tempDir(), "copy");
    cpSync(join(built["nd-ill"].tree, "sealed"), copy, { recursive: true });
    const path = "natives/002/shop_02-confirmation.eml";
    const forged = Buffer.from("From: someone else\r\n\r\nA different order.\r\n");
    writeFileSync(join(copy, path), forged);
    const m = JSON.parse(readFileSync(join(copy, "manifest.json"), "utf8"));
    const now = { bytes: forged.length, sha256: `sha256:${sha(forged)}` };
    m.outputs = m.outputs.map((f: { path: string }) => (f.path === path ? { ...f, ...now } : f));
    for (const e of m.exhibits) e.natives = e.natives?.map((n: { path: string }) => (n.path === path ? { ...n, ...now } : n));
    const text = `${JSON.stringify(m, null, 2)}\n`;
    writeFileSync(join(copy, "manifest.json"), text);
    writeFileSync(join(copy, "manifest.json.sha256"), `${sha(Buffer.from(text))}  manifest.json\n`);
    const tree = await runVerify(copy);
    expect(tree.code).toBe(4);
    expect(tree.stdout).toMatch(/PASS {2}hashes-match/);
    expect(tree.stdout).toMatch(/FAIL {2}exhibit-pdfs[\s\S]*natives\/002\/shop_02-confirmation\.eml: the manifest records .*resealed\?/);
    const lone = await runVerify(exhibitFile(copy, "002"));
    expect(lone.code).toBe(4);
    expect(lone.stdout).toMatch(/FAIL {2}natives/);
  });
});
