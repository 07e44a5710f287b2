/**
 * YAML text → validated value, or errors naming file, line and field. The zod room: every schema is
 * applied through here, so a user always sees "case.yaml:14:5 (field defendants[1].storeUrl): expected …".
 */
import { LineCounter, parseDocument, isNode } from "yaml";
import type { Document } from "yaml";
import type { z } from "zod";
import { InvalidInputError } from "../util/errors.js";
import { fieldName, keyMessage } from "./json.js";

export interface ParsedYaml<T> {
  value: T;
  /** 1-based line of the node at a path (or of its nearest existing parent). */
  lineOf(path: (string | number)[]): number | undefined;
}

function locate(doc: Document, counter: LineCounter, path: (string | number)[]) {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Parse YAML `source` (read from `displayPath`) and validate it with `schema`.
 * Throws one InvalidInputError per problem, collected in an array on failure.
 */
export function parseYaml<S extends z.ZodType>(
  source: string,
  displayPath: string,
  schema: S,
): ParsedYaml<z.output<S>> | { errors: InvalidInputError[] } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return new InvalidInputError({ file: displayPath, line: pos?.line, column: pos?.col }, `YAML syntax error: ${what}`);
      }),
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        const { line, column } = locate(doc, counter, path);
        let message = issue.message;
        if (issue.code === "invalid_type" && issue.input === undefined) message = "missing; this field is required";
        if (issue.code === "invalid_key") message = keyMessage(issue);
        if (issue.code === "unrecognized_keys")
          message =
            `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")} (check the ` +
            `spelling; unknown fields are refused so that typos cannot pass silently)`;
        return new InvalidInputError({ file: displayPath, line, column, field: fieldName(path) || undefined }, message);
      }),
    };
  }
  return {
    value: result.data,
    lineOf: (path) => locate(doc, counter, path).line,
  };
}
