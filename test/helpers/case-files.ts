/** A case folder written for a test: its case.yaml and the files given (paths relative to the case, folders made). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./cli.js";

export function caseWithFiles(caseYaml: Buffer | string, files: Record<string, Buffer | string>): string {
  const dir = tempDir();
  writeFileSync(join(dir, "case.yaml"), caseYaml);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), data);
  }
  return dir;
}
