/**
 * The leak gate: every layer of a written tree (layers.ts) searched for every target — the literal values the
 * redaction removed anywhere (literals.ts: letters and digits matched across separators and line breaks) and the
 * case's rules as patterns (run on each layer's text, and again with its line breaks as spaces, so a value
 * wrapped over two lines is found). The build runs it on the public twin as its last step before the tree is
 * renamed into place; `exhibits verify --leaks` runs it on a public tree with targets taken from the sealed one.
 *
 * A leak names the rule and where (file, attachment, page, layer), never the value: logs and reports may be
 * public. Names of files and attachments are shown with whatever a target finds in them masked as "[…]".
 */
import { ExhibitsError } from "../util/errors.js";
import { extractLayers, type ExtractOptions, type Found, type Layer, type LayerKind } from "./layers.js";
import type { LiteralSet } from "./literals.js";

/** What the case's rules find in a text (redact/'s compileRules fits this shape). */
export interface PatternFinder {
  find(text: string): { start: number; end: number; rule: string }[];
}

export interface LeakTargets {
  literals: LiteralSet;
  patterns?: PatternFinder;
}

/** The rule a literal hit is reported under: a value removed somewhere, found again here. */
export const REMOVED_VALUE = "removed-value";
/** The rule of a layer the gate could not read (it cannot call it clean). */
export const UNREADABLE = "unreadable";

export interface Leak {
  /** POSIX path relative to the tree, with any target in it masked. */
  file: string;
  /** The attachments it is inside, outermost first (names masked). */
  attachment?: string[];
  page?: number;
  at?: string;
  layer: LayerKind;
  /** The rule that found it (a redaction rule, REMOVED_VALUE, or UNREADABLE). */
  rule: string;
  /** For UNREADABLE: why. */
  problem?: string;
}

const MASK = "[…]";

/** The rules that find something in one layer. */
function rulesIn(layer: Layer, targets: LeakTargets): Set<string> {
  const rules = new Set<string>();
  if (targets.literals.find(layer.text).length > 0) rules.add(REMOVED_VALUE);
  const patterns = targets.patterns;
  if (patterns)
    for (const t of layer.parts ?? [layer.text]) {
      for (const m of patterns.find(t)) rules.add(m.rule);
      if (/[\r\n]/.test(t)) for (const m of patterns.find(t.replace(/\s+/g, " "))) rules.add(m.rule);
    }
  return rules;
}

/** `name` with every span a target finds in it replaced by "[…]". */
export function maskTargets(name: string, targets: LeakTargets): string {
  const spans = [...targets.literals.find(name), ...(targets.patterns?.find(name) ?? [])].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    out += name.slice(at, Math.max(at, s.start)) + MASK;
    at = s.end;
  }
  return out + name.slice(at);
}

/** Exhibits and appendices before the bundle (which repeats the exhibits' pages), then by place. */
const order = (l: Leak): (string | number)[] => [
  /^bundle[^/]*\.pdf$/.test(l.file) ? 1 : 0,
  l.file,
  (l.attachment ?? []).join("\u0000"),
  l.page ?? 0,
  l.at ?? "",
  l.layer,
  l.rule,
  l.problem ?? "",
];
const keyOf = (l: Leak) => JSON.stringify(order(l));
function compareLeaks(a: Leak, b: Leak): number {
  const [x, y] = [order(a), order(b)];
  for (let i = 0; i < x.length; i++) {
    const [p, q] = [x[i]!, y[i]!];
    if (p !== q) return typeof p === "number" && typeof q === "number" ? p - q : String(p) < String(q) ? -1 : 1;
  }
  return 0;
}

/** Every leak in the tree at `dir`, each (file, attachment, page, place, layer, rule) once, the bundle's last. */
export async function findLeaks(dir: string, targets: LeakTargets, opts: ExtractOptions = {}): Promise<Leak[]> {
  const found = new Map<string, Leak>();
  const add = (f: Found, rule: string, problem?: string) => {
    const leak: Leak = {
      file: maskTargets(f.file, targets),
      ...(f.attachment ? { attachment: f.attachment.map((a) => maskTargets(a, targets)) } : {}),
      ...(f.page !== undefined ? { page: f.page } : {}),
      ...(f.at !== undefined ? { at: maskTargets(f.at, targets) } : {}),
      layer: f.layer,
      rule,
      ...(problem !== undefined ? { problem } : {}),
    };
    found.set(keyOf(leak), leak);
  };
  await extractLayers(
    dir,
    (f) => {
      if ("problem" in f) add(f, UNREADABLE, maskTargets(f.problem, targets));
      else for (const rule of rulesIn(f, targets)) add(f, rule);
    },
    opts,
  );
  return [...found.values()].sort(compareLeaks);
}

/** "exhibits/003 X.pdf, attachment receipt.eml › label.pdf, page 2: text (ssn-tin)". */
export function describeLeak(l: Leak, prefix = ""): string {
  const where = [
    `${prefix}${l.file}`,
    ...(l.attachment ? [`attachment ${l.attachment.join(" › ")}`] : []),
    ...(l.page !== undefined ? [`page ${l.page}`] : []),
    ...(l.at !== undefined ? [l.at] : []),
  ].join(", ");
  return l.rule === UNREADABLE ? `${where}: ${l.layer} could not be read (${l.problem})` : `${where}: ${l.layer} (${l.rule})`;
}

/** At most `max` leaks, one a line, then how many more. */
export function describeLeaks(leaks: readonly Leak[], prefix = "", max = 10): string[] {
  const lines = leaks.slice(0, max).map((l) => describeLeak(l, prefix));
  if (leaks.length > max) lines.push(`… and ${leaks.length - max} more`);
  return lines;
}

/** The build's gate found leaks in the public twin: exit 3, nothing written. */
export class LeaksFoundError extends ExhibitsError {
  constructor(
    readonly leaks: readonly Leak[],
    prefix: string,
  ) {
    super(
      [
        `the public twin still holds what the redaction removed (${leaks.length} ${leaks.length === 1 ? "place" : "places"}); ` +
          "nothing was written and the previous bundle is as it was:",
        ...describeLeaks(leaks, prefix).map((l) => `  ${l}`),
        "Redact each at its source (a redacted copy of a carried-in PDF, a sidecar `redact` box for an image, a " +
          "`redaction.patterns` entry for text) and build again.",
      ].join("\n"),
    );
  }
}
