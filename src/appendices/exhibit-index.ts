/**
 * The exhibit index: one row per exhibit — label, title, defendant, Bates range, the exhibit's file, and every original
 * file it is made of (each file of a thread, every chat photo and e-mail attachment: the item's source and its related
 * files) with its SHA-256 and the item's capture time — computed from the plan, never typed. Filed on CM/ECF, where each
 * exhibit is its own attachment, the index names each exhibit's file instead of linking into bundle.pdf (a link to a
 * sibling file is dead on the docket). An exhibit filed under seal is listed in the public tree's index by its label,
 * title and Bates range, "filed under seal" where its sources would be (they are in the sealed tree).
 */
import type { AppendixContext, AppendixExhibit } from "../model/appendix.js";
import { writeCsv } from "../util/csv.js";
import { formatUtc } from "../util/time.js";

export interface ExhibitIndexRow
  extends Pick<AppendixExhibit, "label" | "title" | "batesFirst" | "batesLast" | "pages" | "bundlePage" | "bundleFile" | "bundleFilePage"> {
  defendant: string;
  /** Filed under seal: this tree holds a slip sheet in its place (its sources are listed in the sealed tree's index). */
  sealed: boolean;
  /** Every original file: each item's source (with the item's capture time), then its related files. */
  sources: { path: string; capturedUtc: string; sha256: string }[];
  /** The exhibit's file name(s) as filed (a volume per part, joined by " + "), without the exhibits/ folder. */
  exhibitFileName: string;
  exhibitFile: string;
  exhibitSha256: string;
}

export function exhibitIndexRows(ctx: AppendixContext): ExhibitIndexRow[] {
  return ctx.exhibits.map((e) => ({
    label: e.label,
    title: e.title,
    defendant: (e.defendantName ?? "(whole case)") + (e.alsoDefendants ? `; also ${e.alsoDefendants.map((d) => d.name).join(", ")}` : ""),
    batesFirst: e.batesFirst,
    batesLast: e.batesLast,
    pages: e.filedUnderSeal?.pages ?? e.pages,
    sealed: Boolean(e.filedUnderSeal),
    bundlePage: e.bundlePage,
    bundleFile: e.bundleFile,
    bundleFilePage: e.bundleFilePage,
    sources: e.sources.flatMap((s) => [
      { path: s.path, capturedUtc: s.capturedAt ? formatUtc(s.capturedAt) : "not recorded", sha256: s.sha256.slice(7) },
      // The other files the item is made of: their capture time is the item's, printed once on its first file.
      ...s.related.map((f) => ({ path: f.path, capturedUtc: "", sha256: f.sha256.slice(7) })),
    ]),
    exhibitFileName: (e.volumes ?? [e.file]).map((f) => f.path.slice(f.path.lastIndexOf("/") + 1)).join(" + "),
    exhibitFile: (e.volumes ?? [e.file]).map((f) => f.path).join(" + "),
    exhibitSha256: (e.volumes ?? [e.file]).map((f) => f.sha256.slice(7)).join(" + "),
  }));
}

/** Rows per rendered chunk of the index's PDF, at least (a chunk ends where a defendant's exhibits end). */
export const INDEX_CHUNK_ROWS = 100;

/**
 * The index's rows in the chunks it is rendered in: a long index (a Schedule A case has thousands of rows) is
 * laid out by Chromium chunk by chunk, each chunk cached by its content, so a rebuild after one changed source
 * lays out one chunk instead of the whole index. Chunks end only between defendants, and each starts a page.
 */
export function exhibitIndexChunks<R extends Pick<ExhibitIndexRow, "defendant">>(rows: readonly R[], size = INDEX_CHUNK_ROWS): R[][] {
  const chunks: R[][] = [];
  let current: R[] = [];
  for (const [i, row] of rows.entries()) {
    current.push(row);
    const next = rows[i + 1];
    if (current.length >= size && (!next || next.defendant !== row.defendant)) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** One CSV row per source, so a multi-file exhibit lists every original with its hash. */
export function exhibitIndexCsv(rows: readonly ExhibitIndexRow[]): string {
  return writeCsv(
    [
      "Exhibit",
      "Title",
      "Defendant",
      "First Bates",
      "Last Bates",
      "Pages",
      "Bundle page",
      "Source file",
      "Captured (UTC)",
      "Source SHA-256",
      "Exhibit PDF",
      "Exhibit PDF SHA-256",
    ],
    rows.flatMap((r) =>
      (r.sealed ? [{ path: "(filed under seal)", capturedUtc: "", sha256: "" }] : r.sources).map((s) => [
        r.label,
        r.title,
        r.defendant,
        r.batesFirst,
        r.batesLast,
        r.pages,
        r.bundlePage,
        s.path,
        s.capturedUtc,
        s.sha256,
        r.exhibitFile,
        r.exhibitSha256,
      ]),
    ),
  );
}
