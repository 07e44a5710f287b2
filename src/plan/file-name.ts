/**
 * Exhibit file names: "<number> <defendant> - <title>.pdf", safe on Windows, macOS and Linux. The one place where
 * case text becomes a file name: characters a file system or a reader would misread are replaced (separators,
 * control characters, newlines) or dropped (bidi controls such as U+202E and every other invisible format
 * character, which could make `Invoice‮gnp.exe.pdf` display as `Invoice…exe.png`), and each part is cut to a
 * number of UTF-8 bytes at a character boundary (never inside a surrogate pair, a UTF-8 sequence or a grapheme),
 * so the whole name, with a volume's " (Part k of n)" suffix, stays well under the 255-byte limit of a file name.
 * The label (unique per exhibit) comes first and is never cut away, so the names stay unique; the cut is
 * deterministic.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u2028\u2029]/g;
/** Invisible format characters (Unicode category Cf: bidi controls U+202A–202E, U+2066–2069, U+200E/F, U+061C, ZWJ, …). */
const INVISIBLE = /\p{Cf}/gu;

/** Bytes each part of an exhibit file name may take (UTF-8): 40 + 1 + 60 + 3 + 100 + 4 = 208, under 255 with a suffix. */
const BYTES = { label: 40, defendant: 60, title: 100 } as const;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** `s` cut to at most `maxBytes` bytes of UTF-8, whole graphemes only (a single over-long grapheme is cut by code point). */
export function cutToBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, "utf8") <= maxBytes) return s;
  let out = "";
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const n = Buffer.byteLength(segment, "utf8");
    if (used + n > maxBytes) {
      if (out === "") for (const cp of segment) if ((used += Buffer.byteLength(cp, "utf8")) <= maxBytes) out += cp;
      break;
    }
    out += segment;
    used += n;
  }
  return out;
}

/** Case text as part of a file name: unsafe characters become spaces, invisible ones go, at most `max` characters and `maxBytes` bytes. */
export function safeName(s: string, max = 80, maxBytes: number = BYTES.title): string {
  const cleaned = s.normalize("NFC").replace(INVISIBLE, "").replace(UNSAFE, " ").replace(/\s+/g, " ").trim();
  const chars = [...cleaned];
  const short = chars.length <= max ? cleaned : chars.slice(0, max).join("");
  return atWordEnd(cleaned, cutToBytes(short, maxBytes))
    .trimEnd()
    .replace(/[. ]+$/, "");
}

/** A cut `part` of `whole` ended at its last space when it fell inside a word ("…test purch" → "…test"), if one is near. */
function atWordEnd(whole: string, part: string): string {
  if (part.length === whole.length || /\s/.test(whole[part.length] ?? " ")) return part;
  const space = part.lastIndexOf(" ");
  return space >= part.length / 2 ? part.slice(0, space) : part;
}

/** The name of an exhibit's own folder (its natives kept beside it): the label its file name begins with, alone. */
export function exhibitFolderName(labelForFile: string): string {
  return safeName(labelForFile, 20, BYTES.label);
}

export function exhibitFileName(labelForFile: string, defendantName: string | undefined, title: string): string {
  const who = defendantName ? ` ${safeName(defendantName, 60, BYTES.defendant)}` : "";
  return `${safeName(labelForFile, 20, BYTES.label)}${who} - ${safeName(title)}.pdf`;
}
