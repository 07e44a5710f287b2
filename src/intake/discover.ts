/**
 * Stage 2 (intake): find evidence files: everything under `evidence/` (the folder convention `evidence/<defendant-id>/…`)
 * plus files named by explicit case.yaml entries. Refuses paths and symlinks that leave the case folder.
 */
import { lstat, readdir, realpath, stat } from "../util/fs.js";
import { entryKind, notRegularMessage } from "../util/input-file.js";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Problems } from "./problems.js";

export const EVIDENCE_DIR = "evidence";
export const SIDECAR_SUFFIX = ".meta.yaml";

export interface FoundFile {
  /** POSIX path relative to the case folder. */
  rel: string;
  abs: string;
}

/** Names that file managers leave behind; never evidence. */
const IGNORED = new Set([".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep"]);

export function toPosix(p: string): string {
  return p.split(sep).join("/");
}

/**
 * Resolve `rel` inside `caseDir`, following symlinks: its real path, or why it is refused (it is absolute, missing,
 * or ends up outside the case folder).
 */
export async function insideCase(caseDir: string, rel: string): Promise<{ real: string } | { problem: string }> {
  if (isAbsolute(rel)) return { problem: "evidence paths must be relative to the case folder, not absolute" };
  const abs = resolve(caseDir, rel);
  const realCase = await realpath(caseDir);
  const outside = (p: string) => p !== realCase && !p.startsWith(realCase + sep);
  if (outside(resolve(realCase, rel))) return { problem: "path leaves the case folder; evidence must live inside it" };
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    return { problem: "no such file" };
  }
  if (outside(real)) return { problem: `is a link to ${real}, outside the case folder; copy the file in instead` };
  return { real };
}

/** Walk evidence/ recursively in a stable order; a link that leaves the case folder is a problem, and is skipped. */
export async function discoverEvidence(
  caseDir: string,
  displayDir: string,
  problems: Problems,
  sidecars: string[] = [],
): Promise<FoundFile[]> {
  const root = join(caseDir, EVIDENCE_DIR);
  const found: FoundFile[] = [];
  const visited = new Set<string>(); // real paths of folders walked: a link loop is walked once
  const rootStat = await lstat(root).catch(() => undefined);
  if (!rootStat) return found;
  const rootShown = toPosix(join(displayDir, EVIDENCE_DIR));
  if (rootStat.isSymbolicLink()) {
    const inside = await insideCase(caseDir, EVIDENCE_DIR);
    if ("problem" in inside) {
      problems.add({ file: rootShown }, inside.problem);
      return found;
    }
  }
  const rootReal = await stat(root).catch(() => undefined);
  if (!rootReal?.isDirectory()) {
    problems.add({ file: rootShown }, rootReal ? `is ${entryKind(rootReal)}; expected the evidence folder` : "is a broken link");
    return found;
  }
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (IGNORED.has(entry.name) || entry.name.startsWith("._")) continue;
      const abs = join(dir, entry.name);
      const rel = toPosix(relative(caseDir, abs));
      const shown = toPosix(join(displayDir, rel));
      if (entry.isSymbolicLink()) {
        const inside = await insideCase(caseDir, rel);
        if ("problem" in inside) {
          problems.add({ file: shown }, inside.problem);
          continue;
        }
        const st = await lstat(inside.real);
        if (st.isDirectory()) await walk(abs);
        else if (!st.isFile()) problems.add({ file: shown }, `links to something that ${notRegularMessage(st)}`);
        else if (!rel.endsWith(SIDECAR_SUFFIX)) found.push({ rel, abs: inside.real });
      } else if (entry.isDirectory()) {
        await walk(abs);
      } else if (entry.isFile()) {
        if (entry.name.endsWith(SIDECAR_SUFFIX)) sidecars.push(rel);
        else found.push({ rel, abs });
      } else {
        problems.add({ file: shown }, notRegularMessage(await lstat(abs)));
      }
    }
  };
  await walk(root);
  return found;
}
