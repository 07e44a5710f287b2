/**
 * What goes under seal (PURE), decided once after the plan and redaction log (stage 4/6), for every tree:
 *  - an exhibit the twins show differently (anything redacted in it) is in both trees: redacted in public/,
 *    unredacted under seal in sealed/;
 *  - an exhibit forced under seal (`sealing.items`, or `sealed: true` on its evidence) and, with
 *    `sealing.identities`, an exhibit that identifies a seller (see identifiesSeller) is filed under seal only:
 *    sealed/ holds it, public/ holds a one-page slip sheet in its place with its Bates range;
 *  - every other exhibit is the same in both, and is in public/ only (sealed/ would be a second copy of it).
 * Bates numbers are the plan's in every tree. Twins are written when anything is redacted or sealed.
 */
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { Placement, SealingPlan, Twin } from "../model/twin.js";
import { exhibitFileName } from "./file-name.js";
import { fileLabelFor } from "./labels.js";
import { doeName, identityMask } from "./identities.js";

/** Kinds of evidence that show who the seller is: its pages (listings, screenshots), its messages, the test buy and its photos. */
const IDENTIFYING_KINDS = new Set<EvidenceItem["kind"]>(["listing", "screenshot", "purchase", "message-log", "photo"]);

/**
 * Whether an exhibit identifies a seller, for identity sealing: it concerns a defendant (listed under one, or
 * naming one) and one of its items is a capture of the seller's pages, a screenshot, a test buy, a message log or a
 * photo (of goods received: the parcel's label names the sender) — or its URL is on a defendant's store. Documents
 * (a registration certificate, a letter) do not, unless their URL is; the leak gate still hunts their text.
 */
export function identifiesSeller(config: CaseConfig, exhibit: PlannedExhibit, items: ReadonlyMap<string, EvidenceItem>): boolean {
  const concerns = exhibit.defendantId !== undefined || (exhibit.alsoDefendantIds?.length ?? 0) > 0;
  const stores = config.defendants.map((d) => d.storeUrl).filter((u): u is string => Boolean(u));
  return exhibit.itemIds.some((id) => {
    const it = items.get(id);
    if (!it) return false;
    if (concerns && (IDENTIFYING_KINDS.has(it.kind) || it.capture !== undefined)) return true;
    return it.url !== undefined && stores.some((s) => it.url!.startsWith(s));
  });
}

/** Evidence paths `sealing.items` names that are no item of the case (each is an error for case.yaml). */
export function unknownSealedItems(config: CaseConfig, items: readonly EvidenceItem[]): string[] {
  const known = new Set(items.flatMap((it) => [it.id, it.source.path]));
  return config.sealing.items.filter((p) => !known.has(p.replace(/^\.\//, "")));
}

export function planSealing(
  config: CaseConfig,
  exhibits: readonly PlannedExhibit[],
  items: ReadonlyMap<string, EvidenceItem>,
  /** Whether the twins show the exhibit differently (it has a redaction). */
  differs: (e: PlannedExhibit) => boolean,
): SealingPlan {
  const forced = new Set(config.sealing.items.map((p) => p.replace(/^\.\//, "")));
  const placement = new Map<string, Placement>();
  const why = new Map<string, string>();
  for (const e of exhibits) {
    const its = e.itemIds.map((id) => items.get(id)).filter((it): it is EvidenceItem => it !== undefined);
    const reason = its.some((it) => forced.has(it.id) || forced.has(it.source.path))
      ? "sealing.items"
      : its.some((it) => it.sealed)
        ? "sealed: true"
        : config.sealing.identities && identifiesSeller(config, e, items)
          ? "identifies a seller"
          : undefined;
    if (reason) why.set(e.label, reason);
    placement.set(e.label, reason ? "sealed" : differs(e) ? "both" : "public");
  }
  const twins = config.sealing.identities || [...placement.values()].some((p) => p !== "public");
  return { twins, placement, why };
}

/** The words a slip sheet gives in place of a sealed exhibit's title (the public tree never shows more of it). */
export const SLIP_TITLE = "Filed under seal";

/**
 * The exhibits one tree holds, as that tree names them: `single` and `sealed` as planned (sealed: those placed in
 * it); `public` every exhibit, defendants by their Doe designation under identity sealing, and each sealed-only
 * exhibit as a slip sheet (one cover page, `filedUnderSeal` the pages its Bates range spans under seal).
 */
export function twinExhibits(config: CaseConfig, exhibits: readonly PlannedExhibit[], plan: SealingPlan, twin: Twin): PlannedExhibit[] {
  if (twin === "single") return [...exhibits];
  if (twin === "sealed") return exhibits.filter((e) => plan.placement.get(e.label) !== "public");
  const mask = identityMask(config);
  const rank = new Map(config.defendants.map((d, i) => [d.id, i + 1]));
  return exhibits.map((e): PlannedExhibit => {
    const slip = plan.placement.get(e.label) === "sealed";
    const defendantName = config.sealing.identities && e.defendantId ? doeName(rank.get(e.defendantId) ?? 0) : e.defendantName;
    const title = slip ? `${SLIP_TITLE}: ${mask(e.title)}` : mask(e.title);
    const fileLabel = fileLabelFor(config.labels, e.number - 1, exhibits.length);
    const renamed = config.sealing.identities || slip;
    return {
      ...e,
      title,
      ...(defendantName ? { defendantName } : {}),
      ...(renamed ? { fileName: exhibitFileName(fileLabel, defendantName, slip ? `${SLIP_TITLE} - ${mask(e.title)}` : title) } : {}),
      ...(slip ? { pages: [e.pages[0]!], filedUnderSeal: { pages: e.pages.length } } : {}),
    };
  });
}
