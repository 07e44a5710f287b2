/**
 * Stage 9, appendices: the facts of the FRE 902(13)/(14) certification (DOMAIN.md §3.2–§3.4), a DRAFT for counsel.
 * PURE: an AppendixContext holding every planned exhibit with its sources, and each exhibit's PDF in each copy →
 * the view templates/court/federal/certification.hbs prints. Every sentence is the template's; this file decides
 * only which items each statement covers, so a statement is printed only where every item it covers supports it:
 * "captured from the live web page" only for captures with a capture record, typed facts said to be typed and by
 * whom, "not altered between capture and rendering" only where the first digest was taken at capture. Public records
 * (registration certificates) are kept out of the tables and named apart (Fed. R. Evid. 902(1)/(4)).
 */
import { posix } from "node:path";
import type { AppendixContext, AppendixExhibit, AppendixSource } from "../model/appendix.js";
import type { StoredFile } from "../model/digest.js";
import { hexOf } from "../util/hash.js";
import { formatInZone, formatUtc } from "../util/time.js";
import type { Acquirer, CertificationView, ExhibitOriginals, ExhibitPdfRow, ItemLine, TimeFrom } from "./certification-types.js";
import {
  CERTIFICATION_TITLE,
  baseName,
  batesOf,
  bytesText,
  distinct,
  exhibitsText,
  familyOf,
  numbered,
  refsText,
  said,
  settings,
} from "./certification-words.js";

export type * from "./certification-types.js";
export { noticeView } from "./notice.js";

/** An exhibit's PDF in each copy (absent: that copy does not hold it). */
export interface ExhibitPdfs {
  /** The public copy's file (or the single copy's), every volume of it; a slip sheet when filed under seal. */
  public?: { files: StoredFile[]; slipSheet: boolean };
  sealed?: { files: StoredFile[] };
}

interface Located {
  exhibit: AppendixExhibit;
  source: AppendixSource;
  ref: string;
}

type Group = keyof CertificationView["groups"];

/** What an item is, for Part B: a live capture, a screenshot file, a photograph, an export, an e-mail, another file. */
function groupOf(s: AppendixSource): Group {
  if (s.capture) return "captures";
  const family = familyOf(s);
  if (family === "image") return s.kind === "photo" ? "photos" : s.kind === "document" ? "documents" : "screenshots";
  if (family === "chat" || family === "purchases") return "exports";
  if (family === "email") return "emails";
  return "documents";
}

const TIME_FROM: Record<string, TimeFrom> = { capture: "capture", sidecar: "sidecar", case: "case", exif: "exif", export: "export" };

