/**
 * Stage 4, plan (PURE): evidence items → planned exhibits. No I/O, no clock.
 *
 * Order (documented in README "Exhibit order"):
 *  1. case-wide evidence (files directly in evidence/, or entries without a defendant) first;
 *  2. then each defendant in the order of `defendants` in case.yaml;
 *  3. within a group: natural order of each exhibit's first file path ("2-x" before "10-x"), so file-name
 *     prefixes set the order; an explicit entry sorts by its first file, and ties keep case.yaml order.
 * Files named by one case.yaml entry form one exhibit; every other file is its own exhibit.
 * Labels and Bates ranges follow that order, gapless across the whole bundle.
 */
import type { CaseConfig } from "../model/case.js";
import type { EvidenceItem } from "../model/evidence.js";
import type { PageSpec, PlannedExhibit } from "../model/exhibit.js";
import { LETTER } from "./layout.js";
import { assignBates } from "./bates.js";
import { fileLabelFor, labelFor } from "./labels.js";
import { compareNatural } from "./natural-order.js";
import { paginateItem } from "./paginate.js";
import { exhibitFileName } from "./file-name.js";

export { lettersFor, labelFor, fileLabelFor } from "./labels.js";
export { exhibitFolderName } from "./file-name.js";
export { doeName, identityMask, identityTargets, maskStrings, ownDomain, publicCase, type IdentityMask } from "./identities.js";
export { identifiesSeller, planSealing, twinExhibits, unknownSealedItems, SLIP_TITLE } from "./sealing.js";
export { assignBates, formatBates } from "./bates.js";
export { compareNatural } from "./natural-order.js";
export { paginateItem } from "./paginate.js";
export { splitIntoVolumes, volumeFileName, VOLUME_OVERHEAD } from "./volumes.js";
export type { Volume } from "./volumes.js";
export { computeDamages } from "./damages/index.js";
export { ocrPages } from "./ocr-pages.js";
export { MARGIN, LETTER, contentBox } from "./layout.js";
export {
  declarantOf,
  declarationParagraph,
  exhibitHeading,
  exhibitKey,
  scheduleANumber,
  INTRO_PARAGRAPHS,
  type Declarant,
} from "./declaration.js";

interface Group {
  key: string;
  defendantId?: string;
  entryIndex?: number;
  items: EvidenceItem[];
}

export function planExhibits(
  config: CaseConfig,
  items: readonly EvidenceItem[],
  renderedPages: ReadonlyMap<string, number> = new Map(),
  /** Pages of a cover that continues past its first page, by the exhibit's first item id (default 1). */
  coverPages: ReadonlyMap<string, number> = new Map(),
): PlannedExhibit[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const key = item.entryIndex !== undefined ? `entry:${item.entryIndex}` : `file:${item.id}`;
    const g = groups.get(key) ?? { key, defendantId: item.defendantId, entryIndex: item.entryIndex, items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  const rank = new Map(config.defendants.map((d, i) => [d.id, i]));
  const sorted = [...groups.values()].sort((a, b) => {
    const ra = a.defendantId === undefined ? -1 : (rank.get(a.defendantId) ?? Number.MAX_SAFE_INTEGER);
    const rb = b.defendantId === undefined ? -1 : (rank.get(b.defendantId) ?? Number.MAX_SAFE_INTEGER);
    if (ra !== rb) return ra - rb;
    const byPath = compareNatural(a.items[0].id, b.items[0].id);
    if (byPath !== 0) return byPath;
    return (a.entryIndex ?? Number.MAX_SAFE_INTEGER) - (b.entryIndex ?? Number.MAX_SAFE_INTEGER);
  });

  const pageLists: PageSpec[][] = sorted.map((g) => {
    // Files of one case.yaml entry keep the order in which the entry lists them (intake keeps it).
    const covers = Array.from(
      { length: coverPages.get(g.items[0]!.id) ?? 1 },
      (_, index): PageSpec => ({ kind: "cover", size: LETTER, index }),
    );
    return [...covers, ...g.items.flatMap((it) => paginateItem(it, renderedPages.get(it.id)))];
  });
  const ranges = assignBates(
    config.bates,
    pageLists.map((p) => p.length),
  );
  const names = new Map(config.defendants.map((d) => [d.id, d.name]));

  return sorted.map((g, i) => {
    const label = labelFor(config.labels, i);
    const fileLabel = fileLabelFor(config.labels, i, sorted.length);
    const defendantName = g.defendantId ? names.get(g.defendantId) : undefined;
    const title = g.items.length === 1 ? g.items[0].title : (g.items.find((it) => it.title)?.title ?? g.items[0].title);
    const also = [...new Set(g.items.flatMap((it) => it.alsoDefendants ?? []))].filter((d) => d !== g.defendantId);
    also.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    return {
      number: i + 1,
      label,
      title,
      defendantId: g.defendantId,
      defendantName,
      ...(also.length ? { alsoDefendantIds: also } : {}),
      itemIds: g.items.map((it) => it.id),
      pages: pageLists[i],
      bates: ranges[i],
      fileName: exhibitFileName(fileLabel, defendantName, title),
    };
  });
}
