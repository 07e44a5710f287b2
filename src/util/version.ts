/** The tool's own name and version, read from package.json (recorded in every manifest and PDF). */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version } as const;
export const PRODUCER = `${pkg.name} ${pkg.version}`;

let code: string | undefined;

/**
 * Which code is running, finer than the version: the digest of every source file, as bin/compiled.js names
 * the compiled form by it (dist/cli-<digest>/). Run from the compiled form, it is read from the folder's
 * name; run from the sources, it is taken the same way (test/util/version.test.ts checks the two agree), so
 * a build run either way recalls what the other recorded. Whatever is recalled from an earlier build without
 * being re-derived (a whole intake reading, say) is keyed by it: a changed parser never serves a stale
 * reading, even before the version is bumped.
 */
export function codeIdentity(): string {
  if (code) return code;
  const here = fileURLToPath(import.meta.url);
  const compiled = /[\\/]dist[\\/]cli-([0-9a-f]{16})[\\/]/.exec(here);
  if (compiled) return (code = compiled[1]!);
  const src = join(dirname(here), "..");
  const h = createHash("sha256").update("exhibits-cli-1\0");
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|js)$/.test(e.name)) h.update(p.slice(src.length)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  walk(src);
  return (code = h.digest("hex").slice(0, 16));
}
