/**
 * Small edits of a YAML text made by splicing the user's own text, so that every byte the edit does not touch stays as
 * written — the yaml package's Document.toString() keeps comments and order but re-spaces them (`key:   # note` becomes
 * `key: # note`, `{ a: 1 }` becomes `{a: 1}`) across the whole file, and a case.yaml is a file counsel reads in diffs.
 * Each splice is checked against the same edit made with the Document API: when the two texts do not read as the same
 * data, the caller takes the Document's text (correct, if re-spaced) instead.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";
import { STRINGIFY } from "./sidecar-edit.js";

type Path = (string | number)[];

/** One value on one line: `[a, b]`, `{url: …}`, a plain or quoted scalar (a text with a line break as "…\n…"). */
export function inlineYaml(value: unknown): string {
  if (typeof value === "string" && /[\r\n]/.test(value)) return JSON.stringify(value);
  const d = new Document();
  const node = d.createNode(value);
  if (isMap(node) || isSeq(node)) node.flow = true;
  d.contents = node;
  const out = d.toString(STRINGIFY).trimEnd();
  return out.includes("\n") ? JSON.stringify(value) : out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const columnOf = (text: string, at: number) => at - (text.lastIndexOf("\n", at - 1) + 1);

/** Append a map as the last item of the block sequence at `path` (undefined when it is not one). */
export function spliceAppend(text: string, path: Path, value: Record<string, unknown>): string | undefined {
  const doc = parseDocument(text);
  const seq = doc.getIn(path, true);
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return undefined;
  const pad = " ".repeat(columnOf(text, seq.range[0]));
  const lines = Object.entries(value).flatMap(([k, v], i) => {
    const lead = i === 0 ? `${pad}- ` : `${pad}  `;
    if (Array.isArray(v)) return [`${lead}${k}:`, ...v.map((x) => `${pad}    - ${inlineYaml(x)}`)];
    return [`${lead}${k}: ${inlineYaml(v)}`];
  });
  const at = seq.range[1];
  const block = lines.join("\n");
  return text[at - 1] === "\n" ? `${text.slice(0, at)}${block}\n${text.slice(at)}` : `${text.slice(0, at)}\n${block}${text.slice(at)}`;
}

/**
 * Append one value, on one line (`- {x: 1, y: 2}`), to the block sequence at `path`; when the key is absent from the
 * root map, add it at the end of the text as a block list of that one line. Undefined for anything else.
 */
export function spliceAppendLine(text: string, path: Path, value: unknown): string | undefined {
  const doc = parseDocument(text);
  const seq = doc.getIn(path, true);
  if (seq === undefined && path.length === 1 && isMap(doc.contents) && !doc.contents.flow) {
    const sep = text === "" || text.endsWith("\n") ? "" : "\n";
    return `${text}${sep}${path[0]}:\n  - ${inlineYaml(value)}\n`;
  }
  if (!isSeq(seq) || seq.flow || !seq.range || seq.items.length === 0) return undefined;
  const line = `${" ".repeat(columnOf(text, seq.range[0]))}- ${inlineYaml(value)}`;
  const at = seq.range[1];
  return text[at - 1] === "\n" ? `${text.slice(0, at)}${line}\n${text.slice(at)}` : `${text.slice(0, at)}\n${line}${text.slice(at)}`;
}

/**
 * Set (or, for undefined, remove) `key` in the block map at `path`, one line: the value's old text is replaced, a new
 * key goes after the map's last one. Undefined when the map is not a block map or the edit is not a simple one.
 */
export function spliceSet(text: string, path: Path, key: string, value: unknown): string | undefined {
  const doc = parseDocument(text);
  const map = doc.getIn(path, true);
  if (!isMap(map) || map.flow || !map.range || map.items.length === 0) return undefined;
  const pair = (map as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
  const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
  const valueNode = pair?.value as { range?: [number, number, number] } | null | undefined;
  if (pair && (!keyNode?.range || !valueNode?.range)) return undefined;
  if (value === undefined) {
    if (!pair) return text;
    const start = keyNode!.range![0];
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    if (text.slice(lineStart, start).trim() !== "") return undefined; // the first key of a list item: "- key: …"
    let end = valueNode!.range![1];
    if (text[end - 1] !== "\n") end = text.indexOf("\n", end) === -1 ? text.length : text.indexOf("\n", end) + 1;
    return text.slice(0, lineStart) + text.slice(end);
  }
  if (pair && isMap(pair.value) && !pair.value.flow && isPlainObject(value)) {
    // A block map set key by key: the comments and keys inside it stay where they are.
    let out: string | undefined = text;
    const keys = [...pair.value.items.map((p) => String((p.key as { value?: unknown }).value)), ...Object.keys(value)];
    for (const k of new Set(keys)) out = out === undefined ? undefined : spliceSet(out, [...path, key], k, value[k]);
    return out;
  }
  if (pair) {
    const colon = text.indexOf(":", keyNode!.range![1]);
    const end = valueNode!.range![1];
    if (colon < 0 || colon > end) return undefined;
    return `${text.slice(0, colon + 1)} ${inlineYaml(value)}${text[end - 1] === "\n" ? "\n" : ""}${text.slice(end)}`;
  }
  const first = (map.items[0]!.key as { range?: [number, number, number] }).range;
  if (!first) return undefined;
  const pad = " ".repeat(columnOf(text, first[0]));
  const at = map.range[1];
  const line = `${pad}${key}: ${inlineYaml(value)}`;
  return text[at - 1] === "\n" ? `${text.slice(0, at)}${line}\n${text.slice(at)}` : `${text.slice(0, at)}\n${line}${text.slice(at)}`;
}

/** Whether two YAML texts read as the same data. */
export function sameData(a: string, b: string): boolean {
  try {
    return JSON.stringify(parseDocument(a).toJS()) === JSON.stringify(parseDocument(b).toJS());
  } catch {
    return false;
  }
}
