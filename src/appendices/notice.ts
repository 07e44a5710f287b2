/** The notice of intent to offer records under FRE 902(11), (13) and (14), as a DRAFT for counsel. PURE. */
import type { AppendixContext } from "../model/appendix.js";
import { captionView } from "./context.js";
import type { NoticeModel, NoticeRecord } from "./certification-types.js";
import { footerText } from "./certification-sections.js";
import {
  CERTIFICATION_RULES,
  NOTICE_TITLE,
  MANIFEST_HASH_TEXT,
  INSPECTION_PLACE,
  BLANK_DATE,
  BLANK_PLACE,
  settings,
  pl,
  batesOf,
  joinWords,
  numberer,
} from "./certification-words.js";

/** The notice of intent to offer the records under FRE 902(11), (13) and (14) (DOMAIN.md §3.2 point 8). */
export function noticeModel(ctx: AppendixContext): NoticeModel {
  const cert = settings(ctx);
  const caption = captionView(ctx.config);
  const plaintiffs = caption.pluralPlaintiffs ? "Plaintiffs" : "Plaintiff";
  const certificationTitle = `Certification of ${cert.certifier.name} Pursuant to ${CERTIFICATION_RULES}`;
  const records: NoticeRecord[] = ctx.exhibits.map((e) => ({
    label: e.label,
    title: e.title,
    bates: batesOf(e),
    pages: e.filedUnderSeal?.pages ?? e.pages,
  }));
  const para = numberer();
  const copy =
    ctx.twin === "public"
      ? " The exhibits served with this notice are the public copy, redacted as listed in redaction-log.csv; an unredacted copy, " +
        "with the same Bates numbers, is filed under seal."
      : ctx.twin === "sealed"
        ? " The exhibits referred to are the unredacted copy filed under seal."
        : "";
  const paragraphs = {
    intent: para(
      `PLEASE TAKE NOTICE that ${plaintiffs} ${joinWords(caption.plaintiffs)} intend${caption.pluralPlaintiffs ? "" : "s"} to offer in ` +
        `evidence, at trial and at any hearing in this action, the records listed below (${pl(records.length, "exhibit")}), and to ` +
        `authenticate them by certification under Fed. R. Evid. 902(13) and 902(14), ` +
        `following the procedure of Fed. R. Evid. 902(11).${copy}`,
    ),
    certification: para(
      `The records are authenticated by the ${certificationTitle}, which describes how each record was captured or exported and ` +
        `transformed into exhibit pages, and identifies each original file and each exhibit PDF by its SHA-256 digest.`,
    ),
    inspection: para(
      `The records and the certification are available for inspection in ${INSPECTION_PLACE}: ${MANIFEST_HASH_TEXT}. They can be ` +
        `inspected, and copies obtained, at ${BLANK_PLACE} (address or download link), on request to the undersigned counsel.`,
    ),
    timing: para(
      `This notice is given before trial so that Defendants have a fair opportunity to challenge the records and the certification, ` +
        `including by having the files examined and their SHA-256 digests recomputed and compared with manifest.json (Fed. R. Evid. ` +
        `902(11)).`,
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
