/**
 * What a parsed YAML document may look like before it is turned into values: at most MAX_DEPTH levels of nesting,
 * no tags but YAML's plain core ones (a `!!js/function` or any custom tag is refused, never resolved), no key twice
 * in one map, and aliases that together expand to at most MAX_EXPANDED nodes (an "alias bomb" of nested anchors grows
 * exponentially). The first problem is returned with the offset of the node that has it, for its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";
import type { Alias, Document, Node } from "yaml";

export const MAX_DEPTH = 64;
/** Aliases in one document (yaml's toJS guard, also applied there). */
export const MAX_ALIASES = 100;
/** Nodes the aliases of one document may stand for, together, once expanded. */
export const MAX_EXPANDED = 10_000;

const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "seq", "map"].map((t) => `tag:yaml.org,2002:${t}`));

export interface ShapeProblem {
  offset?: number;
  message: string;
}

const startOf = (n: Node | Alias) => n.range?.[0];

/** The first thing wrong with the document's shape, or undefined. */
export function shapeProblem(doc: Document): ShapeProblem | undefined {
  const expanded = new Map<unknown, number>();
  let aliases = 0;
  let viaAliases = 0;
  let problem: ShapeProblem | undefined;
  const fail = (n: Node | Alias, message: string) => {
    problem ??= { offset: startOf(n), message };
    return 0;
  };
  // The number of nodes `n` stands for (aliases expanded), or 0 once a problem is found.
  const walk = (n: unknown, depth: number): number => {
    if (problem || n === null || n === undefined) return 0;
    if (isAlias(n)) {
      if (++aliases > MAX_ALIASES) return fail(n, `uses more than ${MAX_ALIASES} aliases (*name); write the values out plainly`);
      const target = n.resolve(doc);
      const size = target ? (expanded.get(target) ?? 1) : 1;
      viaAliases += size;
      if (viaAliases > MAX_EXPANDED)
        return fail(n, `its aliases expand to more than ${MAX_EXPANDED} values (an alias bomb?); write the values out plainly`);
      return size;
    }
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) return 1;
    if (depth > MAX_DEPTH) return fail(n, `is nested more than ${MAX_DEPTH} levels deep; a case file needs only a few`);
    if (n.tag && !CORE_TAGS.has(n.tag)) {
      const tag = n.tag.replace(/^tag:yaml\.org,2002:/, "!!");
      return fail(n, `the tag ${tag} is not allowed: YAML tags are never run or resolved here; remove it and write a plain value`);
    }
    let size = 1;
    if (isMap(n)) {
      const keys = new Set<string>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          if (keys.has(key)) return fail(pair.key as Node, `the key '${key.slice(0, 60)}' appears twice in one map; keep one`);
          keys.add(key);
        }
        size += walk(pair.key, depth + 1) + walk(pair.value, depth + 1);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) size += walk(item, depth + 1);
    }
    if (n.anchor) expanded.set(n, size);
    return size;
  };
  walk(doc.contents, 1);
  return problem;
}
