/**
 * The appendices of one output tree, written into appendices/: Schedule A (sealed and public), the exhibit
 * index with links into bundle.pdf, and — when case.yaml configures them — the damages table and the
 * FRE 902 certification and notice. Everything comes from the same plan and the exhibit files just written.
 */
import { mkdir } from "../util/fs.js";
import { arch, platform } from "node:os";
import { join } from "node:path";
import type { BrowserSession } from "../browser/index.js";
import type { AppendixContext, AppendixExhibit } from "../model/appendix.js";
import type { LoadedCase } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { RedactionLogEntry } from "../model/redaction.js";
import {
  captionView,
  certificationModel,
  damagesCsv,
  damagesView,
  damagesXlsx,
  exhibitIndexChunks,
  exhibitIndexCsv,
  exhibitIndexRows,
  noticeModel,
  scheduleACsv,
  scheduleAColumns,
  scheduleARows,
  scheduleAXlsx,
  SCHEDULE_A_HEADERS,
} from "../appendices/index.js";
import type { DamagesTable } from "../model/damages.js";
import { coverSources, renderTemplate, templatesIdentity, type Twin } from "../render/index.js";
import { LINK_BASE, finishAppendixPiece, writeBundle } from "../pdf/index.js";
import { writeStoredFile } from "../integrity/index.js";
import { mapLimit } from "../util/concurrency.js";
import type { StoredFile } from "../model/digest.js";
import { BuildCache, type OutputReuse } from "../cache/index.js";
import { PRODUCER, TOOL } from "../util/version.js";

export const APPENDICES_DIR = "appendices";
/** Where the appendices' links to sibling files start from (they sit in appendices/, the bundle one up). */
const LINKS_FROM = "../";

export interface AppendixBuild {
  loaded: LoadedCase;
  exhibits: readonly PlannedExhibit[];
  items: Map<string, EvidenceItem>;
  /** The exhibit files as written, with their digests. */
  written: readonly { exhibit: PlannedExhibit; path: string; volumes: readonly { path: string; file: StoredFile }[] }[];
  /** bundle.pdf, or its parts, with the index of each part's first page (for the index's links). */
  bundleVolumes?: readonly { path: string; pages: number; firstPage: number }[];
  twin: Twin;
  builtAt: string;
  browser: BrowserSession;
  redactionLog: readonly RedactionLogEntry[];
  /** Computed before any output was written (errors stop the build early). */
  damages?: DamagesTable;
  /** Keeps the workbooks (exceljs is slow to load and to write; a rebuild seldom changes them) and the rendered pieces. */
  cache: BuildCache;
  /** The previous build's appendix files, linked into place when unchanged. */
  reuse: OutputReuse;
  /** Where this tree will be once the build succeeds (where the previous build's tree is now). */
  finalDir: string;
}

