/**
 * Where a character Chromium could not draw came from. The printer knows only the characters
 * (browser/glyph-check.ts); the view models a print was laid out from know the documents: this finds the
 * fields of a model that hold a character and names them as the redaction log names places ("message
 * M00012", "order 114-… item", "header Subject"), so the build's error points at the file and message.
 */
import { undrawnError, UndrawnCharactersError, type UndrawnPlace } from "../browser/index.js";
import type { CoverModel } from "./cover-model.js";

type Path = (string | number)[];

/** The paths of the strings in `value` that hold `ch`. */
export function pathsHolding(value: unknown, ch: string, path: Path = [], out: Path[] = []): Path[] {
  if (typeof value === "string") {
    if (value.includes(ch)) out.push(path);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsHolding(v, ch, [...path, i], out);
  } else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) if (k !== "thumbnail") pathsHolding(v, ch, [...path, k], out);
  return out;
}

const at = (model: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), model);

const FIELD_WORDS: Record<string, string> = {
  lines: "item",
  shipTo: "ship-to",
  links: "link",
  attachments: "attachment",
  reactions: "reaction",
  notes: "note",
};

/** A rendered document's field, in the words of the redaction log. */
export function documentField(model: unknown, path: Path): string {
  const [top, i, field, j] = path;
  if (top === "messages" && typeof i === "number") {
    const ref = at(model, [top, i, "ref"]);
    const part = typeof field === "string" && field !== "text" ? ` ${FIELD_WORDS[field] ?? field}` : "";
    return `message ${String(ref)}${part}`;
  }
  if (top === "orders" && typeof i === "number") {
    const id = at(model, [top, i, "orderId"]);
    const detail = field === "details" && typeof j === "number" ? at(model, [top, i, field, j, "label"]) : undefined;
    return `order ${String(id)} ${typeof detail === "string" ? detail : (FIELD_WORDS[String(field)] ?? String(field))}`;
  }
  if (top === "headers" && typeof i === "number") return `header ${String(at(model, [top, i, "name"]))}`;
  if (top === "attachments" && typeof i === "number") {
    const name = at(model, [top, i, "filename"]) ?? at(model, [top, i, "name"]);
    return `attachment ${String(name)}`;
  }
  if (top === "body") return "email body";
  if (top === "title") return "thread title";
  if (top === "participants" && typeof i === "number") return `participant ${i + 1}`;
  return path.filter((k) => k !== "segments" && k !== "text").join(".");
}

const CASE_FIELDS: Record<string, string> = {
  defendant: "defendants (name)",
  defendantDetail: "defendants (platform, sellerId)",
  court: "caption.court",
  caseNumber: "caption.caseNumber",
  shortTitle: "caption.shortTitle",
};

/** The places of a character on a cover sheet: the case.yaml field or the source file it comes from. */
export function coverPlaces(cover: CoverModel, firstFile: string | undefined, ch: string): UndrawnPlace[] {
  const sheet = `on the cover sheet of Exhibit ${cover.label}`;
  return pathsHolding(cover, ch).map((path): UndrawnPlace => {
    const [top, i, field] = path;
    const caseField = CASE_FIELDS[String(top)];
    if (caseField) return { file: "case.yaml", field: `${caseField} ${sheet}` };
    if (top === "sources" && typeof i === "number") return { file: cover.sources[i]!.file, field: `${String(field)} ${sheet}` };
    return { file: firstFile ?? "case.yaml", field: `${path.join(".")} ${sheet}` };
  });
}

/**
 * `print`, with an UndrawnCharactersError turned into the build's error naming where each character is:
 * `places` finds them; `document` names the print when a character is in none of them (template text).
 */
export async function naming<T>(print: Promise<T>, document: string, places: (ch: string) => UndrawnPlace[]): Promise<T> {
  try {
    return await print;
  } catch (e) {
    if (e instanceof UndrawnCharactersError) throw await undrawnError(e.undrawn, document, places);
    throw e;
  }
}
