/**
 * JSON text → validated value, or problems naming the field. The boundary for the JSON files anyone may
 * have edited (manifest.json, timestamps.json, an exhibit's provenance record, custody-log.jsonl lines,
 * capture.json's text boxes): each is parsed here, once, through its schema, never trusted as
 * `JSON.parse(...) as T`. Callers put the problems where their users look (a failing verify check, an
 * InvalidInputError naming file and line). Loads zod but not yaml, so a caller that reads only JSON stays light.
 */
import type { z } from "zod";

/** One thing wrong with a JSON value: where (a.b[0].c, absent for the whole value) and what. */
export interface FieldProblem {
  field?: string;
  message: string;
}

export type JsonResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** `defendants[1].storeUrl`: the path of an issue as a user writes it (also used for YAML, see validate.ts). */
export function fieldName(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) s += typeof p === "number" ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

const MISSING = "missing; this field is required";

/** A value as a message shows it: short, and never the whole of a long text. */
function shown(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
  return String(v);
}

/** A record's key refused by its schema: the key and the schema's own words (zod says only "Invalid key in record"). */
export function keyMessage(issue: { input?: unknown; issues: readonly { message: string }[] }): string {
  return `the key ${shown(issue.input)}: ${issue.issues.map((i) => i.message).join("; ")}`;
}

const TYPE_WORDS: Record<string, string> = { int: "a whole number", array: "a list", object: "an object", record: "an object" };

/**
 * Messages for the issues a schema leaves to zod's defaults. A message the schema sets itself (a regex's
 * "expected sha256: …", a literal's "unsupported manifest version") wins over these.
 */
const jsonMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? MISSING : `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${shown(issue.input)}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${shown(issue.input)}`;
    case "invalid_key":
      return keyMessage(issue);
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const op = issue.code === "too_small" ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return `expected a number ${op} ${String(bound)}, got ${shown(issue.input)}`;
      const words = issue.code === "too_small" ? (issue.inclusive ? "at least" : "more than") : issue.inclusive ? "at most" : "fewer than";
      const unit = issue.origin === "string" ? "character" : "item";
      return `expected ${words} ${String(bound)} ${unit}${Number(bound) === 1 ? "" : "s"}`;
    }
    default:
      return undefined;
  }
};

/** Validate an already-parsed JSON value. */
export function checkJson<S extends z.ZodType>(data: unknown, schema: S): JsonResult<z.output<S>> {
  const result = schema.safeParse(data, { error: jsonMessages, reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const field = fieldName(issue.path);
      return field ? { field, message: issue.message } : { message: issue.message };
    }),
  };
}

/** Parse JSON text and validate it; text that is not JSON is one problem for the whole value. */
export function parseJson<S extends z.ZodType>(text: string, schema: S): JsonResult<z.output<S>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ message: `not valid JSON (${(e as Error).message})` }] };
  }
  return checkJson(data, schema);
}

/** "exhibits[0].bates.first: expected string, got 7" (or the bare message for the whole value). */
export function describeProblem(p: FieldProblem): string {
  return p.field ? `${p.field}: ${p.message}` : p.message;
}