export async function appendixContext(b: AppendixBuild): Promise<AppendixContext> {
  const { config } = b.loaded;
  let page = 1;
  const exhibits: AppendixExhibit[] = [];
  const marks = new Map<number, string[]>();
  const bundleVolumes = b.bundleVolumes ?? [{ path: "bundle.pdf", pages: Number.MAX_SAFE_INTEGER, firstPage: 0 }];
  for (const { exhibit, path, volumes } of b.written) {
    const inBundle = [...bundleVolumes].reverse().find((v) => v.firstPage <= page - 1) ?? bundleVolumes[0]!;
    const cover = { sources: coverSources(config, exhibit, b.items) };
    exhibits.push({
      number: exhibit.number,
      label: exhibit.label,
      title: exhibit.title,
      defendantId: exhibit.defendantId,
      defendantName: exhibit.defendantName,
      batesFirst: exhibit.bates.first,
      batesLast: exhibit.bates.last,
      pages: exhibit.pages.length,
      bundlePage: page,
      bundleFile: inBundle.path,
      bundleFilePage: page - inBundle.firstPage,
      file: volumes[0]!.file,
      ...(volumes.length > 1 ? { volumes: volumes.map((v) => v.file) } : {}),
      sources: exhibit.itemIds.map((id, i) => {
        const it = b.items.get(id) as EvidenceItem;
        const c = cover.sources[i];
        return {
          path: it.source.path,
          bytes: it.source.bytes,
          sha256: it.source.sha256,
          kind: it.kind,
          media: it.media,
          ...(it.payload.type === "conversation" ? { platform: it.payload.conversation.platform } : {}),
          format: c.format,
          url: it.url,
          capturedAt: it.capturedAt,
          capturedAtSource: it.capturedAtSource,
          capturedHow: c.capturedHow,
          capturedBy: it.capturedBy,
          transformation: c.transformation,
          related: it.related ?? [],
          redactions: b.redactionLog.filter((r) => r.item === it.source.path).length,
        };
      }),
    });
    marks.set(exhibit.number, [...new Set(exhibit.itemIds.flatMap((id) => (b.items.get(id) as EvidenceItem).marks))]);
    page += exhibit.pages.length;
  }
  return {
    config,
    exhibits,
    twin: b.twin,
    builtAt: b.builtAt,
    tool: { ...TOOL },
    browser: await b.browser.version(),
    platform: `${platform()} ${arch()}, Node ${process.version}`,
    redactions: b.redactionLog.length,
    exhibitMarks: marks,
  };
}

