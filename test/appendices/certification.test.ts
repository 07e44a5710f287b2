/**
 * The FRE 902(13)/(14) certification and the notice of intent (DOMAIN.md §3.2–§3.4): the pure models, then
 * both papers rendered through the project's own browser module and read back with poppler and qpdf.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificationModel, noticeModel, type CertificationModel } from "../../src/appendices/certification.js";
import { openBrowser, type BrowserSession } from "../../src/browser/index.js";
import type { AppendixContext } from "../../src/model/appendix.js";
import type { CertificationSettings } from "../../src/model/case.js";
import { renderTemplate } from "../../src/render/templates.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { config } from "../helpers/items.js";

const LISTING = sha256Bytes("listing.png bytes");
const CHAT = sha256Bytes("message_1.json bytes");
const PHOTO = sha256Bytes("parcel.jpg bytes");
const EX1_PDF = sha256Bytes("exhibit 1 pdf");
const EX2_PDF = sha256Bytes("exhibit 2 pdf");

const CERTIFICATION: CertificationSettings = {
  certifier: {
    name: "Morgan Quill",
    title: "Senior Brand-Protection Analyst",
    employer: "Lanternfish Investigations LLC",
    qualifications: [
      "I have worked for six years investigating online sales of counterfeit goods for trademark owners.",
      "I have captured and preserved more than 2,000 marketplace listings and seller conversations for use in federal court.",
    ],
  },
  signedAt: { city: "Evanston", state: "Illinois" },
  inUnitedStates: true,
  clockSource: "NTP-synchronised (time.nist.gov)",
};

function context(over: Partial<AppendixContext> = {}, cert: CertificationSettings | null = CERTIFICATION): AppendixContext {
  return {
    config: config({
      caption: {
        court: "United States District Court for the Northern District of Illinois, Eastern Division",
        caseNumber: "1:26-cv-04417",
        judge: "Hon. Petra Lindqvist",
        plaintiffs: ["Hollowmere Outfitters, Inc.", "Hollowmere IP Holdings LLC"],
        defendants: "The Partnerships and Unincorporated Associations Identified on Schedule A",
        shortTitle: "Hollowmere v. Schedule A",
      },
      certification: cert ?? undefined,
    }),
    exhibits: [
      {
        number: 1,
        label: "1",
        title: "Listing of counterfeit Hollowmere trail jacket — store “Brightpeak Outlet”",
        defendantId: "a",
        defendantName: "Brightpeak Outlet",
        batesFirst: "HOL000001",
        batesLast: "HOL000004",
        pages: 4,
        bundlePage: 1,
        bundleFile: "bundle.pdf",
        bundleFilePage: 1,
        file: { path: "exhibits/Ex-001.pdf", bytes: 812_344, sha256: EX1_PDF },
        sources: [
          {
            path: "evidence/brightpeak/listing.png",
            bytes: 2_483_112,
            sha256: LISTING,
            kind: "listing",
            media: "png",
            format: "PNG, 1280 × 8450 px",
            url: "https://marketplace.example/item/88231774?twin=blue&ref=search_results_page_3&utm_source=shared_link_long_enough_to_wrap",
            capturedAt: "2026-02-03T15:22:05Z",
            capturedAtSource: "capture",
            capturedHow: "recorded by the capture tool",
            capturedBy: "Morgan Quill",
            transformation: "Full-page image of 1280 × 8450 px split into 3 pages of consecutive pixel rows at 150 dpi, every row shown once, none scaled away; PNG pixels embedded losslessly.",
            related: [],
            redactions: 2,
          },
        ],
      },
      {
        number: 2,
        label: "2",
        title: "Instagram conversation with “brightpeak.deals” and photograph of parcel received",
        defendantId: "a",
        defendantName: "Brightpeak Outlet",
        batesFirst: "HOL000005",
        batesLast: "HOL000011",
        pages: 7,
        bundlePage: 5,
        bundleFile: "bundle.pdf",
        bundleFilePage: 5,
        file: { path: "exhibits/Ex-002.pdf", bytes: 1_204_551, sha256: EX2_PDF },
        sources: [
          {
            path: "evidence/brightpeak/your_instagram_activity/messages/inbox/brightpeakdeals_1789/message_1.json",
            bytes: 48_213,
            sha256: CHAT,
            kind: "message-log",
            media: "meta-thread",
            platform: "instagram",
            format: "Instagram export + 1 related file (hashes in manifest.json)",
            capturedAtSource: "unknown",
            capturedHow: "not recorded",
            transformation: "Instagram export parsed and rendered as a chronological transcript of 14 messages on 4 pages.",
            related: [{ path: "evidence/brightpeak/your_instagram_activity/messages/inbox/brightpeakdeals_1789/photos/1.jpg", bytes: 1200, sha256: sha256Bytes("x") }],
            redactions: 0,
          },
          {
            path: "evidence/brightpeak/parcel.jpg",
            bytes: 3_301_007,
            sha256: PHOTO,
            kind: "photo",
            media: "jpeg",
            format: "JPEG, 4032 × 3024 px",
            capturedAt: "2026-02-19T22:10:00Z",
            capturedAtSource: "exif",
            capturedHow: "read from the image's EXIF data",
            transformation: "Image of 4032 × 3024 px fitted to one page; JPEG data embedded unchanged (no re-compression).",
            related: [],
            redactions: 0,
          },
        ],
      },
    ],
    twin: "public",
    builtAt: "2026-03-01T12:00:00Z",
    tool: { name: "exhibits", version: "0.1.0" },
    browser: "Chrome/156.0.8078.108",
    platform: "Linux x64, Node v20.20.2",
    redactions: 2,
    ...over,
  };
}

const allText = (m: CertificationModel) => m.sections.flatMap((s) => s.paragraphs.flatMap((p) => [p.text, ...p.items])).join("\n");

describe("certificationModel", () => {
  const m = certificationModel(context());

  it("carries the caption and the title (§3.2 point 1)", () => {
    expect(m.docTitle).toBe("Certification of Morgan Quill Pursuant to Fed. R. Evid. 902(13) and 902(14)");
    expect(m.caption).toMatchObject({ caseNumber: "1:26-cv-04417", judge: "Hon. Petra Lindqvist", pluralPlaintiffs: true });
    expect(m.caption.court).toMatch(/Northern District of Illinois/);
    expect(m.draft).toBe(true);
    expect(m.footer).toBe("Draft generated by exhibits 0.1.0 on 2026-03-01 12:00:00 UTC; counsel must review before use.");
  });

  it("names the certifier, with qualifications as numbered paragraphs (point 2)", () => {
    expect(m.certifier).toMatchObject({ name: "Morgan Quill", title: "Senior Brand-Protection Analyst", employer: "Lanternfish Investigations LLC" });
    expect(m.certifier.qualifications.map((q) => q.text)).toEqual(CERTIFICATION.certifier.qualifications);
    const numbers = m.sections.flatMap((s) => s.paragraphs.map((p) => p.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(allText(m)).toMatch(/I, Morgan Quill, am Senior Brand-Protection Analyst at Lanternfish Investigations LLC/);
    // Only Ex. 1 names its capturer (the certifier), so the certifier does not claim to have captured everything.
    expect(allText(m)).toMatch(/captured or collected by me \(Table 1 names the person where it was recorded\)/);
  });

  it("describes the process: tool, browser, platform, clock, zone, capture by kind, transformations, redaction, accuracy (point 3)", () => {
    expect(m.process).toMatchObject({ tool: "exhibits", toolVersion: "0.1.0", browser: "Chrome/156.0.8078.108", platform: "Linux x64, Node v20.20.2", clockSource: "NTP-synchronised (time.nist.gov)", timeZone: "America/Chicago" });
    const text = allText(m);
    for (const s of ["exhibits 0.1.0", "Chrome/156.0.8078.108", "Linux x64, Node v20.20.2", "NTP-synchronised (time.nist.gov)", "America/Chicago"]) expect(text).toContain(s);
    // Only the kinds present, grouped: listing, photo, message-log; no documents or purchases.
    expect(m.process.captureMethods.map((c) => c.kinds)).toEqual([["listing"], ["photo"], ["message-log"]]);
    expect(m.process.captureMethods[0].method).toMatch(/live web page.*full-page screenshot.*PNG/s);
    expect(m.process.captureMethods[1].method).toMatch(/EXIF/);
    expect(m.process.captureMethods[2].method).toMatch(/Download your information.*JSON/);
    expect(m.process.captureMethods[2].exhibits).toBe("Ex. 2");
    // Every source's transformation, distinct.
    expect(m.process.transformations).toHaveLength(3);
    expect(m.process.transformations.map((t) => t.appliesTo)).toEqual(["Ex. 1 (listing.png)", "Ex. 2 (message_1.json)", "Ex. 2 (parcel.jpg)"]);
    expect(m.process.redaction).toMatch(/Fed\. R\. Civ\. P\. 5\.2/);
    expect(m.process.redaction).toMatch(/redaction log/);
    expect(m.process.redaction).toMatch(/filed under seal/);
    expect(m.process.redaction).toMatch(/accompanies the public copy/);
    expect(m.process.accuracy.join(" ")).toMatch(/compared.*matched/);
    expect(m.process.accuracy.join(" ")).toMatch(/deterministically/);
    expect(m.process.accuracy.join(" ")).toMatch(/reproducible/);
    expect(m.process.accuracy.join(" ")).toMatch(/not altered|No original was altered/);
  });

  it("groups listings and screenshots together and says 'not stated' without a clock source", () => {
    const ctx = context({}, { ...CERTIFICATION, clockSource: undefined });
    ctx.exhibits[1].sources[1] = { ...ctx.exhibits[1].sources[1], kind: "screenshot", media: "png", format: "PNG, 800 × 600 px" };
    const m2 = certificationModel(ctx);
    expect(m2.process.clockSource).toBe("not stated");
    expect(m2.process.captureMethods.map((c) => c.kinds)).toEqual([["listing", "screenshot"], ["message-log"]]);
    expect(m2.process.captureMethods[0]).toMatchObject({ exhibits: "Exs. 1, 2", files: 2 });
  });

  it("identifies every item by SHA-256, taken at intake and at bundling (point 4)", () => {
    expect(m.digitalIdentification.algorithm).toBe("SHA-256 (FIPS 180-4)");
    const text = m.digitalIdentification.statements.join(" ");
    expect(text).toMatch(/intake/);
    expect(text).toMatch(/bundling/);
    expect(text).toMatch(/compared and matched/);
  });

  it("has one table row per source with every column (point 5)", () => {
    expect(m.items).toHaveLength(3);
    const [listing, chat, photo] = m.items;
    expect(listing).toMatchObject({
      exhibitLabel: "1",
      bates: "HOL000001–HOL000004",
      fileName: "listing.png",
      bytes: "2,483,112 bytes",
      source: expect.stringContaining("https://marketplace.example/item/88231774"),
      capturedUtc: "2026-02-03 15:22:05 UTC",
      capturedLocal: "2026-02-03 09:22:05 UTC−06:00 (America/Chicago)",
      sourceSha256: hexOf(LISTING),
      exhibitSha256: hexOf(EX1_PDF),
      rfc3161: "none (not timestamped)",
    });
    expect(listing.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(chat).toMatchObject({ exhibitLabel: "2", capturedKnown: false, capturedUtc: "unknown — not recorded", capturedLocal: "unknown — not recorded", exhibitSha256: hexOf(EX2_PDF) });
    expect(chat.source).toContain("messages/inbox/brightpeakdeals_1789/message_1.json");
    expect(chat.related).toMatch(/1 related file/);
    expect(photo.exhibitSha256).toBe(hexOf(EX2_PDF));
  });

  it("names the derived items (point 6): the transcript and the redacted listing, not the photo", () => {
    expect(m.derivedItems.items).toHaveLength(2);
    expect(m.derivedItems.items[0]).toMatch(/Ex\. 1 \(listing\.png\).*2 redactions/);
    expect(m.derivedItems.items[1]).toMatch(/Ex\. 2 \(message_1\.json\).*transcript/);
    expect(m.items[2].derived).toBeUndefined();
    expect(m.derivedItems.statement).toMatch(/both digests/);
    // The sealed copy is not redacted, so the listing is a copy there.
    const sealed = certificationModel(context({ twin: "sealed" }));
    expect(sealed.derivedItems.items).toHaveLength(1);
    expect(sealed.items[0].redaction).toBe("2 redactions (Fed. R. Civ. P. 5.2) in the public copy; unredacted here");
    expect(m.items[0].redaction).toBeUndefined();
    expect(sealed.process.redaction).toMatch(/accompanies the unredacted copy of the exhibits filed under seal/);
  });

  it("switches the §1746 wording with inUnitedStates (point 7)", () => {
    expect(m.signature).toMatchObject({
      declaration: "I declare under penalty of perjury that the foregoing is true and correct.",
      executed: "Executed on ____________ at Evanston, Illinois.",
      name: "Morgan Quill",
      title: "Senior Brand-Protection Analyst",
    });
    const abroad = certificationModel(context({}, { ...CERTIFICATION, inUnitedStates: false, signedAt: { city: "Shenzhen", state: "Guangdong", country: "China" } }));
    expect(abroad.signature.declaration).toBe("I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.");
    expect(abroad.signature.executed).toBe("Executed on ____________ at Shenzhen, Guangdong, China.");
    const nowhere = certificationModel(context({}, { ...CERTIFICATION, signedAt: undefined }));
    expect(nowhere.signature.executed).toMatch(/^Executed on _+ at _+\.$/);
  });

  it("refuses a case without certification settings, showing what to add", () => {
    const bare = context({}, null);
    expect(() => certificationModel(bare)).toThrow(InvalidInputError);
    expect(() => noticeModel(bare)).toThrow(InvalidInputError);
    try {
      certificationModel(bare);
    } catch (e) {
      const err = e as InvalidInputError;
      expect(err.location).toEqual({ file: "case.yaml", field: "certification" });
      expect(err.message).toMatch(/^case\.yaml \(field certification\)/);
      expect(err.message).toMatch(/certification:\n  certifier:\n    name: .+\n    title: .+\n    employer: .+\n    qualifications: \[.+\]\n/);
    }
  });
});

describe("noticeModel", () => {
  const n = noticeModel(context());
  it("gives notice of the records, the certification, where to inspect them, and why before trial (point 8)", () => {
    expect(n.docTitle).toBe("Notice of Intent to Offer Records Under Fed. R. Evid. 902(11), (13) and (14)");
    expect(n.draft).toBe(true);
    expect(n.to).toMatch(/^TO: Defendants The Partnerships/);
    expect(n.records).toEqual([
      { label: "1", title: expect.stringContaining("trail jacket"), bates: "HOL000001–HOL000004", pages: 4 },
      { label: "2", title: expect.stringContaining("Instagram"), bates: "HOL000005–HOL000011", pages: 7 },
    ]);
    expect(n.certificationTitle).toBe("Certification of Morgan Quill Pursuant to Fed. R. Evid. 902(13) and 902(14)");
    expect(n.paragraphs.certification.text).toContain(n.certificationTitle);
    expect(n.paragraphs.inspection.text).toContain("the bundle folder, with manifest.json listing every file's SHA-256");
    expect(n.paragraphs.inspection.text).toContain("manifest.json (SHA-256 recorded in manifest.json.sha256)");
    expect(n.paragraphs.timing.text).toMatch(/before trial.*challenge/);
    expect(n.paragraphs.intent.text).toMatch(/Plaintiffs Hollowmere Outfitters, Inc\. and Hollowmere IP Holdings LLC intend/);
    expect(n.signature).toEqual({ dated: "Dated: ____________", lines: ["Name", "Firm", "Address", "Email"], role: "Counsel for Plaintiffs" });
    expect(Object.values(n.paragraphs).map((p) => p.number)).toEqual([1, 2, 3, 4]);
  });
});

describe("certification and notice rendered to PDF", () => {
  let browser: BrowserSession;
  let dir: string;
  beforeAll(async () => {
    browser = await openBrowser();
    dir = await mkdtemp(join(tmpdir(), "exhibits-cert-"));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir && !process.env.KEEP_CERTIFICATION_PDFS) await rm(dir, { recursive: true, force: true });
    else if (dir) console.log(`certification PDFs kept in ${dir}`);
  });

  const render = async (name: string, template: string, data: object) => {
    const html = renderTemplate(template, data);
    expect(html).not.toMatch(/<script/i);
    const file = join(dir, name);
    await writeFile(file, await browser.htmlToPdf(html));
    execFileSync("qpdf", ["--check", file], { stdio: "pipe" }); // throws on a damaged file
    return { file, text: execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }) };
  };

  it("prints the certification with title, DRAFT, certifier, every full hash and the §1746 declaration", async () => {
    const model = certificationModel(context());
    const { text } = await render("certification.pdf", "certification", model);
    const flat = text.replace(/\s+/g, "");
    expect(flat.toLowerCase()).toContain("certificationofmorganquillpursuanttofed.r.evid.902(13)and902(14)");
    expect(text).toContain("DRAFT");
    expect(text).toContain("Morgan Quill");
    expect(text).toContain("Lanternfish Investigations LLC");
    for (const h of [LISTING, CHAT, PHOTO, EX1_PDF, EX2_PDF]) expect(flat).toContain(hexOf(h));
    expect(text).toMatch(/28 U\.S\.C\. § 1746/);
    expect(flat).toContain("Ideclareunderpenaltyofperjurythattheforegoingistrueandcorrect.");
    expect(flat).toContain("Executedon____________atEvanston,Illinois.");
    expect(flat).toContain("unknown—notrecorded");
    expect(flat).toContain("none(nottimestamped)");
    expect(text).toContain("Draft generated by exhibits 0.1.0");
  });

  it("escapes hostile text from evidence", async () => {
    const ctx = context();
    ctx.exhibits[0].title = `<img src=x onerror=alert(1)> & "quoted"`;
    const html = renderTemplate("certification", certificationModel(ctx));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quoted&quot;");
  });

  it("prints the notice with its title, DRAFT, the records and the inspection place", async () => {
    const model = noticeModel(context());
    const { text } = await render("notice.pdf", "notice", model);
    const flat = text.replace(/\s+/g, "");
    expect(flat.toLowerCase()).toContain("noticeofintenttoofferrecordsunderfed.r.evid.902(11),(13)and(14)");
    expect(text).toContain("DRAFT");
    expect(text).toContain("Morgan Quill");
    expect(flat).toContain("HOL000001–HOL000004");
    expect(flat).toContain("HOL000005–HOL000011");
    expect(flat).toContain("manifest.json(SHA-256recordedinmanifest.json.sha256)");
    expect(text).toContain("Counsel for Plaintiffs");
  });
});
