/**
 * Stage 9, appendices (per twin): Schedule A (sealed and public), the exhibit index with links into bundle.pdf,
 * and — when case.yaml configures it — the damages table, and in the sealed twin the Fed. R. Civ. P. 5.2(g) reference
 * list of the redactions, written into appendices/. Everything comes from the same plan and the exhibit files just
 * written. The FRE 902 certification and notice cover both twins at once: write-certification.ts, once both exist.
 */
import { join } from "node:path";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { StoredFile } from "../model/digest.js";
import type { WrittenExhibit } from "../model/written.js";
import { LINK_BASE } from "../pdf/index.js";
import { mkdir } from "../util/fs.js";
import { writeStoredFile } from "../util/stored-files.js";
import { appendixContext, type BundleVolumes } from "./appendix-context.js";
import { APPENDICES_DIR, writeAppendixPdf } from "./appendix-pdf.js";
import { captionView } from "./context.js";
import { damagesCsv } from "./damages-csv.js";
import { damagesView } from "./damages-view.js";
import { damagesXlsx } from "./damages-xlsx.js";
import { exhibitIndexChunks, exhibitIndexCsv, exhibitIndexRows } from "./exhibit-index.js";
import { scheduleAColumns, scheduleACsv, scheduleARows, SCHEDULE_A_HEADERS } from "./schedule-a.js";
import { scheduleAXlsx } from "./schedule-a-xlsx.js";
import { REFERENCE_LIST_NAME, referenceChunks, referenceListCsv, referenceRows } from "./reference-list.js";
import { BASIS_FOR_COUNSEL } from "../model/redaction.js";
import { computeDamages, identityMask, maskStrings } from "../plan/index.js";