/** Writes the appendices; returns every file written with its size and digest (taken as it was written). */
export async function writeAppendices(dir: string, b: AppendixBuild): Promise<StoredFile[]> {
  const out = join(dir, APPENDICES_DIR);
  await mkdir(out, { recursive: true });
  const files: StoredFile[] = [];
  const put = async (name: string, data: string | Uint8Array) => void files.push(await writeStoredFile(dir, `${APPENDICES_DIR}/${name}`, data));
  const ctx = await appendixContext(b);
  const { config } = ctx;
  const caption = captionView(config);
  const workbook = (inputs: unknown[], make: () => Promise<Uint8Array>) => b.cache.bytes("workbook", BuildCache.key("workbook", ...inputs, b.builtAt), make);
  // An appendix is rendered whole, or in chunks (`data` per chunk) that are joined: see exhibitIndexChunks.
  // The joined file is kept by its renders and metadata: an unchanged appendix is not parsed and saved again.
  // A piece kept from an earlier build is recalled by what it is laid out from, without templating it again.
  // An unchanged appendix is the previous build's file, linked; a changed one is written from its pieces, the
  // unchanged pieces' bytes copied from the previous file.
  const pdf = async (name: string, template: string, data: object | object[], title: string) => {
    const renders = await mapLimit([data].flat(), 2, async (d) => {
      const view = { caption, draft: false, ...d };
      const source = ["appendix", template, templatesIdentity(), view];
      return (await b.browser.recall?.(source)) ?? (await b.browser.htmlToPdf(renderTemplate(template, view), source));
    });
    const meta = { title, subject: `${config.caption.shortTitle}, No. ${config.caption.caseNumber}`, producer: PRODUCER, builtAt: b.builtAt };
    const key = BuildCache.key("appendix", renders.map((r) => BuildCache.digestOf(r).toString("hex")), meta, LINKS_FROM);
    const target = join(out, name);
    const path = `${APPENDICES_DIR}/${name}`;
    const linked = await b.reuse.reuse("appendix", key, target);
    if (linked) return void files.push({ path, ...linked });
    const previous = await b.reuse.previous(join(b.finalDir, APPENDICES_DIR, name));
    const pieces = await Promise.all(
      renders.map(async (r) => {
        const bytes = await b.cache.bytes("appendix-piece", BuildCache.key("appendix-piece", r, LINKS_FROM), () => finishAppendixPiece(r, LINKS_FROM));
        return { bytes, sha256: BuildCache.digestOf(bytes).toString("hex"), pages: await b.cache.pageCounter(r) };
      }),
    );
    const written = await writeBundle(target, pieces, meta, previous);
    b.reuse.made("appendix", key, target, written.layout);
    files.push({ path, bytes: written.bytes, sha256: written.sha256 });
  };

  // The appendices are independent: laid out at once, so Chromium prints one while another is joined. All
  // settle before the first failure (if any) is reported, so nothing writes after the build has given up.
  const rows = scheduleARows(ctx);
  const settled = await Promise.allSettled([scheduleA(), exhibitIndex(), damages(), certification()]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));

  // Schedule A: the full version is sealed material; the public version shows only the allowed columns.
  async function scheduleA() {
    const versions: { suffix: string; sealed: boolean }[] =
      b.twin === "public" ? [{ suffix: "", sealed: false }] : b.twin === "sealed" ? [{ suffix: "", sealed: true }] : [{ suffix: "", sealed: true }, { suffix: "-public", sealed: false }];
    for (const v of versions) {
      const columns = scheduleAColumns(v.sealed, config.scheduleA.publicColumns);
      await put(`schedule-a${v.suffix}.csv`, scheduleACsv(rows, columns, v.sealed));
      const title = `Schedule A — ${config.caption.shortTitle}`;
      await put(`schedule-a${v.suffix}.xlsx`, await workbook(["schedule-a", rows, columns, v.sealed, title], () => scheduleAXlsx(rows, columns, v.sealed, title, b.builtAt)));
      await pdf(
        `schedule-a${v.suffix}.pdf`,
        "schedule-a",
        {
          docTitle: "Schedule A",
          sealed: v.sealed,
          headers: [...columns.map((c) => SCHEDULE_A_HEADERS[c]), ...(v.sealed ? ["Exhibits", "Bates"] : [])],
          rows: rows.map((r) => [...columns.map((c) => String(r[c])), ...(v.sealed ? [r.exhibits, r.bates] : [])]),
        },
        `Schedule A${v.sealed ? " (filed under seal)" : " (public)"}`,
      );
    }
  }

  // Exhibit index: computed ranges, source hashes, links into bundle.pdf.
  async function exhibitIndex() {
    const index = exhibitIndexRows(ctx);
    await put("exhibit-index.csv", exhibitIndexCsv(index));
    const bundleName = (b.bundleVolumes?.length ?? 1) > 1 ? `the bundle's parts (${b.bundleVolumes![0]!.path} and on)` : "bundle.pdf";
    const chunks = exhibitIndexChunks(index);
    const chunkData = chunks.map((rows, i) => ({ docTitle: "Index of Exhibits", rows, linkBase: LINK_BASE, bundleName, first: i === 0, last: i === chunks.length - 1 }));
    await pdf("exhibit-index.pdf", "exhibit-index", chunkData, "Index of Exhibits");
  }

  // Damages (15 U.S.C. §1117), when case.yaml asks for it: exact amounts, XLSX with checkable formulas.
  async function damages() {
    if (!b.damages) return;
    const evidence = new Map(rows.map((r) => [r.defendantId, r.exhibits ? `Ex. ${r.exhibits} (${r.bates})` : ""]));
    await put("damages.csv", damagesCsv(b.damages, evidence));
    const table = b.damages;
    const caseFacts = { court: config.caption.court, caseNumber: config.caption.caseNumber, shortTitle: config.caption.shortTitle };
    await put("damages.xlsx", await workbook(["damages", table, caseFacts], () => damagesXlsx(table, caseFacts, b.builtAt)));
    await pdf("damages.pdf", "damages", { docTitle: "Statutory Damages Requested Under 15 U.S.C. § 1117(c)", draft: true, ...damagesView(table, evidence) }, "Damages table");
  }

  // FRE 902(13)/(14) certification and notice of intent, when case.yaml names a certifier.
  async function certification() {
    if (!config.certification) return;
    await pdf("certification.pdf", "certification", { ...certificationModel(ctx), caption }, "Certification under Fed. R. Evid. 902(13) and 902(14) (draft)");
    await pdf("notice-of-intent.pdf", "notice", { ...noticeModel(ctx), caption }, "Notice of intent to offer records under Fed. R. Evid. 902 (draft)");
  }
}
