/**
 * The FRE 902(13)/(14) certification and notice of a real build of the fixture case, read back from the PDFs: every
 * original file is in Table 1 with its SHA-256 (compared with the manifest's inputs), the registration certificates
 * (a public record) are not; one certification covers both twins, with each exhibit PDF's digest in each copy; the
 * notice prints the SHA-256 of the records manifest it names, and that digest is the file's; no legal citation or
 * party name is capitalised by accident.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../../src/model/manifest.js";
import { sha256Bytes, hexOf } from "../../../src/util/hash.js";
import { ROOT } from "../../helpers/cli.js";
import { sharedBuild } from "../../helpers/shared-builds.js";

const shared = sharedBuild("valentino-v-kaitlyn-pan");
const FIXTURE = join(ROOT, "fixtures/cases/valentino-v-kaitlyn-pan");
const text = (file: string) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
const flat = (t: string) => t.replace(/\s+/g, "");
const HEX = /[0-9a-f]{64}/g;

let manifests: Record<"public" | "sealed", Manifest>;
let certs: Record<"public" | "sealed", string>;
let notices: Record<"public" | "sealed", string>;

beforeAll(() => {
  const read = (twin: string) => JSON.parse(readFileSync(join(shared.bundleDir, twin, "manifest.json"), "utf8")) as Manifest;
  manifests = { public: read("public"), sealed: read("sealed") };
  const pdf = (twin: string, name: string) => text(join(shared.bundleDir, twin, "appendices", name));
  certs = { public: pdf("public", "certification.pdf"), sealed: pdf("sealed", "certification.pdf") };
  notices = { public: pdf("public", "notice-of-intent.pdf"), sealed: pdf("sealed", "notice-of-intent.pdf") };
});

/** The evidence files whose sidecar says they are public records (registration certificates). */
function publicRecords(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(FIXTURE, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".meta.yaml") && /^publicRecord: true$/m.test(readFileSync(join(FIXTURE, rel), "utf8")))
        out.add(rel.slice(0, -".meta.yaml".length));
    }
  };
  walk("evidence");
  return out;
}

describe("the certification of the fixture build", () => {
  it("lists in Table 1 exactly the manifest's evidence inputs (every thread file, chat photo and attachment), public records apart", () => {
    const excluded = publicRecords();
    expect([...excluded]).toEqual(["evidence/00-trademark-registrations.pdf"]);
    const expected = manifests.sealed.inputs.filter(
      (f) => f.path !== "case.yaml" && !f.path.endsWith(".meta.yaml") && !excluded.has(f.path),
    );
    // The DM thread's second file and the photo sent in the chat are among them.
    expect(expected.map((f) => f.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/message_2\.json$/), expect.stringMatching(/photos\/\d+\.jpg$/)]),
    );
    for (const twin of ["public", "sealed"] as const) {
      const table1 = certs[twin].slice(certs[twin].indexOf("Table 1 — Original files"), certs[twin].indexOf("Table 2 — Exhibit PDFs"));
      // Each (path, SHA-256) pair, the digest printed right after its file's path; and no digest that is not an input's.
      for (const f of expected) expect(flat(table1), f.path).toContain(`${f.path}${hexOf(f.sha256)}`);
      expect(new Set(table1.match(HEX))).toEqual(new Set(expected.map((f) => hexOf(f.sha256))));
      expect(table1).toContain(`Table 1 — Original files (${expected.length})`);
      expect(flat(certs[twin])).toContain(`(Exhibits2through9;${expected.length}originalfiles)`);
      // The registrations: not certified, routed to FRE 902(1)/(4).
      const registrations = manifests.sealed.inputs.find((f) => excluded.has(f.path))!;
      expect(certs[twin]).not.toContain(hexOf(registrations.sha256));
      expect(flat(certs[twin])).toContain(
        "Exhibit1(Trademarkregistrationcertificates)ismarkedinitssidecarasacopyofapublicrecord;whetheritisacertifiedcopy" +
          "(Fed.R.Evid.902(1),902(4))isnotrecorded.",
      );
    }
  });

  it("is one certification for both twins: the same text, each exhibit PDF's digest in the public and the sealed copy", () => {
    // The same words; the sealed copy's legend (first page) moves the page breaks (and with them the table heads repeated
    // and the line-end hyphens poppler joins within a page only).
    const words = (t: string) =>
      t
        .replace(/PROVISIONALLY FILED UNDER SEAL[^\n]*\n/, "")
        .replace(/Page \d+ of \d+/g, "")
        .replace(/File \(path in the case folder\) and SHA-256\s+Bytes|Exhibit, copy, file and SHA-256/g, "")
        .replace(/[\s-]+/g, "");
    expect(words(certs.sealed)).toBe(words(certs.public));
    const table2 = flat(certs.sealed.slice(certs.sealed.indexOf("Table 2 — Exhibit PDFs")));
    for (const e of manifests.public.exhibits.filter((x) => x.label !== "1"))
      expect(table2, `Ex. ${e.label} public`).toContain(`Publiccopy:${flat(e.file.path)}${hexOf(e.file.sha256)}`);
    expect(manifests.sealed.exhibits.length).toBeGreaterThan(0);
    for (const e of manifests.sealed.exhibits)
      expect(table2, `Ex. ${e.label} sealed`).toContain(`Copyfiledunderseal:${flat(e.file.path)}${hexOf(e.file.sha256)}`);
    // Where the copies were made differently, the certification says each copy's making (the receipt: vector pages
    // under seal, a page image to burn it in the public copy).
    const receipt = flat(certs.sealed).slice(flat(certs.sealed).indexOf("Ex.5(03-order-receipt.pdf):Inthecopyfiledunderseal:"));
    expect(receipt).toMatch(/^Ex\.5\(03-order-receipt\.pdf\):Inthecopyfiledunderseal:PDFdocumentof1page;eachpagecarriedinunchanged/);
    expect(receipt.slice(0, 700)).toContain("Inthepubliccopy:PDFdocumentof1page");
    expect(receipt.slice(0, 900)).toContain("isshowninsteadasanimageofthepage");
    // Exhibit 8 is in the public copy only.
    expect(table2).toMatch(/Exhibit8\(VAL000028–VAL000031\)Publiccopy:.*?Copyfiledunderseal:none/);
    // Each tree's manifest lists the papers.
    for (const twin of ["public", "sealed"] as const)
      for (const name of ["certification.pdf", "records-manifest.json", "notice-of-intent.pdf"])
        expect(manifests[twin].outputs.map((o) => o.path)).toContain(`appendices/${name}`);
  });

  it("states the typed capture times as typed, in the first person, and no capture-record sentence", () => {
    const c = flat(certs.sealed);
    expect(c).toContain(flat("The following items are provided as screenshot files. No capture record is among the records for them"));
    expect(c).toContain(
      flat(
        "are as typed in its sidecar, 01-amazon-listing.png.meta.yaml, which names me as who captured it " +
          "(who typed the sidecar is not recorded).",
      ),
    );
    expect(c).not.toMatch(/livecapture|Icaptured|notalteredbetweencaptureandrendering|nocapturetimewasfilledinafterwards|byte-identical/);
    expect(c).not.toMatch(/testpurchaseisdocumented/);
    expect(c).toContain(flat("written by the camera; taken by me"));
  });
});

