/**
 * The FRE 902(13)/(14) certification and the notice of intent to offer records (DOMAIN.md §3.2–§3.4), as
 * DRAFTS for counsel. PURE: AppendixContext → view models that templates/certification.hbs and
 * templates/notice.hbs print as they are (the model is the template's whole data object).
 *
 * The certification must not be conclusory: it writes down what a live witness would say — who certifies and
 * why they are qualified, how each kind of record was captured or exported, every transformation into exhibit
 * pages, why the process is accurate, the SHA-256 identification of every original and every exhibit PDF, and
 * which exhibits are renderings rather than copies. Paragraphs are numbered here (not in the template) so the
 * numbering runs on across parts and tests can read them. How each format was captured or exported, and why its
 * exhibit is a rendering, are the format's own words in the registry (intake/formats/index.ts), found by the
 * source's media type and platform.
 */
import type { AppendixContext, AppendixExhibit, AppendixSource } from "../model/appendix.js";
import type { EvidenceKind } from "../model/case.js";
import { formatOf, wordsOf } from "../intake/formats/index.js";
import { InvalidInputError } from "../util/errors.js";
import { hexOf } from "../util/hash.js";
import { formatInZone, formatUtc } from "../util/time.js";
import { captionView, type CaptionView } from "./context.js";

export const CERTIFICATION_RULES = "Fed. R. Evid. 902(13) and 902(14)";
export const NOTICE_TITLE = "Notice of Intent to Offer Records Under Fed. R. Evid. 902(11), (13) and (14)";
export const DECLARATION_IN_US = "I declare under penalty of perjury that the foregoing is true and correct.";
export const DECLARATION_OUTSIDE_US = "I declare under penalty of perjury under the laws of the United States of America that the foregoing is true and correct.";
export const NO_TIMESTAMP = "none (not timestamped)";
export const UNKNOWN_CAPTURE = "unknown — not recorded";
export const MANIFEST_HASH_TEXT = "manifest.json (SHA-256 recorded in manifest.json.sha256)";
export const INSPECTION_PLACE = "the bundle folder, with manifest.json listing every file's SHA-256";
const BLANK_DATE = "____________";
const BLANK_PLACE = "________________________";

/** A numbered paragraph; `items` are its lettered sub-points (may be empty). */
export interface Paragraph {
  number: number;
  text: string;
  items: string[];
}

/** A part of the paper: an optional heading, numbered paragraphs, and (in one part) the per-item table. */
export interface Section {
  heading: string;
  paragraphs: Paragraph[];
  /** Print Table 1 (the per-item table) after this part's paragraphs. */
  table: boolean;
}

/** How one kind (or pair of kinds) of evidence present in the case was captured or exported. */
export interface CaptureMethod {
  kinds: EvidenceKind[];
  heading: string;
  /** "Ex. 1, 3" */
  exhibits: string;
  files: number;
  method: string;
}

/** A distinct transformation text and the originals it applies to. */
export interface TransformationEntry {
  text: string;
  /** "Ex. 1 (listing.png); Ex. 2 (photo.jpg)" */
  appliesTo: string;
}

/** One row of Table 1: one original (source) file. */
export interface CertificationItem {
  exhibitLabel: string;
  exhibitTitle: string;
  /** "VAL000101–VAL000112" */
  bates: string;
  batesFirst: string;
  batesLast: string;
  fileName: string;
  filePath: string;
  /** "48,213 bytes" */
  bytes: string;
  url: string | undefined;
  /** The URL, else the export / file path the original came from. */
  source: string;
  /** Other files the original is made of, with a pointer to manifest.json; undefined when none. */
  related: string | undefined;
  capturedKnown: boolean;
  /** "2025-03-14 15:22:05 UTC", or UNKNOWN_CAPTURE. */
  capturedUtc: string;
  /** "2025-03-14 10:22:05 UTC−05:00 (America/Chicago)", or UNKNOWN_CAPTURE. */
  capturedLocal: string;
  capturedHow: string;
  capturedBy: string | undefined;
  /** 64 lowercase hex digits. */
  sourceSha256: string;
  /** 64 lowercase hex digits of the produced exhibit PDF (of this output tree). */
  exhibitSha256: string;
  exhibitFile: string;
  rfc3161: string;
  /** Why the exhibit is a rendering of this original rather than a copy; undefined for a copy. */
  derived: string | undefined;
  /**
   * Sealed copy only: "2 redactions (Fed. R. Civ. P. 5.2) in the public copy; unredacted here". In the public
   * copy the redactions are stated in `derived`; undefined otherwise.
   */
  redaction: string | undefined;
}

