/**
 * What to say about a character Chromium could not draw (glyph-check.ts found it): its code point and script,
 * and whose problem it is. A character no standard font draws (private use, unassigned, a control
 * character) is a problem of the input: exit 3, naming the file and field or message it is in. A character
 * of a script that a standard Debian font package covers is a problem of the machine: exit 5, naming the
 * package to install. fontconfig is asked only here, when a build is already failing.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { EnvironmentError, InvalidInputError, formatLocation, type ExhibitsError, type SourceLocation } from "../util/errors.js";
import type { UndrawnCharacters } from "./glyph-check.js";

const run = promisify(execFile);

/** Scripts named in messages (the first that matches); others are described by their category. */
const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Armenian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Nko",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Georgian",
  "Hangul",
  "Ethiopic",
  "Cherokee",
  "Canadian_Aboriginal",
  "Khmer",
  "Mongolian",
  "Hiragana",
  "Katakana",
  "Bopomofo",
  "Han",
  "Yi",
  "Tangut",
  "Javanese",
  "Balinese",
  "Tifinagh",
  "Vai",
  "Adlam",
  "Braille",
].map((s) => [s.replaceAll("_", " "), new RegExp(`\\p{Script=${s}}`, "u")] as const);

const CATEGORIES: [RegExp, string][] = [
  [/\p{Co}/u, "private use"],
  [/\p{Cn}/u, "unassigned"],
  [/\p{Cs}/u, "lone surrogate"],
  [/\p{Cc}/u, "control character"],
  [/\p{Cf}/u, "format character"],
  [/\p{Extended_Pictographic}|\p{Regional_Indicator}/u, "emoji"],
  [/\p{M}/u, "combining mark"],
  [/\p{N}/u, "digit or number"],
  [/\p{P}/u, "punctuation"],
  [/\p{Sm}/u, "mathematical symbol"],
  [/\p{S}/u, "symbol"],
];

/** Code points no font package is meant to draw: the input has to change, not the machine. */
const NO_STANDARD_FONT = /[\p{Co}\p{Cn}\p{Cs}\p{Cc}]/u;

/** "U+4E2D 中 (Han script)", "U+E000 (private use)". */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const category = CATEGORIES.find(([re]) => re.test(ch))?.[1];
  const script = SCRIPTS.find(([, re]) => re.test(ch))?.[0];
  const shown = NO_STANDARD_FONT.test(ch) || /[\p{Cf}\p{Z}]/u.test(ch) ? "" : /\p{M}/u.test(ch) ? ` ◌${ch}` : ` ${ch}`;
  const what = category === "emoji" || category === "combining mark" || !script ? (category ?? "symbol") : `${script} script`;
  return `${code}${shown} (${what})`;
}

const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\u3200-\u33ff\uff00-\uffef]/u;

/** The Debian font packages that draw `ch`, in the order to suggest them. */
export function fontPackagesFor(ch: string): string[] {
  if (NO_STANDARD_FONT.test(ch)) return [];
  if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(ch) && !/[\p{Script=Han}]/u.test(ch)) return ["fonts-noto-color-emoji"];
  // Noto CJK draws the ideographs in use; HanaMin draws the rare ones of the extensions (U+20000 and on) too.
  if (/\p{Script=Han}/u.test(ch)) return ["fonts-noto-cjk", "fonts-hanazono"];
  if (CJK.test(ch)) return ["fonts-noto-cjk"];
  return ["fonts-noto-core"];
}

/** Each package by the families it installs, as fontconfig lists them. */
const PACKAGE_FAMILIES: Record<string, RegExp> = {
  "fonts-noto-cjk": /^Noto (Sans|Serif)( Mono)? CJK/,
  "fonts-hanazono": /^HanaMin/,
  "fonts-noto-color-emoji": /^Noto Color Emoji/,
  "fonts-noto-core": /^Noto (Sans|Serif) (?!CJK|Mono CJK)\S/,
};

/**
 * What the machine has, as fontconfig (and so Chromium) sees it: the fonts covering a code point, and whether
 * a package's fonts are there. fontconfig rather than dpkg: a package installed where fontconfig does not
 * look (another FONTCONFIG_FILE, a stale cache) is of no use to Chromium either.
 */
export interface FontProbe {
  covering(codePoint: number): Promise<string[]>;
  installed(pkg: string): Promise<boolean>;
}

const families = async (pattern: string) => {
  const out = await run("fc-list", [pattern, "family"]).catch(() => ({ stdout: "" }));
  return [...new Set(out.stdout.split("\n").flatMap((l) => (l.trim() ? [l.split(",")[0]!.trim()] : [])))].sort();
};
let allFamilies: Promise<string[]> | undefined;

