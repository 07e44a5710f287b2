/**
 * Stage 7, exhibits: the natives kept beside an exhibit (natives/<file label>/…) when the court's CM/ECF takes no PDF
 * with embedded files. Each is a byte-for-byte copy of its source, hashed as it is written and compared with the
 * SHA-256 intake took (a source changed while the build ran stops it). Through the output store like every finished
 * file: an unchanged copy from the previous build is linked in, never the case's own file (an edit in the bundle must
 * never reach the evidence).
 */
import { dirname, join } from "node:path";
import type { BuildContext, TwinTree } from "../model/build-context.js";
import type { ManifestNative } from "../model/manifest.js";
import { InvalidInputError } from "../util/errors.js";
import { mkdir } from "../util/fs.js";
import { hexOf } from "../util/hash.js";
import { writeHashed } from "../util/hashed-write.js";
import type { NativeCopy } from "./natives.js";

/** Writes (or reuses) each native into the tree; gives each as the manifest lists it. */
export async function writeNatives(ctx: BuildContext, tree: TwinTree, natives: readonly NativeCopy[]): Promise<ManifestNative[]> {
  const written: ManifestNative[] = [];
  for (const n of natives) {
    const target = join(tree.dir, n.path);
    await mkdir(dirname(target), { recursive: true });
    // The key is the content itself: a copy is the same file whatever exhibit or build it was made for.
    const key = ctx.store.key("exhibit", { parts: [], info: { native: n.sha256, bytes: n.bytes } });
    const file = await ctx.outputs.output({ kind: "exhibit", key, target }, async () => {
      const got = await writeHashed(target, await n.data());
      if (got.sha256 !== n.sha256 || got.bytes !== n.bytes)
        throw new InvalidInputError(
          { file: n.from },
          `changed while the build ran (now ${got.bytes} bytes, sha256 ${hexOf(got.sha256)}; read as ${n.bytes} bytes, ` +
            `sha256 ${hexOf(n.sha256)}); leave the evidence as it is and build again`,
        );
      return got;
    });
    written.push({ path: n.path, bytes: file.bytes, sha256: file.sha256, source: n.source });
  }
  return written;
}
