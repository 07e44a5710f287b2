/**
 * `check`: completeness per defendant against the SAFE best practices for Schedule A cases (a listing
 * capture showing an asserted mark; a completed test buy shipped to the forum state; evidence of the
 * seller's location; few pages per alias) and consistency of the case (every defendant has evidence,
 * every item belongs to a defendant, every mark is used). Completeness gaps are warnings for counsel to
 * weigh; inconsistencies are errors that stop a build. Pure: no I/O.
 */
import type { CaseConfig } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import { defaultCourt } from "../court/index.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";

export type CheckLevel = "ok" | "warning" | "error";

export interface CheckFinding {
  check: string;
  level: CheckLevel;
  message: string;
  /** Where the problem is, when known: a file of the case (POSIX path from the case folder) and its line. */
  where?: FindingPlace;
}

export interface FindingPlace {
  file: string;
  line?: number;
}

/**
 * case.yaml's line of the node at a path, or of its nearest parent below the top (a top-level key not written has no
 * line), as the loaded case knows it.
 */
export type CaseLines = (path: (string | number)[]) => number | undefined;

export interface DefendantReport {
  number: number;
  id: string;
  name: string;
  pages: number;
  findings: CheckFinding[];
}

export interface CheckReport {
  ok: boolean;
  errors: number;
  warnings: number;
  /** Whether page counts of rendered evidence were estimated (check without rendering). */
  pagesEstimated: boolean;
  defendants: DefendantReport[];
  general: CheckFinding[];
  /** What the evidence says against itself (issue 20), each with its stable id; acknowledged ones keep their reason. */
  consistency?: ConsistencyFinding[];
}

const LISTING_KINDS = new Set(["listing", "screenshot"]);