/** Writes the appendices; returns every file written with its size and digest (taken as it was written). */
export async function writeAppendices(
  ctx: BuildContext,
  tree: TwinTree,
  written: readonly WrittenExhibit[],
  bundle: BundleVolumes,
): Promise<StoredFile[]> {
  await mkdir(join(tree.dir, APPENDICES_DIR), { recursive: true });
  const files: StoredFile[] = [];
  const put = async (name: string, data: string | Uint8Array) =>
    void files.push(await writeStoredFile(tree.dir, `${APPENDICES_DIR}/${name}`, data));
  const actx = await appendixContext(ctx, tree.twin, written, bundle);
  // The case as this tree may name it (public tree, identity sealing: defendants by their Doe designation).
  const config = actx.config;
  const identities = ctx.loaded.config.sealing.identities;
  const caption = captionView(config);
  const workbook = (inputs: unknown[], make: () => Promise<Uint8Array>) =>
    ctx.store.bytes("workbook", ctx.store.key("workbook", { inputs, builtAt: ctx.builtAt.at }), make);
  const pdf = async (name: string, template: string, data: object | object[], title: string) =>
    void files.push(await writeAppendixPdf(ctx, tree, caption, { name, template, data, title }));
  // The sealed tree holds what differs from the public one: Schedule A (every column), the index and the certification
  // of its own exhibits, and the damages table only when the public one names defendants by their Doe designation.
  const sealedTree = tree.twin === "sealed";

  // Schedule A (and the damages table's citations) cite every exhibit of the plan, whichever tree holds it.
  const rows = scheduleARows({
    config,
    exhibits: ctx.plan.map((e) => ({
      number: e.number,
      label: e.label,
      defendantId: e.defendantId,
      ...(e.alsoDefendantIds ? { alsoDefendants: e.alsoDefendantIds.map((id) => ({ id })) } : {}),
      batesFirst: e.bates.first,
      batesLast: e.bates.last,
    })),
    exhibitMarks: new Map(ctx.plan.map((e) => [e.number, [...new Set(e.itemIds.flatMap((id) => ctx.items.get(id)?.marks ?? []))]])),
  });
  // The appendices are independent: laid out at once, so Chromium prints one while another is joined. All
  // settle before the first failure (if any) is reported, so nothing writes after the build has given up.
  const settled = await Promise.allSettled([scheduleA(), exhibitIndex(), damages(), referenceList()]);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return files.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));

  // Schedule A: the full version is sealed material; the public version shows only the allowed columns.
  async function scheduleA() {
    const versions: { suffix: string; sealed: boolean }[] =
      tree.twin === "public"
        ? [{ suffix: "", sealed: false }]
        : tree.twin === "sealed"
          ? [{ suffix: "", sealed: true }]
          : [
              { suffix: "", sealed: true },
              { suffix: "-public", sealed: false },
            ];
    for (const v of versions) {
      const columns = scheduleAColumns(v.sealed, config.scheduleA.publicColumns);
      await put(`schedule-a${v.suffix}.csv`, scheduleACsv(rows, columns, v.sealed));
      const title = `Schedule A — ${config.caption.shortTitle}`;
      await put(
        `schedule-a${v.suffix}.xlsx`,
        await workbook(["schedule-a", rows, columns, v.sealed, title], () => scheduleAXlsx(rows, columns, v.sealed, title, ctx.builtAt.at)),
      );
      await pdf(
        `schedule-a${v.suffix}.pdf`,
        "schedule-a",
        {
          docTitle: "Schedule A",
          sealed: v.sealed,
          legend: v.sealed ? ctx.sealing.legend : undefined,
          headers: [...columns.map((c) => SCHEDULE_A_HEADERS[c]), ...(v.sealed ? ["Exhibits", "Bates"] : [])],
          rows: rows.map((r) => [...columns.map((c) => String(r[c])), ...(v.sealed ? [r.exhibits, r.bates] : [])]),
        },
        `Schedule A${v.sealed ? " (filed under seal)" : " (public)"}`,
      );
    }
  }

  // Exhibit index: computed ranges, source hashes, links into bundle.pdf.
  async function exhibitIndex() {
    const index = exhibitIndexRows(actx);
    await put("exhibit-index.csv", exhibitIndexCsv(index));
    const bundleName = bundle.length > 1 ? `the bundle's parts (${bundle[0]!.path} and on)` : "bundle.pdf";
    const chunks = exhibitIndexChunks(index);
    const chunkData = chunks.map((rows, i) => ({
      docTitle: "Index of Exhibits",
      rows,
      linkBase: LINK_BASE,
      bundleName,
      first: i === 0,
      last: i === chunks.length - 1,
    }));
    await pdf("exhibit-index.pdf", "exhibit-index", chunkData, "Index of Exhibits");
  }

  // Damages (15 U.S.C. §1117), when case.yaml asks for it: exact amounts, XLSX with checkable formulas.
  async function damages() {
    if (!ctx.damages || (sealedTree && !identities)) return;
    const table =
      tree.twin === "public" && identities
        ? maskStrings(computeDamages(ctx.loaded.config.damages!, config, ctx.loaded.file), identityMask(ctx.loaded.config))
        : ctx.damages;
    const cite = (r: (typeof rows)[number]) =>
      [r.ownExhibits ? `Ex. ${r.ownExhibits} (${r.bates})` : "", r.alsoExhibits ? `see also Ex. ${r.alsoExhibits}` : ""]
        .filter(Boolean)
        .join("; ");
    const evidence = new Map(rows.map((r) => [r.defendantId, cite(r)]));
    await put("damages.csv", damagesCsv(table, evidence));
    const caseFacts = { court: config.caption.court, caseNumber: config.caption.caseNumber, shortTitle: config.caption.shortTitle };
    await put("damages.xlsx", await workbook(["damages", table, caseFacts], () => damagesXlsx(table, caseFacts, ctx.builtAt.at)));
    await pdf(
      "damages.pdf",
      "damages",
      { docTitle: "Statutory Damages Requested Under 15 U.S.C. § 1117(c)", draft: true, ...damagesView(table, evidence) },
      "Damages table",
    );
  }

  // The Fed. R. Civ. P. 5.2(g) reference list: in the sealed twin only, when anything is redacted.
  async function referenceList() {
    if (tree.twin !== "sealed" || ctx.redactions.length === 0) return;
    const all = referenceRows(ctx.redactions);
    await put(`${REFERENCE_LIST_NAME}.csv`, referenceListCsv(all));
    const chunks = referenceChunks(all);
    const data = chunks.map((rows, i) => ({
      docTitle: "Reference List of Redacted Information",
      draft: true,
      blank: BASIS_FOR_COUNSEL,
      rows: rows.map((r) => ({ ...r, sealedDiffers: r.sealedBates !== r.bates })),
      first: i === 0,
      last: i === chunks.length - 1,
      count: all.length,
      plural: all.length !== 1,
    }));
    await pdf(
      `${REFERENCE_LIST_NAME}.pdf`,
      REFERENCE_LIST_NAME,
      data,
      "Reference list of redacted information, Fed. R. Civ. P. 5.2(g) (draft)",
    );
  }
}