export const systemFonts: FontProbe = {
  covering: (codePoint) => families(`:charset=${codePoint.toString(16)}`),
  async installed(pkg) {
    const known = PACKAGE_FAMILIES[pkg];
    return known !== undefined && (await (allFamilies ??= families(":"))).some((f) => known.test(f));
  },
};

/** Characters said in full (with their places and what to do) in one error; the others are listed by code point. */
const SAID_IN_FULL = 8;
/** Places named for one character. */
const PLACES_SHOWN = 3;

/** Where a character of a print came from: the case's file, and its field or message. */
export type UndrawnPlace = SourceLocation;

/** What the user can do about one character, and whether the input (rather than the machine) has to change. */
async function advice(ch: string, probe: FontProbe): Promise<{ input: boolean; says: string }> {
  if (NO_STANDARD_FONT.test(ch)) {
    return { input: true, says: "no standard font has a glyph for it; install a font that has one, or leave this evidence out" };
  }
  const families = await probe.covering(ch.codePointAt(0)!);
  if (families.length > 0) {
    return {
      input: false,
      says: `installed fonts cover it (${families.slice(0, 3).join(", ")}) but Chromium did not find them; run fc-cache -f and build again`,
    };
  }
  for (const pkg of fontPackagesFor(ch)) {
    if ((await probe.installed(pkg)) !== true)
      return { input: false, says: `install ${pkg} (sudo apt-get install ${pkg}) and build again` };
  }
  return { input: false, says: "no font installed here covers it; install a font that does and build again" };
}

/**
 * The error a build stops with when a print of `document` did not draw every character: each character with
 * the places it is in (`places`; none found: the document as a whole), and what to do about it.
 */
export async function undrawnError(
  undrawn: UndrawnCharacters,
  document: string,
  places: (ch: string) => UndrawnPlace[],
  probe: FontProbe = systemFonts,
): Promise<ExhibitsError> {
  if (undrawn.characters.length === 0) {
    const where = [...new Set(undrawn.boxes.map((b) => `${b.font} on page ${b.page + 1}`))].join(", ");
    return new EnvironmentError(
      `${document}: Chromium drew ${undrawn.boxes.length} glyph(s) as empty boxes (.notdef) in ${where}, for characters it did ` +
        "not name; install fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji (scripts/system-deps.sh) and build again",
    );
  }
  // The characters no font draws first (the error is theirs); a few said in full, the rest counted, so that a
  // chat in a script with no font installed gives a readable message (and asks fontconfig a few times, not hundreds).
  const chars = [...undrawn.characters].sort((a, b) => Number(!NO_STANDARD_FONT.test(a)) - Number(!NO_STANDARD_FONT.test(b)));
  const lines: { input: boolean; at: UndrawnPlace; what: string; where: string; says: string }[] = [];
  for (const ch of chars.slice(0, SAID_IN_FULL)) {
    const found = places(ch);
    const { input, says } = await advice(ch, probe);
    const shown = found.slice(0, PLACES_SHOWN).map(formatLocation);
    if (found.length > PLACES_SHOWN) shown.push(`${found.length - PLACES_SHOWN} more places`);
    lines.push({ input, at: found[0] ?? { file: document }, what: describeCharacter(ch), where: shown.join("; ") || document, says });
  }
  const rest = chars.slice(SAID_IN_FULL);
  const restPackages = [...new Set(rest.flatMap((c) => fontPackagesFor(c).slice(0, 1)))].sort();
  const drawnBy = restPackages.length ? ` (drawn by ${restPackages.join(", ")})` : "";
  const more = rest.length
    ? `\n  and ${rest.length} more${drawnBy}: ${rest
        .slice(0, 40)
        .map((c) => describeCharacter(c).replace(/ \(.*\)$/, ""))
        .join(", ")}${rest.length > 40 ? ", …" : ""}`
    : "";
  const first = lines.find((l) => l.input);
  if (first) {
    // The location names the first character's file and field; any other character is listed with its own.
    const others = lines.filter((l) => l !== first).map((l) => `\n  also ${l.what} in ${l.where}: ${l.says}`);
    const elsewhere = first.where === formatLocation(first.at) ? "" : ` (also in ${first.where})`;
    return new InvalidInputError(
      first.at,
      `${first.what} cannot be printed${elsewhere}: ${first.says} (Chromium would draw an empty box)${others.join("")}${more}`,
    );
  }
  const body = lines.map((l) => `${l.what} in ${l.where}: ${l.says}`).join("\n  ");
  return new EnvironmentError(`Chromium has no font for every character of ${document} (it would draw empty boxes):\n  ${body}${more}`);
}
