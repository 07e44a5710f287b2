/**
 * The FRE 902(13)/(14) certification and the notice of intent (DOMAIN.md §3.2–§3.4): the facts (views) and the
 * sentences the federal templates make of them, read as text. Each statement must be made only for the items that
 * support it. Rendered to PDF through the browser: test/e2e/appendices/certification.test.ts; in a real build:
 * test/e2e/appendices/certification-build.test.ts.
 */
import { describe, expect, it } from "vitest";
import { certificationView, noticeView, type ExhibitPdfs } from "../../src/appendices/certification.js";
import type { AppendixContext, AppendixSource } from "../../src/model/appendix.js";
import { captionView } from "../../src/appendices/context.js";
import { serviceDate } from "../../src/appendices/notice.js";
import { renderTemplate } from "../../src/render/templates.js";
import { InvalidInputError } from "../../src/util/errors.js";
import { hexOf, sha256Bytes } from "../../src/util/hash.js";
import { CAPTURE, CERTIFICATION, CHAT, EX1_PDF, EX2_PDF, LISTING, PHOTO, context } from "../helpers/certification-context.js";

const SEALED_1 = sha256Bytes("sealed exhibit 1 pdf");
const pdfs = (twins = true): Map<string, ExhibitPdfs> =>
  new Map([
    [
      "1",
      {
        public: { files: [{ path: "exhibits/Ex-001.pdf", bytes: 1, sha256: EX1_PDF }], slipSheet: false },
        ...(twins ? { sealed: { files: [{ path: "exhibits/Ex-001.pdf", bytes: 2, sha256: SEALED_1 }] } } : {}),
      },
    ],
    ["2", { public: { files: [{ path: "exhibits/Ex-002.pdf", bytes: 3, sha256: EX2_PDF }], slipSheet: false } }],
  ]);

/** The text a reader sees: tags dropped, entities decoded, white space as single spaces. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/<span style="white-space:nowrap">([^<]*)<\/span>|<wbr>/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .replace(/ ([.,;:)])/g, "$1")
    .trim();
}

const certText = (ctx: AppendixContext, twins = true) =>
  textOf(
    renderTemplate("certification", {
      ...certificationView(ctx, pdfs(twins), twins),
      caption: captionView(ctx.config),
      titleCaps: "TITLE",
    }),
  );

/** The context with the listing as a bare screenshot: a PNG with a sidecar that typed its URL, time and who made it. */
function bareListing(over: Partial<AppendixSource> = {}): AppendixContext {
  const ctx = context();
  const { capture: _c, ...listing } = ctx.exhibits[0].sources[0];
  ctx.exhibits[0].sources[0] = {
    ...listing,
    capturedAtSource: "sidecar",
    capturedHow: "stated in listing.png.meta.yaml",
    sidecar: "evidence/brightpeak/listing.png.meta.yaml",
    ...over,
  };
  return ctx;
}

const CAPTURE_SENTENCES = [
  /live capture/,
  /I captured/,
  /capture record gives the capturing computer/,
  /not altered between capture and rendering/,
];

