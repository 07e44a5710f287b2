/**
 * What an output folder holds besides a case's bundle: `out/<case-id>` is a link to its current version folder
 * (src/output/slot.ts). `leftovers` lists everything else a build may have left (temporary trees, old versions,
 * pending notes, locks), the build cache aside.
 */
import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";

export function leftovers(outRoot: string, caseId: string): string[] {
  const link = join(outRoot, caseId);
  const current = existsSync(link) && lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined;
  return readdirSync(outRoot).filter((n) => n !== ".cache" && n !== caseId && n !== current);
}
