/**
 * Stage 9, appendices: the facts of the notice of intent to offer records under FRE 902(11), (13) and (14) (DOMAIN.md
 * §3.2 point 8), a DRAFT for counsel. PURE. The records offered are the certified ones (never the public records);
 * the notice names records-manifest.json and prints its SHA-256 in full (the bundle's manifest.json is written after
 * the notice and cannot be named in it by its digest). Counsel's signature block and the certificate of service come
 * from case.yaml `counsel:`; each missing fact is a blank for counsel in the template.
 */
import { formatDateInZone } from "../util/time.js";
import type { AppendixContext } from "../model/appendix.js";
import { formatUtc } from "../util/time.js";
import type { CertificationView, NoticeView } from "./certification-types.js";
import { captionView } from "./context.js";
import { NOTICE_TITLE, batesOf, joinWords, numbered } from "./certification-words.js";

export function noticeView(ctx: AppendixContext, cert: CertificationView, recordsManifest: { path: string; sha256: string }): NoticeView {
  const caption = captionView(ctx.config);
  const certifiedLabels = new Set(cert.table1.map((t) => t.label));
  const records = ctx.exhibits
    .filter((e) => certifiedLabels.has(e.label))
    .map((e) => ({ label: e.label, title: e.title, bates: batesOf(e), pages: e.filedUnderSeal?.pages ?? e.pages }));
  const counsel = ctx.config.counsel ?? {};
  const plural = caption.pluralPlaintiffs;
  return {
    draft: true,
    docTitle: NOTICE_TITLE,
    plaintiffs: joinWords(ctx.config.caption.plaintiffs),
    pluralPlaintiffs: plural,
    defendants: ctx.config.caption.defendants,
    certificationTitle: cert.docTitle,
    records,
    ...(cert.screenshotRefs ? { screenshotRefs: cert.screenshotRefs } : {}),
    publicRecords: cert.publicRecords.map((p) => ({ label: p.label, title: p.title })),
    twins: cert.twins,
    originals: cert.originals,
    recordsManifest,
    counsel: {
      ...(counsel.name ? { name: counsel.name } : {}),
      ...(counsel.firm ? { firm: counsel.firm } : {}),
      address: counsel.address ?? [],
      ...(counsel.phone ? { phone: counsel.phone } : {}),
      ...(counsel.email ? { email: counsel.email } : {}),
      ...(counsel.barNumber ? { barNumber: counsel.barNumber } : {}),
      role: counsel.role ?? `Counsel for ${plural ? "Plaintiffs" : "Plaintiff"}`,
    },
    service: {
      ...(counsel.service?.method ? { method: counsel.service.method } : {}),
      ...(counsel.service?.date ? { date: serviceDate(counsel.service.date, ctx.builtAt, ctx.config.timeZone) } : {}),
      ...(counsel.service?.servedOn ? { servedOn: counsel.service.servedOn } : {}),
    },
    n: numbered(["intent", cert.publicRecords.length > 0 && "publicRecords", "certification", "inspection", "digest", "timing"]),
    footer: { tool: `${ctx.tool.name} ${ctx.tool.version}`, builtAt: formatUtc(ctx.builtAt) },
  };
}

/**
 * The day the certificate of service says the papers were served: case.yaml's, unless it is before the day these papers
 * were made (nothing can be served before it exists): then a blank for counsel naming both days.
 */
export function serviceDate(date: string, builtAt: string, timeZone = "UTC"): string {
  // Both are calendar days where the case is: the build's instant is read in the case's zone.
  const made = formatDateInZone(builtAt, timeZone);
  if (date >= made) return longDate(date);
  const days = `${longDate(date)}, is before these papers were made on ${longDate(made)}`;
  return `[COUNSEL: case.yaml's counsel.service.date, ${days}; correct it]`;
}

/** "2026-04-10" → "April 10, 2026" (a calendar date, no zone). */
function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
}
