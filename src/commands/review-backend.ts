/**
 * `exhibits review`'s way to the case (the ReviewBackend port of src/review/): the case loaded, taken in and planned as
 * `check` does, with `check`'s findings; an edit written to the item's sidecar and logged in the custody log as the
 * operator's; a rebuild run as `exhibits build` runs it (in this process), and the pages of its exhibits rendered.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadCase } from "../case/index.js";
import { intakeEvidence } from "../intake/index.js";
import { planExhibits } from "../plan/index.js";
import { estimateRenderedPages } from "../consistency/index.js";
import { pngOfPdfPage } from "../pdf/raster.js";
import { REACHED_VIA } from "../model/case.js";
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import { REDACTION_LOG_FILE, type Manifest } from "../model/manifest.js";
import { type LogRow, readRedactionLog, redactedPage, suggestedBoxes } from "../review/redaction-log.js";
import type { RebuildOutcome, ReviewBackend, ReviewItem, ReviewState } from "../review/types.js";
import { ExhibitsError } from "../util/errors.js";
import { readFile } from "../util/fs.js";
import { check } from "./check.js";
import { editItem, groupItems, type EditContext } from "./review-edits.js";
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

type Trees = { twin: string; manifest: Manifest; dir: string }[];

const SIDECAR = ".meta.yaml";
const PAGE_DPI = 60;

/** The backend of one review session of the case `opts.caseDir`. */
export function reviewBackend(opts: ReviewBackendOptions): ReviewBackend {
  let loaded: Loaded | undefined;
  let built: { trees: Trees } | undefined;
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
      return item ? editItem(editContext(opts, l), item, changes) : undefined;
    },
    group: async (req) => {
      const l = loaded ?? (await load());
      return groupItems(editContext(opts, l), l.items, req);
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

function editContext(opts: ReviewBackendOptions, l: Loaded): EditContext {
  const operator = [opts.operator, (opts.env ?? process.env).EXHIBITS_OPERATOR, l.operator].map((s) => s?.trim()).find(Boolean);
  return { dir: l.dir, shownDir: opts.caseDir, markIds: l.markIds, ...(operator ? { operator } : {}) };
}

/**
 * The last build's redaction log (the sealed twin's): from this session's rebuild, else from the output folder of an
 * earlier `exhibits build` with the same --out. Empty when there is none (nothing redacted, or never built).
 */
async function lastLog(opts: ReviewBackendOptions, caseId: string, trees?: Trees): Promise<LogRow[]> {
  const sealed = trees?.find((t) => t.twin === "sealed")?.dir ?? resolve(opts.cwd, opts.out, caseId, "sealed");
  const file = join(sealed, REDACTION_LOG_FILE);
  return existsSync(file) ? readRedactionLog(await readFile(file, "utf8")) : [];
}

async function loadReview(opts: ReviewBackendOptions, trees?: Trees): Promise<Loaded> {
  const dir = resolve(opts.cwd, opts.caseDir);
  try {
    const lc = { ...(await loadCase(dir)), displayDir: opts.caseDir };
    const { items } = await intakeEvidence(lc);
    const exhibits = planExhibits(lc.config, items, estimateRenderedPages(items));
    const labelOf = new Map(exhibits.flatMap((e) => e.itemIds.map((id) => [id, e.label] as const)));
    const log = await lastLog(opts, lc.config.id, trees);
    const firstBates = new Map((trees?.[0]?.manifest.exhibits ?? []).map((e) => [e.label, e.bates.first]));
    const reviewItems = new Map(
      items.map((it) => {
        const r = reviewItem(it, labelOf.get(it.id), lc.config);
        if (r.image) r.suggested = suggestedBoxes(log, it.id, r.redact);
        const page = r.exhibit && firstBates.has(r.exhibit) ? redactedPage(log, it.id, firstBates.get(r.exhibit)!, r.redact) : undefined;
        if (page) r.redactedPage = page;
        return [it.id, r];
      }),
    );
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

/** The item fields (and boxes) an entry sets: they win over the sidecar's, so the page edits them in the entry. */
const ENTRY_FIELDS = ["title", "description", "marks", "reachedVia", "redact"];

function reviewItem(it: EvidenceItem, exhibit: string | undefined, config: CaseConfig): ReviewItem {
  const image = it.payload.type === "image" ? { width: it.payload.width, height: it.payload.height } : undefined;
  const e = it.entryIndex === undefined ? undefined : config.evidence[it.entryIndex];
  const entry = e && {
    index: it.entryIndex!,
    fields: ENTRY_FIELDS.filter((k) => (e as unknown as Record<string, unknown>)[k] !== undefined),
    files: e.files.length,
    ...(e.line ? { line: e.line } : {}),
  };
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
    ...(entry ? { entry } : {}),
  };
}

function builtExhibits(trees: Trees): NonNullable<ReviewState["built"]> {
  const labels = [...new Set(trees.flatMap((t) => t.manifest.exhibits.map((e) => e.label)))];
  return {
    exhibits: labels.map((label) => {
      const found = trees.flatMap((t) => t.manifest.exhibits.filter((e) => e.label === label && !e.filedUnderSeal).map((e) => ({ t, e })));
      return { label, pages: Math.max(0, ...found.map((f) => f.e.pages)), twins: found.map((f) => f.t.twin) };
    }),
  };
}

async function runBuild(opts: ReviewBackendOptions, progress: (line: string) => void): Promise<RebuildOutcome & { trees?: Trees }> {
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
