/**
 * What a hostile case that must build (exit 0) asserts of its output: the bundle's manifest holds an exhibit made
 * from the case's file, and what that exhibit's pages say (pdftotext).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GOOD_CASE_ID } from "../good-case.js";

interface ManifestLike {
  exhibits: { sources: { path: string }[]; file: { path: string }; pages: number }[];
}

function manifest(outDir: string): ManifestLike | undefined {
  const file = join(outDir, GOOD_CASE_ID, "manifest.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ManifestLike) : undefined;
}

/** A check: the bundle has an exhibit made from `source` (a case path), of `pages` pages when given. */
export function builtFrom(source: string, pages?: number): (outDir: string) => string | undefined {
  return (outDir) => {
    const exhibit = manifest(outDir)?.exhibits.find((e) => e.sources.some((s) => s.path === source));
    if (!exhibit) return `no exhibit in the manifest is made from ${source}`;
    if (pages !== undefined && exhibit.pages !== pages) return `the exhibit of ${source} has ${exhibit.pages} pages, expected ${pages}`;
    return undefined;
  };
}

/** A check: the exhibit made from `source` says `words` (its text, cover sheet included, matches). */
export function exhibitSays(source: string, words: RegExp): (outDir: string) => string | undefined {
  return (outDir) => {
    const exhibit = manifest(outDir)?.exhibits.find((e) => e.sources.some((s) => s.path === source));
    if (!exhibit) return `no exhibit in the manifest is made from ${source}`;
    const text = execFileSync("pdftotext", ["-layout", join(outDir, GOOD_CASE_ID, exhibit.file.path), "-"], { encoding: "utf8" });
    return words.test(text.replace(/\s+/g, " ")) ? undefined : `the exhibit of ${source} does not say ${words}`;
  };
}
