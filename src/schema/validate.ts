/**
 * YAML text → validated value, or errors naming file, line and field. The zod room: every schema is
 * applied through here, so a user always sees "case.yaml:14:5 (field defendants[1].storeUrl): expected …".
 * The text is bounded before it is parsed (yaml-text.ts), and the document before it is turned into values
 * (yaml-shape.ts: nesting depth, tags, duplicate keys, aliases), so no YAML file costs more than a glance to refuse.
 */
import { LineCounter, parseDocument, isNode } from "yaml";
import type { Document } from "yaml";
import type { z } from "zod";
import { InvalidInputError } from "../util/errors.js";
import { fieldName, keyMessage } from "./json.js";
import { MAX_ALIASES, MAX_DEPTH, shapeProblem } from "./yaml-shape.js";
import { yamlText } from "./yaml-text.js";

export interface ParsedYaml<T> {
  value: T;
  /** 1-based line of the node at a path (or of its nearest existing parent). */
  lineOf(path: (string | number)[]): number | undefined;
  /** The same, but undefined where even the top-level key is not written (not the document's first line). */
  lineWithin(path: (string | number)[]): number | undefined;
}

function locate(doc: Document, counter: LineCounter, path: (string | number)[], depth = 0) {
  for (let n = path.length; n >= depth; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return depth > 0 ? undefined : { line: 1, column: 1 };
}

function syntaxMessage(message: string): string {
  if (/call stack/i.test(message)) return `nested too deeply (more than ${MAX_DEPTH} levels); a case file needs only a few`;
  return `YAML syntax error: ${message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
}

/**
 * Parse YAML `source` (read from `displayPath`) and validate it with `schema`. Bytes are checked first (size bound
 * `maxBytes`, UTF-8, no NUL or other control characters). Returns every problem found, or the value.
 */
export function parseYaml<S extends z.ZodType>(
  source: string | Uint8Array,
  displayPath: string,
  schema: S,
  maxBytes: number = Number.POSITIVE_INFINITY,
): ParsedYaml<z.output<S>> | { errors: InvalidInputError[] } {
  let text: string;
  try {
    text = typeof source === "string" ? source : yamlText(source, displayPath, maxBytes);
  } catch (e) {
    if (e instanceof InvalidInputError) return { errors: [e] };
    throw e;
  }
  const counter = new LineCounter();
  // uniqueKeys is checked in shapeProblem: the parser's own check compares every key with every other (a 10 MB
  // map of keys would take minutes).
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined) =>
    offset === undefined ? {} : { line: counter.linePos(offset).line, column: counter.linePos(offset).col };
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => new InvalidInputError({ file: displayPath, ...at(e.pos[0]) }, syntaxMessage(e.message))),
    };
  }
  const shape = shapeProblem(doc);
  if (shape) return { errors: [new InvalidInputError({ file: displayPath, ...at(shape.offset) }, shape.message)] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (e) {
    const message = `cannot be read as data (${(e as Error).message}); write the values out plainly`;
    return { errors: [new InvalidInputError({ file: displayPath, line: 1 }, message)] };
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        const { line, column } = locate(doc, counter, path)!;
        let message = issue.message;
        if (issue.code === "invalid_type" && issue.input === undefined) message = "missing; this field is required";
        if (issue.code === "invalid_key") message = keyMessage(issue);
        if (issue.code === "unrecognized_keys") message = unknownKeys(issue.keys);
        return new InvalidInputError({ file: displayPath, line, column, field: fieldName(path) || undefined }, message);
      }),
    };
  }
  return {
    value: result.data,
    lineOf: (path) => locate(doc, counter, path)!.line,
    lineWithin: (path) => (path.length ? locate(doc, counter, path, 1)?.line : undefined),
  };
}

function unknownKeys(keys: readonly string[]): string {
  const listed = keys
    .slice(0, 5)
    .map((k) => `'${k.length > 40 ? `${k.slice(0, 39)}…` : k}'`)
    .join(", ");
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : "";
  return (
    `unknown field${keys.length > 1 ? "s" : ""} ${listed}${more} (check the spelling; unknown fields are refused so that typos ` +
    "cannot pass silently)"
  );
}
