/**
 * `verify --leaks`: the build's leak gate (leaks/) run again on a public tree, offline. The targets come from the
 * sealed twin, which is meant to hold them: every value the case's rules find in any layer of the sealed tree is
 * hunted as a literal in every layer of the public one, and the rules themselves run there as patterns. A hit, or
 * a layer that cannot be read, is a failed check naming file, attachment, page and layer (never the value).
 */
import { describeLeaks, findLeaks, type PatternFinder } from "../leaks/gate.js";
import { extractLayers } from "../leaks/layers.js";
import { LiteralSet, literalOf, type Literal } from "../leaks/literals.js";
import type { CheckResult } from "./verify.js";

/** Leaks listed in the report; the rest are counted. */
const LISTED = 50;

export const LEAKS_CHECK =
  "no layer of the public tree (page text, metadata, bookmarks, annotations, attachments and what they hold, file names, " +
  "cells) holds a value the case's rules find in the sealed tree, nor anything the rules find";

/** The values `rules` find in any layer of the tree at `dir`, as literal targets. */
export async function valuesIn(dir: string, rules: PatternFinder): Promise<Literal[]> {
  const values = new Map<string, Literal>();
  await extractLayers(dir, (f) => {
    if ("problem" in f) return;
    for (const t of f.parts ?? [f.text])
      for (const s of /[\r\n]/.test(t) ? [t, t.replace(/\s+/g, " ")] : [t])
        for (const m of rules.find(s)) {
          const l = literalOf(s.slice(m.start, m.end));
          if (l) values.set(l.folded, l);
        }
  });
  return [...values.values()];
}

export async function leakCheck(publicDir: string, sealedDir: string, rules: PatternFinder, rulesFrom: string): Promise<CheckResult> {
  const literals = new LiteralSet(await valuesIn(sealedDir, rules));
  const leaks = await findLeaks(publicDir, { literals, patterns: rules });
  const problems = describeLeaks(leaks, "", LISTED);
  return {
    name: "leaks",
    description: LEAKS_CHECK,
    ok: leaks.length === 0,
    problems,
    detail: `${literals.size} values found in the sealed tree by ${rulesFrom}`,
  };
}
