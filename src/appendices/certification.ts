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
import type { AppendixContext } from "../model/appendix.js";
import { captionView } from "./context.js";
import type { CertificationModel, Section } from "./certification-types.js";
export { noticeModel } from "./notice.js";
export type * from "./certification-types.js";
import { captureMethods, transformations, itemRow, accompaniesText, redactionText, placeOf, footerText } from "./certification-sections.js";
import {
  CERTIFICATION_RULES,
  DECLARATION_IN_US,
  DECLARATION_OUTSIDE_US,
  UNKNOWN_CAPTURE,
  BLANK_DATE,
  settings,
  pl,
  batesOf,
  joinWords,
  distinct,
  type Located,
  numberer,
} from "./certification-words.js";

export function certificationModel(ctx: AppendixContext): CertificationModel {
  const cert = settings(ctx);
  const { certifier } = cert;
  const all: Located[] = ctx.exhibits.flatMap((exhibit) => exhibit.sources.map((source) => ({ exhibit, source })));
  const items = all.map((l) => itemRow(ctx, l));
  const para = numberer();
  const clockSource = cert.clockSource?.trim() || "not stated";
  const tool = `${ctx.tool.name} ${ctx.tool.version}`;

  // Exhibits filed under seal are certified with the sealed copy; this copy holds slip sheets in their place.
  const held = ctx.exhibits.filter((e) => !e.filedUnderSeal);
  const sealedOnly = ctx.exhibits.filter((e) => e.filedUnderSeal).map((e) => e.label);
  const labels = held.map((e) => e.label);
  const contiguous = held.length === ctx.exhibits.length;
  const range =
    held.length === 0
      ? "no exhibits"
      : held.length === 1
        ? `Exhibit ${labels[0]}, Bates ${batesOf(held[0]!)}`
        : contiguous
          ? `Exhibits ${labels[0]} through ${labels[labels.length - 1]}, Bates ${held[0]!.batesFirst}–${held[held.length - 1]!.batesLast}`
          : `Exhibits ${joinWords(labels)}`;

  // Part: who certifies.
  const intro = [
    para(
      `I, ${certifier.name}, am ${certifier.title} at ${certifier.employer}. I make this certification under 28 U.S.C. § 1746, ` +
        `following the procedure of Fed. R. Evid. 902(11) as Fed. R. Evid. 902(13) and 902(14) provide, to authenticate the records ` +
        `listed in Table 1 below (${range}; ${pl(all.length, "original file")}). I have personal knowledge of the facts stated here and, ` +
        `if called as a witness, could and would testify to them.`,
    ),
    para(`This certification accompanies ${accompaniesText(ctx)}.`),
    ...(sealedOnly.length ? [para(sealedOnlyText(sealedOnly))] : []),
  ];
  const qualifications = certifier.qualifications.map((q) => para(q.trim()));
  const capturers = distinct(all.map((l) => l.source.capturedBy?.trim()).filter((c): c is string => Boolean(c)));
  const byMe = all.length > 0 && all.every((l) => l.source.capturedBy?.trim() === certifier.name);
  const knowledge = para(
    byMe
      ? `I captured or collected the records listed in Table 1 myself, using the process described in Part B, and I know that process ` +
          `from using it.`
      : capturers.length
        ? `The records listed in Table 1 were captured or collected by ` +
          `${joinWords(capturers.map((c) => (c === certifier.name ? "me" : c)))}` +
          `${all.some((l) => !l.source.capturedBy) ? " (Table 1 names the person where it was recorded)" : ""}` +
          `, using the process described in Part B. I know that process from my work described above and from the records ` +
          `the process keeps for each file: the manifest of SHA-256 digests and, for each exhibit, the capture details printed on its ` +
          `cover sheet.`
        : `I know the process described in Part B, by which the records listed in Table 1 were captured, collected and prepared, from ` +
          `my work described above and from the records the process keeps for each file: the manifest of SHA-256 digests and, for each ` +
          `exhibit, the capture details printed on its cover sheet.`,
  );

  // Part: the process (902(13) / 901(b)(9)).
  const methods = captureMethods(all);
  const transforms = transformations(all);
  const redaction = redactionText(ctx, all);
  const systemPara = para(
    `The exhibits were prepared with ${tool}, running on ${ctx.platform}. Pages rendered from text (transcripts, purchase summaries, ` +
      `emails) and these appendices were laid out by the Chromium browser (${ctx.browser}) with JavaScript disabled and network access ` +
      `blocked. Images are embedded in the exhibit PDFs from the original files, and PDF originals are carried in page by page.`,
  );
  const clockPara = para(
    `Clock source of the capturing machine: ${clockSource}. Capture times are recorded in UTC and shown also in the case's display ` +
      `time zone, ${ctx.config.timeZone}, with the UTC offset printed. Table 1 states for each original how its capture time was ` +
      `obtained, and says "${UNKNOWN_CAPTURE}" where none was recorded; no capture time was filled in afterwards.`,
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
    "Each original file's SHA-256 digest was computed when the file was taken in (intake) and computed again when the exhibits were " +
      "bundled; the two digests were compared for every file and matched, so no original changed between intake and bundling.",
    `No original was altered between its capture and its rendering: the process only reads the originals and never writes to them; the ` +
      `exhibit pages are built from the originals' bytes as described in paragraph ${transformPara.number}, and from nothing else ` +
      `(JavaScript is disabled and every network request is blocked while pages are rendered, so no outside content can enter a page).`,
    "The exhibit pages are rebuilt deterministically from the originals every time: the same originals, the same case settings and the " +
      "same version of the tool give the same pages, with the same Bates numbers.",
    "The builds are reproducible: with the build time fixed, rebuilding gives byte-identical PDFs, whose SHA-256 digests can be " +
      "compared with those in Table 1 and in manifest.json; the tool's own verify command re-checks every file of the bundle against " +
      "manifest.json.",
  ];
  const accuracyPara = para("The process gives accurate results, for these reasons:", accuracy);

  // Part: digital identification (902(14)).
  const digital = [
    "Each file is identified by its SHA-256 digest (Secure Hash Standard, FIPS 180-4): a 64-digit hexadecimal value computed from " +
      "every byte of the file, which changes if even one bit of the file changes. No weaker algorithm (MD5 or SHA-1) is relied on.",
    "The SHA-256 digest of each original was taken at intake, when the file was first read, and again at bundling; for every item in " +
      "Table 1 the two were compared and matched. The digest of every produced file, including each exhibit PDF, is recorded in the " +
      "bundle's manifest.json.",
    `Table 1 lists, for each original file: the exhibit and its Bates range; the file's name and size in bytes; its source URL or ` +
      `export path; its capture time in UTC and in ${ctx.config.timeZone} with the offset; the SHA-256 of the original; the SHA-256 of ` +
      `the exhibit PDF produced from it; and its RFC 3161 timestamp token (none of the items is timestamped).`,
  ];
  const digitalParas = digital.map((d) => para(d));

  // Part: derived items (§3.2 point 6).
  const derivedList = items.filter((i) => i.derived).map((i) => `Ex. ${i.exhibitLabel} (${i.fileName}): ${i.derived}.`);
  const derivedStatement = derivedList.length
    ? "For each of these, Table 1 gives both digests: the original's, which identifies the original under Fed. R. Evid. 902(14), and " +
      "the exhibit PDF's. The rendering itself rests on the process described in Part B (Fed. R. Evid. 902(13) and 901(b)(9)); the " +
      "original it was made from is available for comparison."
    : "No exhibit is a rendering: each exhibit reproduces its original's content without change (images embedded from the original " +
      "files, PDF pages carried in unchanged), and Table 1 gives the digests of both the original and the exhibit PDF.";
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

/** The exhibits a public copy holds slip sheets for: certified with the sealed copy, not in this one. */
function sealedOnlyText(labels: string[]): string {
  const one = labels.length === 1;
  return (
    `${one ? `Exhibit ${labels[0]} is` : `Exhibits ${joinWords(labels)} are`} filed under seal; this copy holds a slip sheet in the ` +
    `place of each, with its Bates range. ${one ? "It is" : "They are"} not among the records this copy of the certification ` +
    `lists; the copy filed under seal lists ${one ? "it" : "them"}.`
  );
}
