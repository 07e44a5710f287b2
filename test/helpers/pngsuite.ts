/** The PngSuite corpus: every PNG variant and 14 corrupt files (names starting with x). */
import { readdirSync } from "node:fs";
import { join } from "node:path";

// The shared corpus sits beside the repository (../shared/corpus); EXHIBITS_CORPUS overrides the location.
export const SUITE = join(process.env.EXHIBITS_CORPUS ?? join(import.meta.dirname, "../../../shared/corpus"), "pngsuite/png");
const files = readdirSync(SUITE)
  .filter((f) => f.endsWith(".png"))
  .sort();
export const corrupt = files.filter((f) => f.startsWith("x"));
export const valid = files.filter((f) => !f.startsWith("x"));
