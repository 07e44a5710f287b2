/**
 * Stages 4–9 of a build (wiring only): the plan, its check and the redaction log, then every twin's tree. A cover
 * sheet too long for one page continues on the next, and takes as many pages in the plan: the plan starts from the
 * page counts the case's covers took last time (one page each, at first) and, when a twin's covers say otherwise,
 * the trees are thrown away and the case is planned again with the counts the prints gave (at most three times).
 */
import { rm } from "node:fs/promises";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { writeCertificationPapers } from "../appendices/index.js";
import { checkCase, consistencyFindings, defendantChains, ocrTexts, staleAcknowledgements } from "../consistency/index.js";
import type { CaseConfig } from "../model/case.js";
import type { ConsistencyFinding } from "../model/consistency.js";
import type { Logger } from "../util/log.js";
import { findingInputs } from "./finding-inputs.js";
import type { BuildContext } from "../model/build-context.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { TwinOutputs } from "../model/twin-outputs.js";
import { planExhibits, planSealing, unknownSealedItems } from "../plan/index.js";
import { redactionLog, type Redactor } from "../redact/index.js";
import { sealingLegend } from "../render/index.js";
import { InvalidInputError, InvalidInputErrors } from "../util/errors.js";
import { stopOnCheckErrors } from "./check-findings.js";
import { twinTrees, writeTwin } from "./build-twin.js";

/** Everything of the BuildContext but what the plan decides. */
export type PlanInputs = Omit<BuildContext, "exhibits" | "plan" | "redactions" | "sealing" | "findings" | "chains"> & {
  redactor: Redactor;
  caseFile: string;
};

export async function planAndWrite(base: PlanInputs, dir: string, bundleDir: string): Promise<{ ctx: BuildContext; twins: TwinOutputs[] }> {
  const { loaded, store, log } = base;
  const items = [...base.items.values()];
  const rendered = new Map([...base.documents].map(([id, d]) => [id, d.planned]));
  const layoutKey = store.key("cover-layout", { caseDir: loaded.dir });
  const unknown = unknownSealedItems(loaded.config, items);
  if (unknown.length)
    throw new InvalidInputErrors(
      unknown.map(
        (p) =>
          new InvalidInputError(
            { file: base.caseFile, field: `sealing.items[${loaded.config.sealing.items.indexOf(p)}]` },
            `${p} is no evidence file of this case; name a file under evidence/ as case.yaml's evidence entries do`,
          ),
      ),
    );
  const legend = sealingLegend(loaded.config.sealing.legend, loaded.config.court);
  const chains = defendantChains({ defendants: loaded.config.defendants, items, texts: ocrTexts(base.ocr) }); // 5
  const findingsFrom = await findingInputs(loaded.dir, items, base.ocr);
  let coverPages = new Map(
    Object.entries((await store.readJson<Record<string, number>, "cover-layout">("cover-layout", layoutKey, false)) ?? {}),
  );
  for (let round = 1; ; round++) {
    const exhibits = planExhibits(loaded.config, items, rendered, coverPages); // 4
    const report = checkCase(loaded.config, items, exhibits); // 5
    stopOnCheckErrors(report, base.caseFile, log);
    const findings = new Map(report.defendants.map((d) => [d.id, d.findings.filter((f) => f.level === "warning").map((f) => f.message)]));
    log.info(`${loaded.config.id}: ${items.length} evidence items → ${exhibits.length} exhibits, ${pagesOf(exhibits)} pages`);
    const redactions = redactionLog(base.redactor.log, items, exhibits, base.documents, loaded.config.bates); // 6
    const { redactor: _r, caseFile: _c, ...rest } = base;
    const sealing = { ...planSealing(loaded.config, exhibits, base.items, differsIn(base, redactions)), legend };
    const ctx: BuildContext = Object.freeze({ ...rest, exhibits, plan: exhibits, redactions, sealing, findings, chains });
    const twins: TwinOutputs[] = [];
    const taken = new Map<string, number>();
    for (const tree of twinTrees(dir, bundleDir, sealing.twins)) {
      const t = await writeTwin(ctx, tree); // 3, 7, 8, 9
      twins.push(t.outputs);
      for (const [first, n] of t.coverPages) taken.set(first, Math.max(n, taken.get(first) ?? 1));
    }
    const planned = (e: PlannedExhibit) => e.pages.filter((p) => p.kind === "cover").length;
    if (exhibits.every((e) => planned(e) === (taken.get(e.itemIds[0]!) ?? 1))) {
      const longer = Object.fromEntries([...taken].filter(([, n]) => n > 1));
      await store.writeJson("cover-layout", layoutKey, longer);
      // 9, once both twins' exhibits exist: one certification with both copies' digests, and the notice.
      const papers = await writeCertificationPapers(ctx, twins);
      logConsistency(consistencyFindings({ config: loaded.config, items, exhibits, ...findingsFrom }), loaded.config, log); // 5
      for (const [i, t] of twins.entries()) t.hashed.push(...papers[i]!);
      return { ctx, twins };
    }
    if (round === 3) throw new Error("the cover sheets' page counts did not settle after three plans");
    log.info("a cover sheet takes more than one page: planning again with its pages");
    coverPages = new Map([...taken].filter(([, n]) => n > 1));
    base.outputs.discardPending();
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Whether the twins show an exhibit differently: a redaction in it (text, region, or a document redacted as laid out). */
function differsIn(base: PlanInputs, redactions: readonly { exhibit?: string }[]) {
  const logged = new Set(redactions.map((r) => r.exhibit));
  return (e: PlannedExhibit) =>
    logged.has(e.label) ||
    e.itemIds.some(
      (id) =>
        Boolean(base.items.get(id)?.redact?.length) ||
        Boolean(base.documents.get(id)?.redacted) ||
        Boolean(base.pdfRedactions?.get(id)?.size),
    );
}

const pagesOf = (exhibits: readonly PlannedExhibit[]) => exhibits.reduce((n, e) => n + e.pages.length, 0);

/** Each consistency finding not acknowledged in case.yaml, as a warning line with its id (check prints them in full). */
function logConsistency(findings: readonly ConsistencyFinding[], config: CaseConfig, log: Logger): void {
  for (const f of findings)
    if (!f.acknowledged && f.severity !== "note") log.info(`warning (${f.id}, ${f.class}, ${f.severity}): ${f.message}`);
  for (const id of staleAcknowledgements(config, findings))
    log.info(`warning (acknowledge): case.yaml acknowledges finding ${id}, which this evidence no longer gives`);
}
