/**
 * `exhibits review`'s way to the case (the ReviewBackend port of src/review/): the case loaded, taken in and planned as
 * `check` does, with `check`'s findings; an edit written to the item's sidecar and logged in the custody log as the
 * operator's; a rebuild run as `exhibits build` runs it (in this process), and the pages of its exhibits rendered.
 */
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { planExhibits } from "../plan/index.js";
import { estimateRenderedPages } from "../consistency/index.js";
import { appendCustodyEntry } from "../custody/index.js";
import { pngOfPdfPage } from "../pdf/raster.js";
import { REACHED_VIA } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { Manifest } from "../model/manifest.js";
import { writeSidecarEdit } from "../review/sidecar-write.js";
import type { RebuildOutcome, ReviewBackend, ReviewItem, ReviewState, SidecarChanges } from "../review/types.js";
import { ExhibitsError } from "../util/errors.js";
import { PRODUCER } from "../util/version.js";
import { check } from "./check.js";
import { reviewFindings } from "./review-findings.js";

export interface ReviewBackendOptions {
  cwd: string;
  caseDir: string;
  /** Output root of the rebuilds (as `build --out`). */
  out: string;
  env?: NodeJS.ProcessEnv;
  /** Who edits: recorded as the actor of each edit's custody entry. */
  operator?: string;
}

interface Loaded {
  dir: string;
  markIds: Set<string>;
  /** case.yaml's `operator`, the last word on who edits (after --operator and EXHIBITS_OPERATOR). */
  operator?: string;
  items: Map<string, ReviewItem>;
  state: ReviewState;
}

const SIDECAR = ".meta.yaml";
const PAGE_DPI = 60;

/** The backend of one review session of the case `opts.caseDir`. */
export function reviewBackend(opts: ReviewBackendOptions): ReviewBackend {
  let loaded: Loaded | undefined;
  let built: { trees: { twin: string; manifest: Manifest; dir: string }[] } | undefined;
  const load = async () => (loaded = await loadReview(opts, built?.trees));
  return {
    state: async () => (await load()).state,
    imageFile: (id) => {
      const item = loaded?.items.get(id);
      return item?.image ? join(loaded!.dir, item.path) : undefined;
    },
    edit: async (id, changes) => {
      const l = loaded ?? (await load());
      const item = l.items.get(id);
      if (!item) return undefined;
      const outcome = await writeSidecarEdit(l.dir, item, changes, l.markIds);
      if (outcome.ok) await logEdit(opts, l.operator, l.dir, item, outcome.written, changes);
      return outcome;
    },
    rebuild: async (progress) => {
      const outcome = await runBuild(opts, progress);
      if (outcome.trees) built = { trees: outcome.trees };
      return { ok: outcome.ok, message: outcome.message };
    },
    exhibitPage: async (id, twin, page) => {
      const label = loaded?.items.get(id)?.exhibit;
      const tree = built?.trees.find((t) => t.twin === twin);
      const exhibit = tree?.manifest.exhibits.find((e) => e.label === label);
      if (!tree || !exhibit || page > exhibit.pages) return undefined;
      return pngOfPdfPage(join(tree.dir, exhibit.file.path), page - 1, PAGE_DPI);
    },
  };
}

async function loadReview(opts: ReviewBackendOptions, trees?: { twin: string; manifest: Manifest }[]): Promise<Loaded> {
  const dir = resolve(opts.cwd, opts.caseDir);
  try {
    const lc = { ...(await loadCase(dir)), displayDir: opts.caseDir };
    const { items } = await intakeEvidence(lc);
    const exhibits = planExhibits(lc.config, items, estimateRenderedPages(items));
    const labelOf = new Map(exhibits.flatMap((e) => e.itemIds.map((id) => [id, e.label] as const)));
    const reviewItems = new Map(items.map((it) => [it.id, reviewItem(it, labelOf.get(it.id))]));
    const report = await check({ cwd: opts.cwd, caseDir: opts.caseDir, out: opts.out, ...(opts.env ? { env: opts.env } : {}) })
      .then((r) => r.report)
      .catch(() => undefined); // what check refuses, the load above has refused already
    const state: ReviewState = {
      caseId: lc.config.id,
      title: lc.config.caption.shortTitle,
      marks: lc.config.marks.map((m) => ({ id: m.id, name: m.name })),
      reachedViaHows: [...REACHED_VIA],
      ...reviewFindings(lc.config, items, report),
      items: [...reviewItems.values()],
      ...(trees ? { built: builtExhibits(trees) } : {}),
    };
    const operator = lc.config.operator;
    return { dir, markIds: new Set(lc.config.marks.map((m) => m.id)), ...(operator ? { operator } : {}), items: reviewItems, state };
  } catch (e) {
    if (!(e instanceof ExhibitsError)) throw e;
    // The case does not load (a sidecar refused, say): the page shows why, and the rest once it is fixed by hand.
    const general = e.message.split("\n").map((message) => ({ level: "error" as const, check: "case", message, itemIds: [] }));
    const state = {
      caseId: "",
      title: opts.caseDir,
      marks: [],
      reachedViaHows: [...REACHED_VIA],
      defendants: [],
      otherItemIds: [],
      items: [],
      general,
    };
    return { dir, markIds: new Set(), items: new Map(), state };
  }
}

