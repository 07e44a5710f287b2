/**
 * `exhibits doctor`, the pure part: what the system programs print, read (font families from `fc-list`, languages
 * from `tesseract --list-langs`, a program's version from its banner), the Debian package of each thing checked,
 * and the one apt-get command that installs every package missing. No I/O here, so each reading is unit-tested on
 * the outputs these programs give.
 */

/** One thing the machine needs (or is better with), as checked. */
export interface DoctorCheck {
  /** Stable id: "chromium", "qpdf", "tesseract-lang-chi_sim", "fonts-cjk", "disk", … */
  id: string;
  /** Its name for a person. */
  name: string;
  /** "missing": required and not there (exit 5); "warning": there without it some pages or runs suffer. */
  status: "ok" | "missing" | "warning";
  required: boolean;
  /** What was found, when something was. */
  found?: { version?: string; path?: string };
  /** What was found or not, in a sentence. */
  detail: string;
  /** What to do about it, when it is not ok. */
  fix?: string;
  /** The Debian packages that put it right (empty when no package does: disk, memory). */
  packages: string[];
}

/** The families `fc-list PATTERN family` lists, one font a line ("Noto Sans CJK JP,Noto Sans CJK JP Regular"), first names. */
export function fcFamilies(stdout: string): string[] {
  const names = stdout.split("\n").flatMap((line) => {
    const first = line.split(",")[0]!.replace(/\\-/g, "-").trim();
    return first ? [first] : [];
  });
  return [...new Set(names)].sort();
}

/** The version in a program's banner: "qpdf version 11.3.0", "pdftotext version 22.12.0", "Chromium 156.0.8078.114 built on …". */
export function bannerVersion(output: string): string | undefined {
  return /(?:version\s+|\b[A-Za-z][\w-]*\s+v?)(\d+(?:\.\d+)+)/i.exec(output)?.[1];
}

/** Debian's package of tesseract's traineddata for a language code: chi_sim → tesseract-ocr-chi-sim. */
export function tesseractPackage(language: string): string {
  return `tesseract-ocr-${language.toLowerCase().replaceAll("_", "-")}`;
}

/** The scripts whose fonts are checked: fontconfig language codes, and the package that draws them. */
export const FONT_SCRIPTS = [
  { id: "fonts-latin", name: "fonts for Latin script", langs: ["en"], package: "fonts-liberation", required: true },
  {
    id: "fonts-cjk",
    name: "fonts for Chinese, Japanese and Korean",
    langs: ["zh", "ja", "ko"],
    package: "fonts-noto-cjk",
    required: false,
  },
  { id: "fonts-arabic", name: "fonts for Arabic", langs: ["ar"], package: "fonts-noto-core", required: false },
  { id: "fonts-hebrew", name: "fonts for Hebrew", langs: ["he"], package: "fonts-noto-core", required: false },
  { id: "fonts-thai", name: "fonts for Thai", langs: ["th"], package: "fonts-noto-core", required: false },
  { id: "fonts-devanagari", name: "fonts for Devanagari", langs: ["hi"], package: "fonts-noto-core", required: false },
] as const;

/** The templates' own faces: the papers are laid out in them (another face breaks lines and pages elsewhere). */
export const TEMPLATE_FAMILIES = ["Liberation Serif", "Liberation Sans", "Liberation Mono"];

/** Colour emoji: a font covering U+1F600 that fontconfig says is in colour, or is Noto Color Emoji by name. */
export function hasColourEmoji(anyCovering: string[], colourCovering: string[]): boolean {
  return colourCovering.length > 0 || anyCovering.some((f) => /color emoji/i.test(f));
}

/** The one command that installs every package the checks not ok name (each once, in the order first named). */
export function aptCommand(checks: readonly DoctorCheck[]): string | undefined {
  const packages = [...new Set(checks.filter((c) => c.status !== "ok").flatMap((c) => c.packages))];
  return packages.length ? `sudo apt-get install -y --no-install-recommends ${packages.join(" ")}` : undefined;
}

const STATUS = { ok: "ok     ", missing: "MISSING", warning: "WARNING" } as const;

/** One line per check, then what is missing and the command that installs it. */
export function formatDoctor(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  const lines = checks.map((c) => `${STATUS[c.status]} ${c.id.padEnd(width)}  ${c.detail}`);
  const missing = checks.filter((c) => c.status === "missing");
  const warned = checks.filter((c) => c.status === "warning");
  lines.push("");
  if (missing.length === 0 && warned.length === 0) lines.push("Everything exhibits needs is here.");
  if (missing.length) lines.push(`Missing (required): ${missing.map((c) => c.name).join(", ")}`);
  for (const c of [...missing, ...warned]) if (c.fix) lines.push(`  ${c.id}: ${c.fix}`);
  const apt = aptCommand(checks);
  if (apt) lines.push("", `Install what is missing (Debian/Ubuntu):`, `  ${apt}`);
  return lines.join("\n");
}