describe("certification: each statement only where every item it covers supports it", () => {
  it("states a live capture's facts from its capture.json, and the certifier captured it (first person)", () => {
    const text = certText(context());
    for (const s of CAPTURE_SENTENCES) expect(text).toMatch(s);
    expect(text).toContain(`I captured the page requested at ${CAPTURE.requestedUrl}`);
    expect(text).toContain(`browser ${CAPTURE.browser}; operating system ${CAPTURE.os}; viewport ${CAPTURE.viewport}`);
    expect(text).toContain("egress IP address not recorded; logged-in account not recorded");
    expect(text).toMatch(/For Ex\. 1 \(listing\.png\), the capture tool recorded each file's SHA-256 digest in the capture record/);
    expect(text).toContain("the capture record, written by the capture tool at the time of capture: Ex. 1 (listing.png)");
  });

  it("says nothing of a live capture for a bare screenshot: its URL and time are typed, by whom, and counsel gets blanks", () => {
    const text = certText(bareListing());
    for (const s of CAPTURE_SENTENCES) expect(text).not.toMatch(s);
    expect(text).not.toMatch(/captured from the live web page|no capture time was filled in afterwards|byte-identical/);
    expect(text).toContain("The following items are provided as screenshot files. No capture record is among the records for them");
    expect(text).toContain("the screenshots among them (Ex. 1 (listing.png)) I identify by their digests under Fed. R. Evid. 902(14) only");
    expect(text).toContain("No record shows which clock the typed times were read from.");
    expect(text).not.toContain("The capture tool took the times");
    expect(text).toContain(
      "Ex. 1 (listing.png), a PNG file: its URL, https://marketplace.example/item/88231774?twin=blue&ref=search_results_page_3" +
        "&utm_source=shared_link_long_enough_to_wrap, and its capture time, 2026-02-03 15:22:05 UTC (2026-02-03 09:22:05 " +
        "UTC−06:00 (America/Chicago)), are as typed in its sidecar, listing.png.meta.yaml, which names me as who captured it " +
        "(who typed the sidecar is not recorded).",
    );
    expect(text).toContain("These screenshots are not offered as records generated by an electronic process under Fed. R. Evid. 902(13)");
    expect(text).toContain("typed by a person in the item's sidecar file (.meta.yaml), not recorded by a machine: Ex. 1 (listing.png)");
    expect(text).toMatch(/For Ex\. 1 \(listing\.png\); Ex\. 2 \(message_1\.json\); Ex\. 2 \(parcel\.jpg\), no digest was taken at capture/);
    expect(text).toMatch(
      /when it read the file \(intake\), on 2026-03-01, as the first 'ingested' entry of each in the custody log records/,
    );
  });

  it("dates the first digest by the custody log's first read of each file, and names a file that changed since", () => {
    const ctx = bareListing();
    const listing = ctx.exhibits[0].sources[0]!;
    const chat = ctx.exhibits[1]!.sources.find((s) => s.path.endsWith("message_1.json"))!;
    ctx.earlierIngests = new Map([
      [listing.path, { at: "2026-02-10T09:00:00Z", inputs: [listing.sha256] }],
      [chat.path, { at: "2026-02-11T09:00:00Z", inputs: [sha256Bytes("an earlier message_1.json")] }],
    ]);
    const text = certText(ctx);
    expect(text).toMatch(/For Ex\. 1 \(listing\.png\); Ex\. 2 \(parcel\.jpg\), no digest was taken at capture/);
    expect(text).toContain("between 2026-02-10 and 2026-03-01, as the first 'ingested' entry of each in the custody log records");
    expect(text).toContain(
      "The custody log records a different digest for Ex. 2 (message_1.json), first read on 2026-02-11: the file now in the case " +
        "folder is not the one first read [COUNSEL: explain the replacement before this certification is signed].",
    );
  });

  it("never says 'I' for an item someone else obtained, and leaves a blank where no record names anyone", () => {
    const other = certText(bareListing({ capturedBy: "Sam Fieldworker" }));
    expect(other).toContain("are as typed in its sidecar, listing.png.meta.yaml, which names Sam Fieldworker as who captured it");
    expect(other).toMatch(/The records name Sam Fieldworker as having obtained the items Part B attributes to that person/);
    expect(other).not.toMatch(/I obtained every item/);
    const nobody = certText(bareListing({ capturedBy: undefined }));
    expect(nobody).toContain("which names no one as who captured it [COUNSEL: who]");
    expect(nobody).toMatch(
      /No record names who obtained Ex\. 1 \(listing\.png\); Ex\. 2 \(message_1\.json\); Ex\. 2 \(parcel\.jpg\) \[COUNSEL:/,
    );
    // A capture made by someone else: their name from capture.json, never "I captured".
    const ctx = context();
    ctx.exhibits[0].sources[0] = {
      ...ctx.exhibits[0].sources[0],
      capture: { ...CAPTURE, operator: "Dana Other" },
      capturedBy: "Dana Other",
    };
    const theirs = certText(ctx);
    expect(theirs).toContain("captured by Dana Other, not by me: the page requested at");
    expect(theirs).not.toContain("I captured");
  });

  it("treats the names the records give the certifier (recordedAs) as hers", () => {
    const ctx = bareListing({ capturedBy: "M. Quill (analyst)" });
    ctx.config = {
      ...ctx.config,
      certification: { ...CERTIFICATION, certifier: { ...CERTIFICATION.certifier, recordedAs: ["M. Quill (analyst)"] } },
    };
    expect(certText(ctx)).toContain("listing.png.meta.yaml, which names me as who captured it");
  });

  it("groups a checkout page captured before payment with the screenshots, never as documenting a purchase", () => {
    const text = certText(bareListing({ kind: "purchase" }));
    expect(text).not.toMatch(/test purchase is documented/);
    expect(text).toMatch(/provided as screenshot files[\s\S]*Ex\. 1 \(listing\.png\), a PNG file/);
  });

  it("describes the computer that prepared the exhibits, and says nothing of whether it made the records", () => {
    const text = certText(context());
    expect(text).toContain("The exhibit PDFs were prepared from these originals with exhibits 0.1.0, on a computer running Linux x64");
    expect(text).toContain("Whether that computer also made any of the records is not recorded.");
    expect(text).not.toContain("it is not the capturing computer");
    expect(text).toContain("Chromium (Chrome/156.0.8078.108)");
    expect(text).toContain("[COUNSEL: who ran the build, if not the certifier]");
    // The clock source case.yaml states is said of the capture tool's times only, as a statement of case.yaml.
    expect(text).toContain(
      "The capture tool took the times of Ex. 1 (listing.png) from the capturing computer's clock, whose source case.yaml " +
        "states as: NTP-synchronised (time.nist.gov)",
    );
    const noClock = context({}, { ...CERTIFICATION, clockSource: undefined });
    expect(certText(noClock)).toContain("from the capturing computer's clock; its source is not recorded.");
  });
});

describe("certification: tables, public records and both copies", () => {
  it("lists every original file (related files and e-mail attachments too) with size and SHA-256, and counts them", () => {
    const ctx = context();
    const attachment = { filename: "invoice.pdf", bytes: 2048, sha256: sha256Bytes("invoice") };
    ctx.exhibits[1].sources[1] = { ...ctx.exhibits[1].sources[1], attachments: [attachment] };
    const v = certificationView(ctx, pdfs(), true);
    const rows = v.table1.flatMap((t) => t.files);
    expect(rows.filter((r) => !r.inside).map((r) => [r.path.split("/").pop(), r.sha256])).toEqual([
      ["listing.png", hexOf(LISTING)],
      ["message_1.json", hexOf(CHAT)],
      ["1.jpg", hexOf(sha256Bytes("x"))],
      ["parcel.jpg", hexOf(PHOTO)],
    ]);
    expect(rows.find((r) => r.inside)).toMatchObject({ path: "invoice.pdf", bytes: "2,048", sha256: hexOf(attachment.sha256) });
    expect([v.originals, v.attachments]).toEqual([4, 1]);
    const text = certText(ctx);
    expect(text).toContain("(Exhibits 1 through 2; 4 original files)");
    expect(text).toContain("Table 1 — Original files (4)");
    expect(text).toContain(`attachment inside evidence/brightpeak/parcel.jpg: invoice.pdf ${hexOf(attachment.sha256)} 2,048`);
  });

  it("keeps a public record out of Table 1 and offers it under Fed. R. Evid. 902(1)/(4)", () => {
    const ctx = context();
    ctx.exhibits[0].sources[0] = { ...ctx.exhibits[0].sources[0], publicRecord: true };
    const v = certificationView(ctx, pdfs(), true);
    expect(v.table1.map((t) => t.label)).toEqual(["2"]);
    expect(v.table2.map((t) => t.label)).toEqual(["2"]);
    expect(v.publicRecords).toEqual([expect.objectContaining({ label: "1", files: ["listing.png"] })]);
    const text = certText(ctx);
    expect(text).not.toContain(hexOf(LISTING));
    expect(text).toMatch(
      new RegExp(
        String.raw`Exhibit 1 \(Listing of counterfeit .*\) is marked in its sidecar as a copy of a public record; whether it is a ` +
          String.raw`certified copy \(Fed\. R\. Evid\. 902\(1\), 902\(4\)\) is not recorded\. I do not certify it here`,
      ),
    );
    expect(text).toContain("(Exhibit 2; 3 original files)");
  });

  it("gives each exhibit PDF's digest in the public copy and in the sealed copy: one certification for both twins", () => {
    const text = certText(context());
    expect(text).toContain("This one certification covers both copies");
    expect(text).toContain(`Public copy: exhibits/Ex-001.pdf ${hexOf(EX1_PDF)}`);
    expect(text).toContain(`Copy filed under seal: exhibits/Ex-001.pdf ${hexOf(SEALED_1)}`);
    expect(text).toContain("Exhibit 2 (HOL000005–HOL000011) Public copy: exhibits/Ex-002.pdf");
    expect(text).toContain("Copy filed under seal: none (nothing in this exhibit is redacted or sealed)");
    const single = certText(context({ twin: "single", redactions: 0, redactionBases: [] }), false);
    expect(single).toContain("The exhibits exist in one copy");
    expect(single).not.toMatch(/Public copy|filed under seal/);
    expect(single).toContain("No redaction was applied to any exhibit.");
  });

  it("names renderings and redacted reproductions apart, and numbers the paragraphs present 1, 2, 3…", () => {
    const v = certificationView(context(), pdfs(), true);
    expect(v.derived.map((d) => d.ref)).toEqual(["Ex. 2 (message_1.json)"]);
    expect(v.redactedCopies).toEqual([{ ref: "Ex. 1 (listing.png)", redactions: 2 }]);
    const numbers = Object.values(v.n).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(v.n.screenshots).toBeUndefined();
    expect(v.n.captures).toBeDefined();
  });

  it("switches the §1746 wording with inUnitedStates, and leaves the place a blank when not given", () => {
    expect(certText(context())).toContain(
      "I declare under penalty of perjury that the foregoing is true and correct. Executed on ____________ at Evanston, Illinois.",
    );
    const abroad = context(
      {},
      { ...CERTIFICATION, inUnitedStates: false, signedAt: { city: "Shenzhen", state: "Guangdong", country: "China" } },
    );
    expect(certText(abroad)).toContain(
      "under the laws of the United States of America that the foregoing is true " +
        "and correct. Executed on ____________ at Shenzhen, Guangdong, China.",
    );
    expect(certText(context({}, { ...CERTIFICATION, signedAt: undefined }))).toContain("at [COUNSEL: city and state where signed].");
  });

  it("refuses a case without certification settings, showing what to add", () => {
    expect(() => certificationView(context({}, null), pdfs(), true)).toThrow(InvalidInputError);
    try {
      certificationView(context({}, null), pdfs(), true);
    } catch (e) {
      expect((e as InvalidInputError).location).toEqual({ file: "case.yaml", field: "certification" });
      expect((e as Error).message).toMatch(/certification:\n {2}certifier:\n {4}name: .+\n/);
    }
  });

  it("escapes hostile text from evidence", () => {
    const ctx = context();
    ctx.exhibits[0].title = `<img src=x onerror=alert(1)> & "quoted"`;
    const html = renderTemplate("certification", {
      ...certificationView(ctx, pdfs(), true),
      caption: captionView(ctx.config),
      titleCaps: "TITLE",
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;quoted&quot;");
  });
});

describe("notice of intent", () => {
  const DIGEST = "ab".repeat(32);
  const noticeText = (ctx: AppendixContext) => {
    const cert = certificationView(ctx, pdfs(), true);
    return textOf(
      renderTemplate("notice", {
        ...noticeView(ctx, cert, { path: "appendices/records-manifest.json", sha256: DIGEST }),
        caption: captionView(ctx.config),
        titleCaps: "TITLE",
      }),
    );
  };

  it("offers the records themselves (natives and the unredacted copy) and prints the records manifest's digest in full", () => {
    const text = noticeText(context());
    expect(text).toMatch(
      new RegExp(
        String.raw`the original files in the form in which they were obtained \(the natives\) ` +
          String.raw`and the exhibit PDFs, including the unredacted copy filed under seal`,
      ),
    );
    expect(text).not.toMatch(/redacted public copy/);
    expect(text).toContain(`The file appendices/records-manifest.json, served with this notice, lists each of those files`);
    expect(text).toContain(`Its own SHA-256 digest is: ${DIGEST}`);
    expect(text).toMatch(/Plaintiffs Hollowmere Outfitters, Inc\. and Hollowmere IP Holdings LLC intend to offer/);
  });

  it("leaves a public record out of the records offered", () => {
    const ctx = context();
    ctx.exhibits[0].sources[0] = { ...ctx.exhibits[0].sources[0], publicRecord: true };
    const n = noticeView(ctx, certificationView(ctx, pdfs(), true), { path: "x.json", sha256: DIGEST });
    expect(n.records.map((r) => r.label)).toEqual(["2"]);
    expect(noticeText(ctx)).toMatch(
      new RegExp(
        String.raw`Exhibit 1 \(.*\) is a copy of a public record, offered on its own footing \(Fed\. R\. Evid\. 902\(1\) or ` +
          String.raw`902\(4\), or judicial notice\); it is not among the records of this notice`,
      ),
    );
  });

  it("signs with /s/, firm, address, phone, e-mail and bar number, and certifies service as case.yaml says; blanks when absent", () => {
    const blank = noticeText(context());
    for (const b of [
      "/s/ [COUNSEL: name]",
      "[COUNSEL: firm]",
      "[COUNSEL: address]",
      "[COUNSEL: telephone]",
      "[COUNSEL: e-mail]",
      "[COUNSEL: bar number]",
    ])
      expect(blank).toContain(b);
    expect(blank).toContain("CERTIFICATE OF SERVICE I certify that on [COUNSEL: date], I served this notice");
    const ctx = context();
    ctx.config = {
      ...ctx.config,
      counsel: {
        name: "Ada Counsel",
        firm: "Counsel & Co. LLP",
        address: ["1 Main Street", "Chicago, Illinois 60601"],
        phone: "(312) 555-0290",
        email: "ada@counsel.example",
        barNumber: "6300001",
        service: { method: "e-mail under the Court's order", date: "2026-04-10", servedOn: "each Defendant" },
      },
    };
    const signed = noticeText(ctx);
    expect(signed).toContain(
      "/s/ Ada Counsel Ada Counsel Counsel & Co. LLP 1 Main Street Chicago, Illinois 60601 " +
        "(312) 555-0290 ada@counsel.example Bar No. 6300001 Counsel for Plaintiffs",
    );
    expect(signed).toContain(
      "I certify that on April 10, 2026, I served this notice, the certification it names and " +
        "appendices/records-manifest.json on each Defendant by e-mail under the Court's order.",
    );
    expect(signed).not.toContain("[COUNSEL: name]");
    // Nothing is served before it exists: a service date before the build is a blank naming both days.
    ctx.config = { ...ctx.config, counsel: { ...ctx.config.counsel!, service: { ...ctx.config.counsel!.service!, date: "2026-02-27" } } };
    expect(noticeText(ctx)).toContain(
      "I certify that on [COUNSEL: case.yaml's counsel.service.date, February 27, 2026, is before these papers were made on " +
        "March 1, 2026; correct it], I served this notice",
    );
  });

  it("reads the build's day in the case's zone: served on New Year's Eve, built that evening in Chicago, is not 'before'", () => {
    const evening = "2026-01-01T00:30:00Z"; // 6:30 p.m. on December 31 in Chicago
    expect(serviceDate("2025-12-31", evening, "America/Chicago")).toBe("December 31, 2025");
    expect(serviceDate("2025-12-30", evening, "America/Chicago")).toContain("is before these papers were made on December 31, 2025");
  });
});
