/**
 * Stage 6 (redact), for `check` and every build: the configured redactions whose basis the filer has not named.
 * Fed. R. Civ. P. 5.2(a) supplies the basis of its four categories; a case pattern, street-address redaction or pixel
 * region rests on an order or leave only the filer can cite, so each without one is a warning, and the log and the
 * reference list show the bracketed blank for counsel in its place.
 */
import type { EvidenceItem } from "../model/evidence.js";
import { BASIS_FOR_COUNSEL, type RedactionSettings } from "../model/redaction.js";

export interface MissingBasis {
  /** The file that configures the redaction: "case.yaml", or the item's sidecar (or its case.yaml evidence entry). */
  file: string;
  field: string;
  message: string;
}

const HOW = `the redaction log and the reference list show "${BASIS_FOR_COUNSEL}" until it is named`;

export function missingBases(settings: RedactionSettings, items: readonly EvidenceItem[]): MissingBasis[] {
  const out: MissingBasis[] = [];
  settings.patterns.forEach((p, i) => {
    if (p.basis) return;
    out.push({
      file: "case.yaml",
      field: `redaction.patterns[${i}].basis`,
      message:
        `pattern '${p.name}' names no basis (Fed. R. Civ. P. 5.2(a) covers only SSN/TIN, birth dates, minors' names and ` +
        `financial-account numbers); add basis: "Protective Order, Dkt. 31" or the order or leave that allows it; ${HOW}`,
    });
  });
  if (settings.streetAddresses === true)
    out.push({
      file: "case.yaml",
      field: "redaction.streetAddresses",
      message:
        "street addresses are redacted with no basis (Fed. R. Civ. P. 5.2(a) does not cover them); write " +
        `streetAddresses: { basis: "Protective Order, Dkt. 31" } naming the order or leave that allows it; ${HOW}`,
    });
  for (const it of items) {
    const boxes = [
      ...(it.redact ?? []).map((r, i) => ({ r, field: `redact[${i}]` })),
      ...Object.entries(it.redactPhotos ?? {}).flatMap(([path, rs]) =>
        rs.map((r, i) => ({ r, field: `redactPhotos.${path.split("/").pop()}[${i}]` })),
      ),
    ];
    const which = boxes.flatMap((b) => (b.r.basis ? [] : [b.field]));
    const missing = which;
    if (missing.length === 0) continue;
    const shown = which.length > 3 ? `${which.slice(0, 3).join(", ")} and ${which.length - 3} more` : which.join(", ");
    out.push({
      file: `${it.source.path}.meta.yaml`,
      field: which[0]!,
      message:
        `${missing.length === 1 ? "pixel region" : `${missing.length} pixel regions`} (${shown}) of ${it.source.path} ` +
        `name${missing.length === 1 ? "s" : ""} no basis; add basis: "…" (the 5.2(a) paragraph, or the order or leave that ` +
        `allows it) beside reason; ${HOW}`,
    });
  }
  return out;
}
