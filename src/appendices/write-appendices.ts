/**
 * Stage 9, appendices (per twin): Schedule A (sealed and public), the exhibit index with links into bundle.pdf,
 * the investigator's declaration and the internal evidence map, and — when case.yaml configures it — the damages table,
 * and in the sealed twin the Fed. R. Civ. P. 5.2(g) reference list of the redactions, written into appendices/.
 * Everything comes from the same plan and the exhibit files just written. The FRE 902 certification and notice cover
 * both twins at once: write-certification.ts, once both exist.
 */
import { join } from "node:path";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { StoredFile } from "../model/digest.js";
import type { WrittenExhibit } from "../model/written.js";
import { mkdir } from "../util/fs.js";
import { InvalidInputErrors } from "../util/errors.js";
import { writeStoredFile } from "../util/stored-files.js";
import { appendixContext, type BundleVolumes } from "./appendix-context.js";
import { APPENDICES_DIR, writeAppendixPdf } from "./appendix-pdf.js";
import { captionView } from "./context.js";
import { damagesCsv } from "./damages-csv.js";
import { damagesView } from "./damages-view.js";
import { damagesFacts } from "./damages-facts.js";
import { damagesXlsx } from "./damages-xlsx.js";
import { exhibitIndexChunks, exhibitIndexCsv, exhibitIndexRows } from "./exhibit-index.js";
import { scheduleAColumns, scheduleACsv, scheduleAPdfRows, scheduleARows, SCHEDULE_A_HEADERS } from "./schedule-a.js";
import { scheduleAXlsx } from "./schedule-a-xlsx.js";
import { REFERENCE_LIST_NAME, referenceChunks, referenceListCsv, referenceRows } from "./reference-list.js";
import { BASIS_FOR_COUNSEL } from "../model/redaction.js";
import { computeDamages, declarantOf, identityMask, maskStrings } from "../plan/index.js";
import { declarationCsv, declarationModel } from "./declaration.js";
import { evidenceMapChainLines, evidenceMapCsv, evidenceMapLines, evidenceMapRows } from "./evidence-map.js";

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
  const settled = await Promise.allSettled([scheduleA(), exhibitIndex(), damages(), referenceList(), declaration(), evidenceMap()]);
  const failed = settled.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown);
  // Problems with the input (a final build's blanks for counsel) are reported together, from every appendix.
  if (failed.length && failed.every((e) => e instanceof InvalidInputErrors))
    throw new InvalidInputErrors(failed.flatMap((e) => (e as InvalidInputErrors).errors));
  if (failed.length) throw failed[0];
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
      await put(`schedule-a${v.suffix}.csv`, scheduleACsv(rows, columns));
      const title = `Schedule A — ${config.caption.shortTitle}`;
      await put(
        `schedule-a${v.suffix}.xlsx`,
        await workbook(["schedule-a", rows, columns, title], () => scheduleAXlsx(rows, columns, title, ctx.builtAt.at)),
      );
      await pdf(
        `schedule-a${v.suffix}.pdf`,
        "schedule-a",
        {
          docTitle: "Schedule A",
          sealed: v.sealed,
          legend: v.sealed ? ctx.sealing.legend : undefined,
          headers: columns.map((c) => SCHEDULE_A_HEADERS[c]),
          rows: scheduleAPdfRows(rows, columns),
        },
        `Schedule A${v.sealed ? " (filed under seal)" : " (public)"}`,
      );
    }
  }

  // Exhibit index: computed ranges, each exhibit's file, every original file with its hash (no links: see exhibit-index.ts).
  async function exhibitIndex() {
    const index = exhibitIndexRows(actx);
    await put("exhibit-index.csv", exhibitIndexCsv(index));
    const chunks = exhibitIndexChunks(index);
    const chunkData = chunks.map((rows, i) => ({
      docTitle: "Index of Exhibits",
      rows,
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
    const mask = tree.twin === "public" && identities ? identityMask(ctx.loaded.config) : undefined;
    const all = damagesFacts(ctx, new Map(rows.map((r) => [r.defendantId, cite(r)])));
    const facts = mask ? new Map([...all].map(([id, f]) => [id, maskStrings(f, mask)])) : all;
    await put("damages.csv", damagesCsv(table, facts));
    const caseFacts = { court: config.caption.court, caseNumber: config.caption.caseNumber, shortTitle: config.caption.shortTitle };
    await put("damages.xlsx", await workbook(["damages", table, caseFacts], () => damagesXlsx(table, caseFacts, ctx.builtAt.at)));
    await pdf(
      "damages.pdf",
      "damages",
      { docTitle: "Statutory Damages Requested Under 15 U.S.C. § 1117(c)", draft: true, ...damagesView(table, facts) },
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
      // The blank is explained only when some row has it (a final build refuses any).
      blank: all.some((r) => r.basis === BASIS_FOR_COUNSEL) ? BASIS_FOR_COUNSEL : undefined,
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

  // The investigator's declaration (FRE 901(b)(1)), when case.yaml names a declarant: in the sealed or single tree, and
  // in the public tree when nothing in it is sealed but identities (masked there; the URLs of sealed exhibits withheld).
  async function declaration() {
    const sealedOnly = new Set(ctx.plan.filter((e) => ctx.sealing.placement.get(e.label) === "sealed").map((e) => e.label));
    const sealedForMore = [...sealedOnly].some((l) => ctx.sealing.why.get(l) !== "identifies a seller");
    if (tree.twin === "public" && sealedForMore) return;
    const view = declarationModel({
      config,
      plan: ctx.plan,
      items: ctx.items,
      ...(tree.twin === "public" ? { mask: identityMask(ctx.loaded.config), sealedOnly } : {}),
    });
    if (!view) return;
    await put("declaration.csv", declarationCsv(view));
    await pdf("declaration.pdf", "declaration", { ...view, caption }, `${view.docTitle} (draft)`);
  }

  // The internal evidence map: the sealed tree, or the single one. Each defendant's chain comes from the build (stage 5).
  async function evidenceMap() {
    if (tree.twin === "public") return;
    const map = evidenceMapRows(ctx.loaded.config, ctx.plan, declarantOf(ctx.loaded.config) !== undefined, ctx.chains ?? []);
    await put("evidence-map.csv", evidenceMapCsv(map));
    const view = { docTitle: "Evidence Map", lines: evidenceMapLines(map), chainLines: evidenceMapChainLines(map) };
    await pdf("evidence-map.pdf", "evidence-map", view, "Evidence map (internal)");
  }
}