export interface SignatureBlock {
  inUnitedStates: boolean;
  /** The 28 U.S.C. §1746 sentence (wording depends on where the certifier signs). */
  declaration: string;
  /** "Chicago, Illinois", or a blank line. */
  place: string;
  /** "Executed on ____________ at Chicago, Illinois." (date left blank for the signer) */
  executed: string;
  name: string;
  title: string;
  employer: string;
}

export interface CertificationModel {
  draft: true;
  docTitle: string;
  caption: CaptionView;
  twin: AppendixContext["twin"];
  /** The caption partial's twin banner is for redacted evidence pages, not for this paper. */
  redacted: false;
  certifier: { name: string; title: string; employer: string; qualifications: Paragraph[] };
  /** Which copy of the exhibits this certification accompanies, in words. */
  accompanies: string;
  process: {
    tool: string;
    toolVersion: string;
    browser: string;
    platform: string;
    clockSource: string;
    timeZone: string;
    captureMethods: CaptureMethod[];
    transformations: TransformationEntry[];
    /** The redaction paragraph (FRCP 5.2, log, sealed copy, which copy this is), or a "no redaction" statement. */
    redaction: string;
    /** Why the process gives accurate results, one reason each. */
    accuracy: string[];
  };
  digitalIdentification: { algorithm: string; statements: string[] };
  items: CertificationItem[];
  /** Exhibits that are renderings (§3.2 point 6): one line each, plus the closing statement. */
  derivedItems: { items: string[]; statement: string };
  sections: Section[];
  signature: SignatureBlock;
  /** "Draft generated by exhibits 0.1.0 on …; counsel must review before use." */
  footer: string;
}

export interface NoticeRecord {
  label: string;
  title: string;
  bates: string;
  pages: number;
}

export interface NoticeModel {
  draft: true;
  docTitle: string;
  caption: CaptionView;
  twin: AppendixContext["twin"];
  redacted: false;
  /** "TO: …" line. */
  to: string;
  records: NoticeRecord[];
  /** The certification the records come with (its full title). */
  certificationTitle: string;
  inspection: { place: string; manifest: string };
  /** Numbered in this order; the template prints the records table after `intent`. */
  paragraphs: { intent: Paragraph; certification: Paragraph; inspection: Paragraph; timing: Paragraph };
  signature: { dated: string; lines: string[]; role: string };
  footer: string;
}

const MISSING_CERTIFICATION =
  "no certification settings, so the FRE 902(13)/(14) certification cannot name who certifies the records. Add to case.yaml, for example:\n" +
  "certification:\n" +
  "  certifier:\n" +
  "    name: Jane Roe\n" +
  "    title: Brand-protection analyst\n" +
  "    employer: Example Investigations LLC\n" +
  '    qualifications: ["Eight years capturing online marketplace listings for trademark cases"]\n' +
  "Optional: signedAt (city, state, country), inUnitedStates (default true), clockSource (e.g. NTP-synchronised).";

function settings(ctx: AppendixContext) {
  const c = ctx.config.certification;
  if (!c) throw new InvalidInputError({ file: "case.yaml", field: "certification" }, MISSING_CERTIFICATION);
  return c;
}