export function certificationView(ctx: AppendixContext, pdfs: ReadonlyMap<string, ExhibitPdfs>, twins: boolean): CertificationView {
  const cert = settings(ctx);
  const { certifier } = cert;
  const myNames = new Set([certifier.name, ...(certifier.recordedAs ?? [])].map((n) => n.trim()));
  const acquirer = (name: string | undefined): Acquirer => {
    const n = name?.trim();
    return n ? { me: myNames.has(n), ...(myNames.has(n) ? {} : { name: n }) } : { me: false };
  };
  const zone = ctx.config.timeZone;
  const all: Located[] = ctx.exhibits.flatMap((exhibit) =>
    exhibit.sources.map((source) => ({ exhibit, source, ref: `Ex. ${exhibit.label} (${baseName(source.path)})` })),
  );
  const certified = all.filter((l) => !l.source.publicRecord);
  const exhibits = ctx.exhibits.filter((e) => certified.some((l) => l.exhibit === e));
  const positions = exhibits.map((e) => ctx.exhibits.indexOf(e));
  const consecutive = positions.every((p, i) => i === 0 || p === positions[i - 1]! + 1);

  const line = ({ exhibit, source: s, ref }: Located): ItemLine => {
    const dir = posix.dirname(s.path);
    const from = TIME_FROM[s.capturedAtSource] ?? "unknown";
    const known = s.capturedAt !== undefined && from !== "unknown";
    return {
      ref,
      label: exhibit.label,
      file: baseName(s.path),
      others: s.related.map((f) => (f.path.startsWith(`${dir}/`) ? f.path.slice(dir.length + 1) : f.path)),
      format: said(s).name,
      by: acquirer(s.capture?.operator ?? s.capturedBy),
      ...(s.url ? { url: s.url } : {}),
      urlTyped: Boolean(s.url) && !s.capture,
      time: {
        from: known ? from : "unknown",
        ...(known ? { utc: formatUtc(s.capturedAt!), local: formatInZone(s.capturedAt!, zone) } : {}),
        ...(from === "sidecar" && s.sidecar ? { typedIn: baseName(s.sidecar) } : {}),
      },
      typedBoth: Boolean(s.url) && !s.capture && known && from === "sidecar",
      ...(familyOf(s) === "chat" ? { method: said(s).messageLog } : familyOf(s) === "purchases" ? { method: said(s).purchase } : {}),
      attachments: s.attachments?.length ?? 0,
      ...(s.capture
        ? {
            capture: {
              ...s.capture,
              startedUtc: formatUtc(s.capture.startedAt),
              endedUtc: formatUtc(s.capture.endedAt),
              ...(s.capture.timestamp ? { genTimeUtc: formatUtc(s.capture.timestamp.genTime) } : {}),
            },
          }
        : {}),
    };
  };
  const lines = certified.map((l) => ({ l, line: line(l) }));
  const groups: CertificationView["groups"] = { captures: [], screenshots: [], photos: [], exports: [], emails: [], documents: [] };
  for (const { l, line: it } of lines) groups[groupOf(l.source)].push(it);

  const others = distinct(lines.filter(({ line: i }) => !i.by.me && i.by.name).map(({ line: i }) => i.by.name!));
  const nobody = lines.filter(({ line: i }) => !i.by.me && !i.by.name).map(({ line: i }) => i.ref);
  const who = {
    allMine: lines.length > 0 && lines.every(({ line: i }) => i.by.me),
    someMine: lines.some(({ line: i }) => i.by.me),
    others,
    nobody: refsText(nobody),
  };
  const times: CertificationView["times"] = {};
  for (const from of ["capture", "sidecar", "case", "exif", "export", "unknown"] as const) {
    const refs = lines.filter(({ line: i }) => i.time.from === from).map(({ line: i }) => i.ref);
    if (refs.length) times[from] = refsText(refs);
  }

  const byText = new Map<string, string[]>();
  for (const { source, ref } of certified)
    byText.set(source.transformation.trim(), [...(byText.get(source.transformation.trim()) ?? []), ref]);
  const redacted = certified.filter((l) => l.source.redactions > 0);
  const reasonOf = (s: AppendixSource) => said(s).derived(s.kind);
  const derived = certified.flatMap(({ source, ref }) => {
    const reason = reasonOf(source);
    return reason ? [{ ref, reason, redactions: source.redactions }] : [];
  });
  const redactedCopies = certified
    .filter(({ source }) => !reasonOf(source) && source.redactions > 0)
    .map(({ source, ref }) => ({ ref, redactions: source.redactions }));
  const table1 = exhibits.map((e) => originalsOf(e));
  const paths = new Set(table1.flatMap((t) => t.files.filter((f) => !f.inside).map((f) => f.path)));
  const inside = new Set(table1.flatMap((t) => t.files.filter((f) => f.inside).map((f) => `${f.inside}/${f.path}`)));
  const table2: ExhibitPdfRow[] = exhibits.map((e) => pdfRow(e, pdfs.get(e.label)));
  const sealedOnly = table2.filter((r) => r.public?.slipSheet).map((r) => r.label);
  const publicRecords = ctx.exhibits
    .filter((e) => e.sources.length > 0 && e.sources.every((s) => s.publicRecord))
    .map((e) => ({ label: e.label, title: e.title, bates: batesOf(e), files: e.sources.map((s) => baseName(s.path)) }));
  const stamped = lines.flatMap(({ line: i }) =>
    i.capture?.timestamp ? [{ refs: i.ref, tsa: i.capture.timestamp.tsa, genTime: i.capture.genTimeUtc! }] : [],
  );
  const g = groups;
  const n = numbered([
    "who",
    "copies",
    sealedOnly.length > 0 && "sealedOnly",
    publicRecords.length > 0 && "publicRecords",
    "qualifications",
    "knowledge",
    g.captures.length > 0 && "captures",
    g.screenshots.length > 0 && "screenshots",
    g.photos.length > 0 && "photos",
    g.exports.length > 0 && "exports",
    g.emails.length > 0 && "emails",
    g.documents.length > 0 && "documents",
    "times",
    "build",
    "transformations",
    "redaction",
    "integrity",
    "rebuild",
    "hash",
    "tables",
    "timestamps",
    "derived",
  ]);
  return {
    draft: true,
    docTitle: CERTIFICATION_TITLE(certifier.name),
    certifier: { name: certifier.name, title: certifier.title, employer: certifier.employer, qualifications: certifier.qualifications },
    exhibits: exhibitsText(
      exhibits.map((e) => e.label),
      consecutive,
    ),
    originals: paths.size,
    ...(g.screenshots.length ? { screenshotRefs: refsText(g.screenshots.map((i) => i.ref)) } : {}),
    attachments: inside.size,
    twins,
    sealedOnly,
    publicRecords,
    who,
    n,
    groups,
    times,
    typedTimes: Boolean(times.sidecar || times.case),
    timeZone: zone,
    ...(cert.clockSource ? { clockSource: cert.clockSource } : {}),
    build: { tool: `${ctx.tool.name} ${ctx.tool.version}`, browser: ctx.browser, platform: ctx.platform, by: acquirer(ctx.operator) },
    transformations: [...byText].map(([text, refs]) => ({ refs: refsText(refs), text })),
    ...(ctx.redactions > 0
      ? {
          redaction: {
            count: ctx.redactions,
            where: distinct(redacted.map((l) => l.exhibit.label)),
            bases: ctx.redactionBases,
            referenceList: twins,
          },
        }
      : {}),
    integrity: {
      atCapture: refsText(g.captures.map((i) => i.ref)),
      ...intakeFacts(
        ctx,
        lines
          .filter(({ line: i }) => !i.capture)
          .map(({ l, line: i }) => ({
            ref: i.ref,
            path: l.source.path,
            sha256s: [l.source, ...(l.source.related ?? [])].map((f) => f.sha256),
          })),
      ),
    },
    stamped,
    derived,
    redactedCopies,
    table1,
    table2,
    signature: {
      inUnitedStates: cert.inUnitedStates,
      ...(cert.signedAt ? { place: placeOf(cert.signedAt, cert.inUnitedStates) } : {}),
      name: certifier.name,
      title: certifier.title,
      employer: certifier.employer,
    },
    footer: { tool: `${ctx.tool.name} ${ctx.tool.version}`, builtAt: formatUtc(ctx.builtAt) },
  };

  /** Table 1's rows of one exhibit: each original with every file it is made of, and the attachments inside an e-mail. */
  function originalsOf(e: AppendixExhibit): ExhibitOriginals {
    const rows: ExhibitOriginals["files"] = [];
    const seen = new Set<string>();
    const add = (f: { path: string; bytes: number; sha256: `sha256:${string}` }, insideOf?: string) => {
      const key = `${insideOf ?? ""}\0${f.path}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ path: f.path, bytes: bytesText(f.bytes), sha256: hexOf(f.sha256), ...(insideOf ? { inside: insideOf } : {}) });
    };
    for (const s of e.sources.filter((x) => !x.publicRecord)) {
      add(s);
      for (const a of s.attachments ?? []) add({ path: a.filename, bytes: a.bytes, sha256: a.sha256 }, s.path);
      for (const r of s.related) add(r);
    }
    return { label: e.label, title: e.title, bates: batesOf(e), files: rows };
  }
}

function pdfRow(e: AppendixExhibit, p: ExhibitPdfs | undefined): ExhibitPdfRow {
  return {
    label: e.label,
    bates: batesOf(e),
    ...(p?.public ? { public: { ...copyOf(p.public.files), slipSheet: p.public.slipSheet } } : {}),
    ...(p?.sealed ? { sealed: copyOf(p.sealed.files) } : {}),
  };
}

/** An exhibit PDF in one copy: its first file (Part 1 when split) and how many volumes it has. */
const copyOf = (files: StoredFile[]) => ({ path: files[0]!.path, sha256: hexOf(files[0]!.sha256), volumes: files.length });

export function placeOf(at: { city: string; state?: string; country?: string }, inUnitedStates: boolean): string {
  const parts = [
    at.city,
    at.state,
    inUnitedStates && (!at.country || /^(us|usa|united states( of america)?)$/i.test(at.country)) ? undefined : at.country,
  ];
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(", ");
}

/**
 * When the first digest of each original not hashed at capture was taken, as the custody log records it: the first
 * "ingested" entry of the file (an earlier build's, or this build's when there is none). A file whose first entry
 * read other bytes is named apart: the records show it changed after it was first read.
 */
function intakeFacts(
  ctx: AppendixContext,
  files: readonly { ref: string; path: string; sha256s: readonly string[] }[],
): Pick<CertificationView["integrity"], "atIntake" | "intakeDate" | "changed"> {
  const today = formatUtc(ctx.builtAt).slice(0, 10);
  const same: { ref: string; day: string; now?: true }[] = [];
  const changed: string[] = [];
  for (const f of files) {
    const first = ctx.earlierIngests?.get(f.path);
    // Every file of the item (an export's further files, its photos) against what its first entry read.
    const unchanged = first && first.inputs.length === f.sha256s.length && [...first.inputs].sort().join() === [...f.sha256s].sort().join();
    if (first && !unchanged) changed.push(`${f.ref}, first read on ${formatUtc(first.at).slice(0, 10)}`);
    // An entry stamped with exactly this build's set time was stamped with a set time (this build's, or an earlier
    // build's with the same SOURCE_DATE_EPOCH): so a rebuild says what the first build said.
    else if (first)
      same.push({ ref: f.ref, day: formatUtc(first.at).slice(0, 10), ...(first.at === ctx.builtAt ? { now: true as const } : {}) });
    else same.push({ ref: f.ref, day: today, now: true });
  }
  const days = [...new Set(same.map((s) => s.day))].sort();
  // A build whose time is set (SOURCE_DATE_EPOCH, --as-of) stamps its custody entries with that time, not a clock's.
  const fixed =
    ctx.builtAtSource && ctx.builtAtSource !== "clock" && same.some((s) => s.now)
      ? ` (that date is the time set for the build by ${ctx.builtAtSource === "asOf" ? "--as-of" : "SOURCE_DATE_EPOCH"}, which the ` +
        "custody log's entries carry instead of a clock's time: it is not a record of the day the files were read)"
      : "";
  const intakeDate =
    days.length === 0
      ? `${today}${fixed}`
      : days.length === 1
        ? `on ${days[0]}, as the first 'ingested' entry of each in the custody log records${fixed}`
        : `between ${days[0]} and ${days.at(-1)}, as the first 'ingested' entry of each in the custody log records${fixed}`;
  return {
    atIntake: refsText(same.map((s) => s.ref)),
    intakeDate,
    ...(changed.length ? { changed: refsText(changed) } : {}),
  };
}