describe("the notice of intent of the fixture build", () => {
  it("prints in full the SHA-256 of the records manifest it names, and that digest is the file's", () => {
    for (const twin of ["public", "sealed"] as const) {
      const n = flat(notices[twin]);
      const m = /Thefile(appendices\/[\w.-]+\.json),servedwiththisnotice.*?ItsownSHA-256digestis:([0-9a-f]{64})/.exec(n);
      expect(m, twin).not.toBeNull();
      const bytes = readFileSync(join(shared.bundleDir, twin, m![1]!));
      expect(m![2]).toBe(hexOf(sha256Bytes(bytes)));
      // The digest is printed on one line, not broken.
      expect(notices[twin]).toContain(m![2]!);
      // The records manifest lists both copies of every exhibit PDF and both certifications, with their digests.
      const records = JSON.parse(bytes.toString("utf8")) as {
        certification: { path: string; sha256: string }[];
        exhibits: {
          label: string;
          public?: { files: { path: string; sha256: string }[] };
          sealed?: { files: { path: string; sha256: string }[] };
        }[];
        originals: { path: string }[];
        publicRecords: { path: string }[];
      };
      for (const c of records.certification)
        expect(hexOf(sha256Bytes(readFileSync(join(shared.bundleDir, c.path))))).toBe(c.sha256.slice(7));
      for (const e of records.exhibits)
        for (const f of [...(e.public?.files ?? []), ...(e.sealed?.files ?? [])])
          expect(hexOf(sha256Bytes(readFileSync(join(shared.bundleDir, f.path))))).toBe(f.sha256.slice(7));
      expect(records.publicRecords.map((p) => p.path)).toEqual(["evidence/00-trademark-registrations.pdf"]);
      expect(records.originals.map((o) => o.path)).not.toContain("evidence/00-trademark-registrations.pdf");
    }
  });

  it("offers the records and natives, not the redacted copy; keeps the registrations out; has counsel's block and service", () => {
    const n = flat(notices.public);
    expect(n).toContain(
      flat(
        "the original files in the form in which they were obtained (the natives) " +
          "and the exhibit PDFs, including the unredacted copy filed under seal",
      ),
    );
    expect(n).not.toMatch(/redactedpubliccopy/);
    expect(n).toContain(flat("it is not among the records of this notice"));
    expect(n).not.toMatch(/Ex\.1Trademark/);
    expect(n).toContain(flat("/s/ Theodora Quaye"));
    expect(n).toContain("ARDCNo.6329914"); // N.D. Ill. counsel sign with their ARDC number
    expect(n).toContain(flat("CERTIFICATE OF SERVICE I certify that on April 13, 2026, I served this notice"));
  });

  it("never capitalises a citation or a party by accident (no S.P.A., (C), (B))", () => {
    for (const t of [certs.public, certs.sealed, notices.public, notices.sealed]) {
      expect(t).not.toMatch(/S\.P\.A\./);
      expect(t).not.toMatch(/§ ?1117\([A-Z]\)/);
      expect(t).not.toMatch(/\((C|B)\)/);
      expect(t).toContain("S.p.A.");
    }
  });
});