const pl = (n: number, word: string, plural = `${word}s`) => `${n} ${n === 1 ? word : plural}`;
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const bytesText = (n: number) => `${n.toLocaleString("en-US")} bytes`;
const batesOf = (e: AppendixExhibit) => (e.batesFirst === e.batesLast ? e.batesFirst : `${e.batesFirst}–${e.batesLast}`);
const exhibitRefs = (labels: string[]) => {
  const unique = [...new Set(labels)];
  return `${unique.length === 1 ? "Ex." : "Exs."} ${unique.join(", ")}`;
};
function joinWords(list: string[]): string {
  if (list.length <= 1) return list.join("");
  if (list.length === 2) return `${list[0]} and ${list[1]}`;
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}
const distinct = <T>(xs: T[]) => [...new Set(xs)];

/** What the source's format says of itself in a certification. */
const said = (s: AppendixSource) => wordsOf(s.media, s.platform).certification;
/** The format of a source as Part B names it ("PNG", "Instagram export"). */
const formatWord = (s: AppendixSource) => said(s).name;
const isPdf = (s: AppendixSource) => formatOf(s.media).family === "pdf";

interface Located {
  exhibit: AppendixExhibit;
  source: AppendixSource;
}

// ---------------------------------------------------------------------------------------------------------
// How each kind of evidence was captured or exported (§3.2 point 3, §3.3).
// ---------------------------------------------------------------------------------------------------------

const KIND_GROUPS: { kinds: EvidenceKind[]; heading: string; method: (sources: AppendixSource[]) => string }[] = [
  {
    kinds: ["listing", "screenshot"],
    heading: "Web listings and screenshots",
    method: (ss) =>
      `Each was captured from the live web page at the URL shown in Table 1 as a full-page screenshot (the whole page, top to bottom, not only the visible window) and saved as a ${joinWords(distinct(ss.map(formatWord)))} file${ss.some((s) => !s.url) ? "; where no URL was recorded, Table 1 says so" : ""}. Table 1 gives the capture time of each and how it was recorded.`,
  },
  {
    kinds: ["photo"],
    heading: "Photographs of goods received",
    method: (ss) =>
      `Each is a photograph of goods received from a test purchase, taken with a digital camera or phone and kept as the original ${joinWords(distinct(ss.map(formatWord)))} file; the capture time is read from the image's EXIF data where the camera recorded it (Table 1 states, for each photograph, how its time was obtained).`,
  },
  {
    kinds: ["document"],
    heading: "Documents",
    method: (ss) =>
      `Each is a document kept as received, or as printed to PDF from the screen that showed it${ss.some((s) => !isPdf(s)) ? ` (formats: ${joinWords(distinct(ss.map(formatWord)))})` : ""}; the file is the original and was not edited.`,
  },
  {
    kinds: ["message-log"],
    heading: "Message logs",
    method: (ss) => {
      const ways = distinct(ss.map((s) => said(s).messageLog));
      return `Each conversation was exported from the messaging account by ${joinWords(ways)}, and the export files were kept as delivered; the export is the original, and the exhibit is a transcript rendered from it (paragraph on derived items below).`;
    },
  },
  {
    kinds: ["purchase"],
    heading: "Purchase records",
    method: (ss) => {
      const ways = distinct(ss.map((s) => said(s).purchase));
      return `Each test purchase is documented by ${joinWords(ways)}, kept as received or downloaded; the file is the original.`;
    },
  },
];

function captureMethods(all: Located[]): CaptureMethod[] {
  const out: CaptureMethod[] = [];
  for (const g of KIND_GROUPS) {
    const here = all.filter((l) => g.kinds.includes(l.source.kind));
    if (!here.length) continue;
    out.push({
      kinds: g.kinds.filter((k) => here.some((l) => l.source.kind === k)),
      heading: g.heading,
      exhibits: exhibitRefs(here.map((l) => l.exhibit.label)),
      files: here.length,
      method: g.method(here.map((l) => l.source)),
    });
  }
  return out;
}

function transformations(all: Located[]): TransformationEntry[] {
  const byText = new Map<string, string[]>();
  for (const { exhibit, source } of all) {
    const text = source.transformation.trim();
    const list = byText.get(text) ?? [];
    list.push(`Ex. ${exhibit.label} (${baseName(source.path)})`);
    byText.set(text, list);
  }
  return [...byText].map(([text, refs]) => ({ text, appliesTo: refs.join("; ") }));
}

