/**
 * What to capture: URLs from the command line (one defendant for all), or rows of a CSV file
 * (`url, defendant, marks, note`, optionally `hide` and `click`). Each row is checked on its own: a bad
 * row becomes a rejected target naming the file and line, and the good rows still run.
 */
import type { CaseConfig } from "../model/case.js";
import type { SourceLocation } from "../util/errors.js";
import { InvalidInputError, formatLocation } from "../util/errors.js";
import { columnIndexes, readCsvFile } from "../util/csv.js";

export interface CaptureTarget {
  url: string;
  defendant: string;
  marks: string[];
  note?: string;
  /** Extra selectors for this URL (CSV columns), added to the case's and the flags'. */
  hide: string[];
  click: string[];
  /** Where the target was given: the CSV line, or the argument position. */
  where: SourceLocation;
}

export interface RejectedTarget {
  url?: string;
  defendant?: string;
  where: SourceLocation;
  reason: "invalid-url" | "input";
  message: string;
}

export type TargetCheck = { ok: true; target: CaptureTarget } | { ok: false; rejected: RejectedTarget };

const COLUMNS = { url: ["url"], defendant: ["defendant"], marks: ["marks"], note: ["note"], hide: ["hide"], click: ["click"] } as const;
const REQUIRED = ["url", "defendant", "marks", "note"] as const;

/** Only http(s) pages on a named host are captured; anything else is refused before a browser starts. */
export function checkUrl(raw: string): { url: string } | { problem: string } {
  const text = raw.trim();
  if (!text) return { problem: "the URL is empty" };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return {
      problem: `'${text}' is not a valid URL; expected an absolute http:// or https:// address such as https://www.example.com/item/123`,
    };
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return { problem: `'${text}' uses ${u.protocol.slice(0, -1)}:, expected an http:// or https:// address` };
  if (!u.hostname) return { problem: `'${text}' names no host` };
  if (u.username || u.password)
    return {
      problem: `'${text}' carries a user name or password; log in another way (credentials in a URL would be written into the evidence)`,
    };
  return { url: u.href };
}

/** Split a list cell: "a, b" or "a;b" for marks; selectors are separated by ";" (commas belong to CSS). */
function list(cell: string | undefined, sep: RegExp): string[] {
  return (cell ?? "")
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);
}

function checkRow(
  config: CaseConfig,
  fields: { url: string; defendant: string; marks: string[]; note?: string; hide: string[]; click: string[] },
  where: SourceLocation,
): TargetCheck {
  const url = checkUrl(fields.url);
  if ("problem" in url)
    return {
      ok: false,
      rejected: {
        url: fields.url,
        defendant: fields.defendant,
        where,
        reason: "invalid-url",
        message: `${formatLocation(where)}: ${url.problem}`,
      },
    };
  const defendants = config.defendants.map((d) => d.id);
  if (!defendants.includes(fields.defendant)) {
    const message = fields.defendant
      ? `'${fields.defendant}' is not a defendant id in case.yaml; known ids: ${defendants.join(", ")}`
      : "no defendant given; every capture belongs to one defendant";
    return {
      ok: false,
      rejected: {
        url: url.url,
        defendant: fields.defendant,
        where: { ...where, field: "defendant" },
        reason: "input",
        message: `${formatLocation({ ...where, field: "defendant" })}: ${message}`,
      },
    };
  }
  const marks = config.marks.map((m) => m.id);
  const unknown = fields.marks.filter((m) => !marks.includes(m));
  if (unknown.length) {
    return {
      ok: false,
      rejected: {
        url: url.url,
        defendant: fields.defendant,
        where: { ...where, field: "marks" },
        reason: "input",
        message:
          `${formatLocation({ ...where, field: "marks" })}: unknown mark id${unknown.length > 1 ? "s" : ""} ` +
          `${unknown.map((m) => `'${m}'`).join(", ")}; known ids: ${marks.join(", ") || "none declared"}`,
      },
    };
  }
  return {
    ok: true,
    target: {
      url: url.url,
      defendant: fields.defendant,
      marks: fields.marks,
      ...(fields.note ? { note: fields.note } : {}),
      hide: fields.hide,
      click: fields.click,
      where,
    },
  };
}

export function targetsFromArgs(
  config: CaseConfig,
  urls: string[],
  opts: { defendant?: string; marks: string[]; note?: string },
): TargetCheck[] {
  return urls.map((raw, i) =>
    checkRow(
      config,
      { url: raw, defendant: opts.defendant ?? "", marks: opts.marks, note: opts.note, hide: [], click: [] },
      { file: "command line", field: `url ${i + 1}` },
    ),
  );
}

/** Rows of a capture list. A file without the needed columns is refused as a whole (nothing to go on). */
export function targetsFromCsv(config: CaseConfig, text: string, shown: string): TargetCheck[] {
  const table = readCsvFile(text, shown);
  const idx = columnIndexes(table.header, COLUMNS);
  const missing = REQUIRED.filter((k) => idx[k] < 0);
  if (missing.length) {
    throw new InvalidInputError(
      { file: shown, line: 1 },
      `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; a capture list has the header: url,defendant,marks,note ` +
        `(optional: hide,click)`,
    );
  }
  const width = table.header.length;
  return table.rows.map((row) => {
    const where = { file: shown, line: row.line };
    if (row.cells.length !== width) {
      const message =
        `${formatLocation(where)}: expected ${width} columns (${table.header.join(", ")}), found ${row.cells.length}; a ` +
        `missing value still needs its comma`;
      return { ok: false as const, rejected: { url: row.cells[idx.url], where, reason: "input" as const, message } };
    }
    const cell = (k: keyof typeof COLUMNS) => (idx[k] >= 0 ? (row.cells[idx[k]] ?? "").trim() : "");
    return checkRow(
      config,
      {
        url: cell("url"),
        defendant: cell("defendant"),
        marks: list(cell("marks"), /[,;\s]+/),
        note: cell("note") || undefined,
        hide: list(cell("hide"), /;/),
        click: list(cell("click"), /;/),
      },
      where,
    );
  });
}
