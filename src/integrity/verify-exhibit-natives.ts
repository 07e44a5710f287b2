/**
 * `verify <exhibit.pdf>` of an exhibit whose natives are kept beside it (the court's CM/ECF takes no PDF with embedded
 * files): the PDF carries none, so its natives are checked from its bundle's manifest — the files the manifest lists
 * for the exhibit are the ones its provenance record names, and each, read from the bundle (only a regular file
 * inside it, never through a link), still has the size and SHA-256 both record.
 */
import { dirname } from "node:path";
import type { ExhibitProvenance, ManifestExhibit } from "../model/manifest.js";
import { hexOf } from "../util/hash.js";
import { hashRegular } from "./bundle-files.js";
import { nativeRecordProblems } from "./exhibit-pdf-checks.js";

export const NATIVES_CHECK =
  "each native kept beside the exhibit (natives/…, where the court takes no embedded files) is the file the bundle's manifest " +
  "lists for it, with the SHA-256 its provenance record and the manifest give";

export interface NativesFindings {
  problems: string[];
  detail: string;
}

/**
 * @param manifest the bundle's manifest (its path, how to show it) and the exhibit's entry there; undefined when none
 * was given or found.
 */
export async function checkExhibitNatives(
  shown: string,
  prov: ExhibitProvenance,
  manifest: { path?: string; shown: string; entry?: ManifestExhibit } | undefined,
): Promise<NativesFindings> {
  const kept = prov.sources.filter((s) => s.native);
  if (kept.length === 0) {
    const attached = prov.sources.some((s) => s.attached) ? " (they are attached)" : "";
    return { problems: [], detail: `not applicable: no native of this exhibit is kept beside it${attached}` };
  }
  const where = [...new Set(kept.map((s) => dirname(s.native!)))].join(", ");
  const count = `${kept.length} native${kept.length === 1 ? "" : "s"}`;
  if (!manifest?.path)
    return {
      problems: [
        `not checked: ${count} of this exhibit ${kept.length === 1 ? "is" : "are"} kept beside it in its bundle (${where}/), not ` +
          `inside the PDF; give the bundle's manifest: --manifest <bundle>/manifest.json (found by itself when the PDF is in the ` +
          `bundle's exhibits/ folder)`,
      ],
      detail: "",
    };
  if (!manifest.entry) return { problems: [`not checked: ${manifest.shown} has no entry for Exhibit ${prov.exhibit}`], detail: "" };
  const problems = nativeRecordProblems(shown, prov, manifest.entry.natives);
  const root = dirname(manifest.path);
  let hashed = 0;
  for (const n of manifest.entry.natives ?? []) {
    const actual = await hashRegular(root, n.path).catch((e: Error) => e);
    if (actual instanceof Error) {
      problems.push(`${actual.message} (looked for beside ${manifest.shown})`);
      continue;
    }
    hashed++;
    if (actual.bytes !== n.bytes || actual.sha256 !== n.sha256)
      problems.push(
        `${n.path}: altered (${actual.bytes} bytes, sha256 ${hexOf(actual.sha256)}; the manifest records ${n.bytes} bytes, ` +
          `${hexOf(n.sha256)})`,
      );
  }
  return { problems, detail: `${hashed} of ${count} kept beside it (${where}/) re-hashed, from the bundle of ${manifest.shown}` };
}