/** Why the exhibit is a rendering of the source (§3.2 point 6), or undefined for a copy. */
function derivedReason(s: AppendixSource, twin: AppendixContext["twin"]): string | undefined {
  const reasons: string[] = [];
  const rendered = said(s).derived(s.kind);
  if (rendered) reasons.push(rendered);
  if (twin === "public" && s.redactions > 0) reasons.push(`${pl(s.redactions, "redaction")} under Fed. R. Civ. P. 5.2 ${s.redactions === 1 ? "is" : "are"} applied to this public copy`);
  return reasons.length ? reasons.join("; ") : undefined;
}

function itemRow(ctx: AppendixContext, { exhibit, source }: Located): CertificationItem {
  const known = source.capturedAt !== undefined;
  const related = source.related.length;
  return {
    exhibitLabel: exhibit.label,
    exhibitTitle: exhibit.title,
    bates: batesOf(exhibit),
    batesFirst: exhibit.batesFirst,
    batesLast: exhibit.batesLast,
    fileName: baseName(source.path),
    filePath: source.path,
    bytes: bytesText(source.bytes),
    url: source.url,
    source: source.url ?? source.path,
    related: related ? `+ ${pl(related, "related file")} of the same ${source.kind === "message-log" ? "export" : "original"} (names, sizes and SHA-256 in manifest.json)` : undefined,
    capturedKnown: known,
    capturedUtc: known ? formatUtc(source.capturedAt as string) : UNKNOWN_CAPTURE,
    capturedLocal: known ? formatInZone(source.capturedAt as string, ctx.config.timeZone) : UNKNOWN_CAPTURE,
    capturedHow: source.capturedHow,
    capturedBy: source.capturedBy,
    sourceSha256: hexOf(source.sha256),
    exhibitSha256: hexOf(exhibit.file.sha256),
    exhibitFile: exhibit.file.path,
    rfc3161: NO_TIMESTAMP,
    derived: derivedReason(source, ctx.twin),
    redaction: ctx.twin === "sealed" && source.redactions > 0 ? `${pl(source.redactions, "redaction")} (Fed. R. Civ. P. 5.2) in the public copy; unredacted here` : undefined,
  };
}

function accompaniesText(ctx: AppendixContext): string {
  if (ctx.twin === "public") return "the public copy of the exhibits (redacted under Fed. R. Civ. P. 5.2)";
  if (ctx.twin === "sealed") return "the unredacted copy of the exhibits filed under seal";
  return "the exhibits as produced (a single set; no separate public and sealed copies)";
}

function redactionText(ctx: AppendixContext, all: Located[]): string {
  if (ctx.redactions > 0) {
    const where = exhibitRefs(all.filter((l) => l.source.redactions > 0).map((l) => l.exhibit.label));
    return (
      `Redaction (Fed. R. Civ. P. 5.2): personal information that Rule 5.2 keeps out of public filings was redacted in the public copy of the exhibits — ${pl(ctx.redactions, "redaction")} in all${all.some((l) => l.source.redactions > 0) ? `, in ${where}` : ""}. ` +
      "Redacted text is replaced by a marker before the page is rendered, and redacted areas of images are overwritten with black pixels in a new lossless copy of the image, so nothing under a redaction survives in the public PDF; nothing is merely covered over. " +
      "Each redaction is listed in a redaction log (redaction-log.csv) giving the exhibit, the original file, the place in it and the rule applied. " +
      "An unredacted copy of the same exhibits, with the same Bates numbers, is filed under seal. " +
      `This certification accompanies ${accompaniesText(ctx)}, and the exhibit-PDF digests in Table 1 are those of that copy.`
    );
  }
  return `Redaction: no redaction was applied to any exhibit. This certification accompanies ${accompaniesText(ctx)}, and the exhibit-PDF digests in Table 1 are those of that copy.`;
}

function placeOf(at: { city: string; state?: string; country?: string } | undefined, inUnitedStates: boolean): string {
  if (!at) return BLANK_PLACE;
  const parts = [at.city, at.state, inUnitedStates && (!at.country || /^(us|usa|united states( of america)?)$/i.test(at.country)) ? undefined : at.country];
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(", ");
}