function reviewItem(it: EvidenceItem, exhibit: string | undefined): ReviewItem {
  const image = it.payload.type === "image" ? { width: it.payload.width, height: it.payload.height } : undefined;
  return {
    id: it.id,
    path: it.source.path,
    sidecar: it.source.path + SIDECAR,
    kind: it.kind,
    title: it.title,
    ...(it.description ? { description: it.description } : {}),
    ...(it.defendantId ? { defendantId: it.defendantId } : {}),
    marks: [...it.marks],
    ...(it.reachedVia ? { reachedVia: { ...it.reachedVia } } : {}),
    ...(image ? { image } : {}),
    redact: (it.redact ?? []).map((r) => ({ ...r })),
    ...(exhibit ? { exhibit } : {}),
  };
}

function builtExhibits(trees: { twin: string; manifest: Manifest }[]): NonNullable<ReviewState["built"]> {
  const labels = [...new Set(trees.flatMap((t) => t.manifest.exhibits.map((e) => e.label)))];
  return {
    exhibits: labels.map((label) => {
      const found = trees.flatMap((t) => t.manifest.exhibits.filter((e) => e.label === label && !e.filedUnderSeal).map((e) => ({ t, e })));
      return { label, pages: Math.max(0, ...found.map((f) => f.e.pages)), twins: found.map((f) => f.t.twin) };
    }),
  };
}

/** The edit as a custody entry: who (the operator), the sidecar, and its digest before and after. */
async function logEdit(
  opts: ReviewBackendOptions,
  caseOperator: string | undefined,
  dir: string,
  item: ReviewItem,
  written: { path: string; before?: string; after: string; fields: string[] },
  changes: SidecarChanges,
): Promise<void> {
  const operator = [opts.operator, (opts.env ?? process.env).EXHIBITS_OPERATOR, caseOperator].map((s) => s?.trim()).find(Boolean);
  await appendCustodyEntry(dir, opts.caseDir, {
    event: "edited",
    item_id: item.path,
    at_utc: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    actor: operator ?? "operator not recorded",
    tool: `${PRODUCER} review`,
    host: hostname(),
    inputs: written.before ? [written.before] : [],
    outputs: [written.after],
    details: {
      sidecar: written.path,
      before: written.before ?? "absent",
      after: written.after,
      fields: written.fields.join(", "),
      ...(changes.addRedact ? { box: boxText(changes.addRedact) } : {}),
    },
  });
}

const boxText = (b: { x: number; y: number; width: number; height: number }) => `${b.x},${b.y} ${b.width}×${b.height}`;

async function runBuild(
  opts: ReviewBackendOptions,
  progress: (line: string) => void,
): Promise<RebuildOutcome & { trees?: { twin: string; dir: string; manifest: Manifest }[] }> {
  const { build } = await import("./build.js");
  try {
    const r = await build({ cwd: opts.cwd, caseDir: opts.caseDir, out: opts.out, log: { info: progress }, ...buildExtras(opts) });
    const m = r.manifest;
    return {
      ok: true,
      message: `Built ${m.exhibits.length} exhibits, ${m.bates.pages} pages (${m.bates.first}–${m.bates.last})`,
      trees: r.trees,
    };
  } catch (e) {
    if (e instanceof ExhibitsError) return { ok: false, message: e.message };
    throw e;
  }
}

function buildExtras(opts: ReviewBackendOptions) {
  return { ...(opts.env ? { env: opts.env } : {}), ...(opts.operator ? { operator: opts.operator } : {}) };
}