export function checkCase(
  config: CaseConfig,
  items: readonly EvidenceItem[],
  exhibits: readonly PlannedExhibit[],
  pagesEstimated = false,
  lines?: CaseLines,
): CheckReport {
  const general: CheckFinding[] = [];
  const at = (...path: (string | number)[]): FindingPlace => ({ file: "case.yaml", ...lineAt(lines, path) });
  const marksOf = (it: EvidenceItem) => itemPlace(config, it, "marks");
  const markIds = new Set(config.marks.map((m) => m.id));
  const usedMarks = new Set(items.flatMap((i) => i.marks));

  for (const it of items) {
    // Documents and message logs may concern the whole case (registrations; a supervisor's log of several buys).
    if (!it.defendantId && it.kind !== "document" && it.kind !== "message-log") {
      general.push({
        check: "items-belong",
        level: "error",
        message:
          `${it.source.path} (${it.kind}) belongs to no defendant; move it into evidence/<defendant-id>/ or name a defendant in ` +
          `case.yaml`,
        where: { file: it.source.path },
      });
    }
    for (const m of it.marks)
      if (!markIds.has(m))
        general.push({
          check: "marks-exist",
          level: "error",
          message: `${it.source.path} names mark '${m}', which case.yaml does not declare`,
          where: marksOf(it),
        });
    // A live capture that did not settle, or was cut, may not show the whole page: say so before filing.
    const cap = it.capture?.record;
    if (cap && (!cap.settle.networkQuiet || !cap.settle.loadEvent || cap.page.truncated)) {
      const why = [
        !cap.settle.loadEvent ? "the page never finished loading" : "",
        !cap.settle.networkQuiet ? `the network was still busy (${cap.settle.pending.length} request(s) open)` : "",
        cap.page.truncated ? `the screenshot stops at ${cap.settings.maxHeight} px of ${cap.page.height}` : "",
      ].filter(Boolean);
      general.push({
        check: "capture-complete",
        level: "warning",
        message: `${it.capture!.folder}: ${why.join("; ")}; look at the exhibit, and capture again if content is missing`,
        where: { file: `${it.capture!.folder}/capture.json` },
      });
    }
  }
  config.marks.forEach((m, i) => {
    if (!usedMarks.has(m.id))
      general.push({
        check: "marks-used",
        level: "warning",
        message: `mark ${m.name} (${m.id}) is shown in no evidence (add marks: [${m.id}] to the sidecar of a capture that shows it)`,
        where: at("marks", i),
      });
  });
  // A court profile for another court than the caption names: its papers would be laid out for the wrong court.
  const named = defaultCourt(config.caption.court);
  if (config.court !== "federal" && config.court !== named)
    general.push({
      check: "court-profile",
      level: "warning",
      message:
        `case.yaml sets court: ${config.court}, but the caption names ${config.caption.court} (profile ${named}); ` +
        `the papers would carry ${config.court}'s caption and conventions under that court's name`,
      where: at("court"),
    });
  // S.D.N.Y. docket numbers carry the assigned judge's initials ("1:26-cv-01873 (MTO)"); the tool never guesses them.
  if (config.court === "sdny" && !/\([A-Z]{2,4}\)\s*$/.test(config.caption.caseNumber))
    general.push({
      check: "court-profile",
      level: "warning",
      message:
        `caption.caseNumber '${config.caption.caseNumber}' has no judge's initials; S.D.N.Y. papers give the number as docketed, ` +
        `with the assigned judge's initials in parentheses (like "${config.caption.caseNumber} (ABC)"): write them in case.yaml`,
      where: at("caption", "caseNumber"),
    });
  // The public Schedule A withholds who the sellers are; without identity sealing every other public paper names them.
  if (!config.sealing.identities && config.defendants.length > 0)
    general.push({
      check: "identities-public",
      level: "warning",
      message:
        "the public Schedule A withholds the sellers' names and ids (filed under seal), but sealing.identities is false, so the " +
        "public covers, exhibit index, damages table and file names name them; set sealing: { identities: true } in case.yaml, " +
        "or file Schedule A publicly",
      where: at("sealing"),
    });
  if (!config.check.forumState)
    general.push({
      check: "forum-state",
      level: "warning",
      message: "check.forumState is not set in case.yaml, so test buys cannot be checked for delivery into the forum state",
      where: at("check"),
    });

  // Each defendant's items and pages, gathered in one pass (a Schedule A case has hundreds of defendants).
  // An item counts for every defendant it names (listed under the first, cross-referenced from the others).
  const itemsOf = new Map<string | undefined, EvidenceItem[]>();
  for (const it of items) {
    for (const d of [it.defendantId, ...(it.alsoDefendants ?? [])]) {
      const list = itemsOf.get(d);
      if (list) list.push(it);
      else itemsOf.set(d, [it]);
    }
  }
  const pagesOf = new Map<string | undefined, number>();
  for (const e of exhibits) pagesOf.set(e.defendantId, (pagesOf.get(e.defendantId) ?? 0) + e.pages.length);
  const defendants = config.defendants.map((d, i): DefendantReport => {
    const own = itemsOf.get(d.id) ?? [];
    const pages = pagesOf.get(d.id) ?? 0;
    const f: CheckFinding[] = [];
    const add = (check: string, ok: boolean, okMessage: string, problem: string, level: CheckLevel = "warning") =>
      f.push(ok ? { check, level: "ok", message: okMessage } : { check, level, message: problem, where: at("defendants", i) });

    add(
      "has-evidence",
      own.length > 0,
      `${own.length} evidence item${own.length === 1 ? "" : "s"}`,
      "no evidence at all: add files under evidence/" + d.id + "/ or remove the defendant",
      "error",
    );
    const listings = own.filter((it) => LISTING_KINDS.has(it.kind));
    const withMark = listings.filter((it) => it.marks.length > 0);
    add(
      "listing-shows-mark",
      withMark.length > 0,
      `listing capture showing ${[...new Set(withMark.flatMap((it) => it.marks))].join(", ")}: ${withMark[0]?.source.path}`,
      listings.length === 0
        ? "no listing capture (screenshot or capture of the listing)"
        : "no listing capture records an asserted mark (add marks: [...] to its sidecar)",
    );
    const state = config.check.forumState;
    const buys = own.flatMap((it) => (it.payload.type === "purchases" ? it.payload.orders.map((o) => ({ it, o })) : []));
    const forum = state ? buys.filter(({ o }) => o.shipTo?.state?.toUpperCase() === state && !/cancel/i.test(o.status ?? "")) : [];
    add(
      "forum-test-buy",
      forum.length > 0,
      `test buy shipped to ${state}: order ${forum[0]?.o.orderId} (${forum[0]?.it.source.path})`,
      buys.length === 0
        ? "no purchase record (order export or generic purchases file) for a test buy"
        : state
          ? `no completed order shipped to ${state} (orders: ${buys.map(({ o }) => `${o.orderId} → ${o.shipTo?.state ?? "?"}`).join(", ")})`
          : "test buys found, but check.forumState is not set",
    );
    const loc = d.location?.trim() ?? "";
    add(
      "seller-location",
      loc !== "" && !/^unknown/i.test(loc),
      `seller location: ${loc}`,
      loc ? `seller location is '${loc}': add evidence of where the seller is` : "no seller location in case.yaml (defendants[].location)",
    );
    add(
      "page-budget",
      pages <= config.check.pagesPerAlias,
      `${pages}${pagesEstimated ? " (estimated)" : ""} pages, within ${config.check.pagesPerAlias}`,
      `${pages}${pagesEstimated ? " (estimated)" : ""} pages of evidence, over the ${config.check.pagesPerAlias}-page budget per alias ` +
        `(check.pagesPerAlias)`,
    );
    const location = f.find((x) => x.check === "seller-location");
    if (location?.where) location.where = at("defendants", i, "location");
    return { number: i + 1, id: d.id, name: d.name, pages, findings: f };
  });

  const all = [...general, ...defendants.flatMap((d) => d.findings)];
  const errors = all.filter((x) => x.level === "error").length;
  return { ok: errors === 0, errors, warnings: all.filter((x) => x.level === "warning").length, pagesEstimated, defendants, general };
}