function footerText(ctx: AppendixContext): string {
  return `Draft generated by ${ctx.tool.name} ${ctx.tool.version} on ${formatUtc(ctx.builtAt)}; counsel must review before use.`;
}

function numberer() {
  let n = 0;
  return (text: string, items: string[] = []): Paragraph => ({ number: ++n, text, items });
}

/** The FRE 902(13)/(14) certification (DOMAIN.md §3.2 points 1–7) of the records in this output tree. */
export function certificationModel(ctx: AppendixContext): CertificationModel {
  const cert = settings(ctx);
  const { certifier } = cert;
  const all: Located[] = ctx.exhibits.flatMap((exhibit) => exhibit.sources.map((source) => ({ exhibit, source })));
  const items = all.map((l) => itemRow(ctx, l));
  const para = numberer();
  const clockSource = cert.clockSource?.trim() || "not stated";
  const tool = `${ctx.tool.name} ${ctx.tool.version}`;

  const labels = ctx.exhibits.map((e) => e.label);
  const range =
    ctx.exhibits.length === 0
      ? "no exhibits"
      : ctx.exhibits.length === 1
        ? `Exhibit ${labels[0]}, Bates ${batesOf(ctx.exhibits[0])}`
        : `Exhibits ${labels[0]} through ${labels[labels.length - 1]}, Bates ${ctx.exhibits[0].batesFirst}–${ctx.exhibits[ctx.exhibits.length - 1].batesLast}`;

  // Part: who certifies.
  const intro = [
    para(
      `I, ${certifier.name}, am ${certifier.title} at ${certifier.employer}. I make this certification under 28 U.S.C. § 1746, following the procedure of Fed. R. Evid. 902(11) as Fed. R. Evid. 902(13) and 902(14) provide, to authenticate the records listed in Table 1 below (${range}; ${pl(all.length, "original file")}). I have personal knowledge of the facts stated here and, if called as a witness, could and would testify to them.`,
    ),
    para(`This certification accompanies ${accompaniesText(ctx)}.`),
  ];
  const qualifications = certifier.qualifications.map((q) => para(q.trim()));
  const capturers = distinct(all.map((l) => l.source.capturedBy?.trim()).filter((c): c is string => Boolean(c)));
  const byMe = all.length > 0 && all.every((l) => l.source.capturedBy?.trim() === certifier.name);
  const knowledge = para(
    byMe
      ? `I captured or collected the records listed in Table 1 myself, using the process described in Part B, and I know that process from using it.`
      : capturers.length
        ? `The records listed in Table 1 were captured or collected by ${joinWords(capturers.map((c) => (c === certifier.name ? "me" : c)))}${all.some((l) => !l.source.capturedBy) ? " (Table 1 names the person where it was recorded)" : ""}, using the process described in Part B. I know that process from my work described above and from the records the process keeps for each file: the manifest of SHA-256 digests and, for each exhibit, the capture details printed on its cover sheet.`
        : `I know the process described in Part B, by which the records listed in Table 1 were captured, collected and prepared, from my work described above and from the records the process keeps for each file: the manifest of SHA-256 digests and, for each exhibit, the capture details printed on its cover sheet.`,
  );

  // Part: the process (902(13) / 901(b)(9)).
  const methods = captureMethods(all);
  const transforms = transformations(all);
  const redaction = redactionText(ctx, all);
  const systemPara = para(
    `The exhibits were prepared with ${tool}, running on ${ctx.platform}. Pages rendered from text (transcripts, purchase summaries, emails) and these appendices were laid out by the Chromium browser (${ctx.browser}) with JavaScript disabled and network access blocked. Images are embedded in the exhibit PDFs from the original files, and PDF originals are carried in page by page.`,
  );
  const clockPara = para(
    `Clock source of the capturing machine: ${clockSource}. Capture times are recorded in UTC and shown also in the case's display time zone, ${ctx.config.timeZone}, with the UTC offset printed. Table 1 states for each original how its capture time was obtained, and says "${UNKNOWN_CAPTURE}" where none was recorded; no capture time was filled in afterwards.`,
  );
  const capturePara = para(
    "The records were captured or obtained as follows:",
    methods.map((m) => `${m.heading} (${m.exhibits}; ${pl(m.files, "file")}): ${m.method}`),
  );
  const transformPara = para(
    "Each original was then turned into exhibit pages as follows (each transformation as printed on the exhibit's cover sheet):",
    transforms.map((t) => `${t.appliesTo}: ${t.text}`),
  );
  const redactionPara = para(redaction);
  const accuracy = [
    "Each original file's SHA-256 digest was computed when the file was taken in (intake) and computed again when the exhibits were bundled; the two digests were compared for every file and matched, so no original changed between intake and bundling.",
    `No original was altered between its capture and its rendering: the process only reads the originals and never writes to them; the exhibit pages are built from the originals' bytes as described in paragraph ${transformPara.number}, and from nothing else (JavaScript is disabled and every network request is blocked while pages are rendered, so no outside content can enter a page).`,
    "The exhibit pages are rebuilt deterministically from the originals every time: the same originals, the same case settings and the same version of the tool give the same pages, with the same Bates numbers.",
    "The builds are reproducible: with the build time fixed, rebuilding gives byte-identical PDFs, whose SHA-256 digests can be compared with those in Table 1 and in manifest.json; the tool's own verify command re-checks every file of the bundle against manifest.json.",
  ];
  const accuracyPara = para("The process gives accurate results, for these reasons:", accuracy);

  // Part: digital identification (902(14)).
  const digital = [
    "Each file is identified by its SHA-256 digest (Secure Hash Standard, FIPS 180-4): a 64-digit hexadecimal value computed from every byte of the file, which changes if even one bit of the file changes. No weaker algorithm (MD5 or SHA-1) is relied on.",
    "The SHA-256 digest of each original was taken at intake, when the file was first read, and again at bundling; for every item in Table 1 the two were compared and matched. The digest of every produced file, including each exhibit PDF, is recorded in the bundle's manifest.json.",
    `Table 1 lists, for each original file: the exhibit and its Bates range; the file's name and size in bytes; its source URL or export path; its capture time in UTC and in ${ctx.config.timeZone} with the offset; the SHA-256 of the original; the SHA-256 of the exhibit PDF produced from it; and its RFC 3161 timestamp token (none of the items is timestamped).`,
  ];
  const digitalParas = digital.map((d) => para(d));

  // Part: derived items (§3.2 point 6).
  const derivedList = items.filter((i) => i.derived).map((i) => `Ex. ${i.exhibitLabel} (${i.fileName}): ${i.derived}.`);
  const derivedStatement = derivedList.length
    ? "For each of these, Table 1 gives both digests: the original's, which identifies the original under Fed. R. Evid. 902(14), and the exhibit PDF's. The rendering itself rests on the process described in Part B (Fed. R. Evid. 902(13) and 901(b)(9)); the original it was made from is available for comparison."
    : "No exhibit is a rendering: each exhibit reproduces its original's content without change (images embedded from the original files, PDF pages carried in unchanged), and Table 1 gives the digests of both the original and the exhibit PDF.";
  const derivedParas = derivedList.length
    ? [para("The following exhibits are renderings of their originals rather than copies of them:", derivedList), para(derivedStatement)]
    : [para(derivedStatement)];

  const sections: Section[] = [
    { heading: "", paragraphs: intro, table: false },
    { heading: "A. The certifier", paragraphs: [...qualifications, knowledge], table: false },
    {
      heading: "B. The process that produced the records (Fed. R. Evid. 902(13), 901(b)(9))",
      paragraphs: [systemPara, clockPara, capturePara, transformPara, redactionPara, accuracyPara],
      table: false,
    },
    { heading: "C. Digital identification (Fed. R. Evid. 902(14))", paragraphs: digitalParas, table: true },
    { heading: "D. Derived items", paragraphs: derivedParas, table: false },
  ];

  const place = placeOf(cert.signedAt, cert.inUnitedStates);
  return {
    draft: true,
    docTitle: `Certification of ${certifier.name} Pursuant to ${CERTIFICATION_RULES}`,
    caption: captionView(ctx.config),
    twin: ctx.twin,
    redacted: false,
    certifier: { name: certifier.name, title: certifier.title, employer: certifier.employer, qualifications },
    accompanies: accompaniesText(ctx),
    process: {
      tool: ctx.tool.name,
      toolVersion: ctx.tool.version,
      browser: ctx.browser,
      platform: ctx.platform,
      clockSource,
      timeZone: ctx.config.timeZone,
      captureMethods: methods,
      transformations: transforms,
      redaction,
      accuracy,
    },
    digitalIdentification: { algorithm: "SHA-256 (FIPS 180-4)", statements: digital },
    items,
    derivedItems: { items: derivedList, statement: derivedStatement },
    sections,
    signature: {
      inUnitedStates: cert.inUnitedStates,
      declaration: cert.inUnitedStates ? DECLARATION_IN_US : DECLARATION_OUTSIDE_US,
      place,
      executed: `Executed on ${BLANK_DATE} at ${place}.`,
      name: certifier.name,
      title: certifier.title,
      employer: certifier.employer,
    },
    footer: footerText(ctx),
  };
}

