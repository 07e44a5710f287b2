/**
 * The redaction log of a build: every redaction made in rendered text (recorded by the Redactor as documents
 * were laid out) and every pixel region of an image, each named by its exhibit, in bundle order (exhibit
 * order, then the order the redactions were made within each item). Never the removed text. Entries name their item
 * by id: the file's path, or for one of several selections from an export, that path and its case.yaml entry.
 */
import type { EvidenceItem } from "../model/evidence.js";
import type { PlannedExhibit } from "../model/exhibit.js";
import type { RedactionLogEntry } from "../model/redaction.js";

const LAYER_WORDS = { ocr: "found in the image's OCR words", "dom-text": "found in the capture's page text" } as const;

export function redactionLog(
  textRedactions: readonly RedactionLogEntry[],
  items: readonly EvidenceItem[],
  exhibits: readonly PlannedExhibit[],
): RedactionLogEntry[] {
  const regions = items.flatMap((it) =>
    (it.redact ?? []).map(
      (r, i): RedactionLogEntry => ({
        item: it.id,
        place:
          `${r.layer ? `${LAYER_WORDS[r.layer]}, ` : ""}region ${i + 1} ` +
          `(x ${r.x}, y ${r.y}, ${r.width}×${r.height} px)${r.reason ? ` — ${r.reason}` : ""}`,
        rule: r.rule ?? "region",
      }),
    ),
  );
  const labelOf = new Map(exhibits.flatMap((e) => e.itemIds.map((id) => [id, e.label] as const)));
  const numberOf = new Map(exhibits.map((e) => [e.label, e.number]));
  const log = [...textRedactions, ...regions].map((e) => ({ ...e, exhibit: labelOf.get(e.item) }));
  const position = new Map(log.map((e, i) => [e, i]));
  return log.sort(
    (a, b) => (numberOf.get(a.exhibit ?? "") ?? 0) - (numberOf.get(b.exhibit ?? "") ?? 0) || position.get(a)! - position.get(b)!,
  );
}