function lineAt(lines: CaseLines | undefined, path: (string | number)[]): { line?: number } {
  const line = lines?.(path);
  return line === undefined ? {} : { line };
}

/**
 * The file that says what an item's `field` says: its case.yaml evidence entry when that sets it, else its sidecar,
 * else the evidence file itself.
 */
export function itemPlace(config: CaseConfig, it: EvidenceItem, field: string): FindingPlace {
  const entry = it.entryIndex === undefined ? undefined : config.evidence[it.entryIndex];
  if (entry && field in entry) return { file: "case.yaml", ...(entry.line ? { line: entry.line } : {}) };
  if (it.sidecar) return { file: it.sidecar.path };
  return { file: it.source.path };
}

export function formatCheckReport(r: CheckReport, caseId: string): string {
  const mark = (l: CheckLevel) => (l === "ok" ? "ok     " : l === "warning" ? "WARNING" : "ERROR  ");
  const lines = [`Checking ${caseId}`];
  for (const g of r.general) lines.push(`${mark(g.level)} ${g.check}: ${g.message}`);
  const consistency = (defendantId: string | undefined) =>
    (r.consistency ?? [])
      .filter((f) => f.defendantId === defendantId)
      .flatMap((f) => [
        `  ${f.acknowledged ? "ack    " : f.severity === "note" ? "note   " : "WARNING"} ${f.id} (${f.class}, ${f.severity}): ${f.message}`,
        ...f.items.map((it) => `      ${it.cite ?? it.itemId}: ${it.what}`),
        `      ${f.acknowledged ? `acknowledged: ${f.acknowledged}` : `an opponent would say: ${f.opponent}`}`,
      ]);
  lines.push(...consistency(undefined));
  for (const d of r.defendants) {
    lines.push("", `${d.number}. ${d.name} (${d.id})`);
    for (const x of d.findings) lines.push(`  ${mark(x.level)} ${x.check}: ${x.message}`);
    lines.push(...consistency(d.id));
  }
  lines.push(
    "",
    `${r.errors} error${r.errors === 1 ? "" : "s"}, ${r.warnings} ` +
      `warning${r.warnings === 1 ? "" : "s"}` +
      `${r.pagesEstimated ? " (page counts of rendered evidence estimated; build gives exact counts)" : ""}.`,
  );
  return lines.join("\n");
}

/** Page estimates for rendered evidence, so `check` can run without Chromium. */
export function estimateRenderedPages(items: readonly EvidenceItem[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const p = it.payload;
    if (p.type === "conversation") m.set(it.id, Math.max(1, Math.ceil(p.conversation.messages.length / 14)));
    else if (p.type === "purchases") m.set(it.id, Math.max(1, Math.ceil(p.orders.length / 2)));
    else if (p.type === "email") m.set(it.id, Math.max(1, Math.ceil(p.email.text.length / 3500)));
  }
  return m;
}