/** The notice of intent to offer the records under FRE 902(11), (13) and (14) (DOMAIN.md §3.2 point 8). */
export function noticeModel(ctx: AppendixContext): NoticeModel {
  const cert = settings(ctx);
  const caption = captionView(ctx.config);
  const plaintiffs = caption.pluralPlaintiffs ? "Plaintiffs" : "Plaintiff";
  const certificationTitle = `Certification of ${cert.certifier.name} Pursuant to ${CERTIFICATION_RULES}`;
  const records: NoticeRecord[] = ctx.exhibits.map((e) => ({ label: e.label, title: e.title, bates: batesOf(e), pages: e.pages }));
  const para = numberer();
  const copy =
    ctx.twin === "public"
      ? " The exhibits served with this notice are the public copy, redacted under Fed. R. Civ. P. 5.2; an unredacted copy, with the same Bates numbers, is filed under seal."
      : ctx.twin === "sealed"
        ? " The exhibits referred to are the unredacted copy filed under seal."
        : "";
  const paragraphs = {
    intent: para(
      `PLEASE TAKE NOTICE that ${plaintiffs} ${joinWords(caption.plaintiffs)} intend${caption.pluralPlaintiffs ? "" : "s"} to offer in evidence, at trial and at any hearing in this action, the records listed below (${pl(records.length, "exhibit")}), and to authenticate them by certification under Fed. R. Evid. 902(13) and 902(14), following the procedure of Fed. R. Evid. 902(11).${copy}`,
    ),
    certification: para(
      `The records are authenticated by the ${certificationTitle}, which describes how each record was captured or exported and transformed into exhibit pages, and identifies each original file and each exhibit PDF by its SHA-256 digest.`,
    ),
    inspection: para(
      `The records and the certification are available for inspection in ${INSPECTION_PLACE}: ${MANIFEST_HASH_TEXT}. They can be inspected, and copies obtained, at ${BLANK_PLACE} (address or download link), on request to the undersigned counsel.`,
    ),
    timing: para(
      `This notice is given before trial so that Defendants have a fair opportunity to challenge the records and the certification, including by having the files examined and their SHA-256 digests recomputed and compared with manifest.json (Fed. R. Evid. 902(11)).`,
    ),
  };
  return {
    draft: true,
    docTitle: NOTICE_TITLE,
    caption,
    twin: ctx.twin,
    redacted: false,
    to: `TO: Defendants ${caption.defendants}, and their counsel of record.`,
    records,
    certificationTitle,
    inspection: { place: INSPECTION_PLACE, manifest: MANIFEST_HASH_TEXT },
    paragraphs,
    signature: { dated: `Dated: ${BLANK_DATE}`, lines: ["Name", "Firm", "Address", "Email"], role: `Counsel for ${plaintiffs}` },
    footer: footerText(ctx),
  };
}
